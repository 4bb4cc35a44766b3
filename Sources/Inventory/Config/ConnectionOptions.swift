import XAPI
/// The connection options every xentui command takes, as given on the command line.
public struct ConnectionOptions: Sendable, Hashable {
    public var demo = false
    public var url: String?
    public var user: String?
    public var passwordEnvironment: String?
    public var passwordFile: String?
    public var passwordCommand: String?
    /// `--pool NAME`, repeatable, in the order given.
    public var pools: [String] = []
    public var insecure = false
    public var readOnly = false
    /// `--config FILE`; nil for the default path.
    public var configPath: String?

    public init(demo: Bool = false, url: String? = nil, user: String? = nil, passwordEnvironment: String? = nil,
                passwordFile: String? = nil, passwordCommand: String? = nil, pools: [String] = [],
                insecure: Bool = false, readOnly: Bool = false, configPath: String? = nil) {
        self.demo = demo
        self.url = url
        self.user = user
        self.passwordEnvironment = passwordEnvironment
        self.passwordFile = passwordFile
        self.passwordCommand = passwordCommand
        self.pools = pools
        self.insecure = insecure
        self.readOnly = readOnly
        self.configPath = configPath
    }

    /// The password source given on the command line, if any.
    public func commandLinePassword() throws(ConfigError) -> PasswordSource? {
        let given: [(String, PasswordSource)] = [
            passwordEnvironment.map { ("--password-env", .environment($0)) },
            passwordFile.map { ("--password-file", .file($0)) },
            passwordCommand.map { ("--password-command", .command($0)) },
        ].compactMap { $0 }
        if given.count > 1 {
            throw ConfigError(path: nil, line: nil, problem: "give only one of \(given.map(\.0).joined(separator: ", "))")
        }
        return given.first?.1
    }

    /// The pools to connect to:
    /// - `--url`: one pool named after its host (a config pool with the same url lends its pin);
    /// - `--pool NAME…`: those pools of the config, in order;
    /// - neither: every pool of the config.
    /// Command-line `--user`, password, `--insecure` and `--read-only` apply on top of the
    /// config's values. `--demo` takes no targets (the demo pools are made in the process).
    public func targets(config: XentuiConfig) throws(ConfigError) -> [PoolTarget] {
        let password = try commandLinePassword()
        if demo {
            if url != nil || !pools.isEmpty {
                throw ConfigError(path: nil, line: nil, problem: "--demo cannot be combined with --url or --pool")
            }
            return []
        }
        if let url {
            if !pools.isEmpty { throw ConfigError(path: nil, line: nil, problem: "give --url or --pool, not both") }
            let parsed: PoolURL
            switch PoolURL.parse(url) {
            case .success(let p): parsed = p
            case .failure(let error): throw ConfigError(path: nil, line: nil, problem: "--url: " + error.problem)
            }
            let known = config.pools.first { $0.url == parsed }
            return [PoolTarget(
                name: parsed.host, url: parsed, user: user ?? "root", password: password ?? .none,
                pin: known?.pin, readOnly: readOnly, accent: known?.accent, insecure: insecure)]
        }
        var chosen: [PoolConfig]
        if pools.isEmpty {
            guard !config.pools.isEmpty else {
                throw ConfigError(path: nil, line: nil, problem:
                    "no pool to connect to: give --url URL or --demo, or add a [[pool]] to \(config.path ?? "the config file")")
            }
            chosen = config.pools
        } else {
            chosen = []
            for name in pools {
                guard let pool = config.pool(named: name) else {
                    let known = config.pools.map(\.name)
                    throw ConfigError(path: nil, line: nil, problem: "no pool named \"\(name)\" in \(config.path ?? "the config file"); "
                        + (known.isEmpty ? "it has no [[pool]] tables" : "known pools: " + known.joined(separator: ", ")))
                }
                if !chosen.contains(where: { $0.name == name }) { chosen.append(pool) }
            }
        }
        return chosen.map { pool in
            PoolTarget(name: pool.name, url: pool.url, user: user ?? pool.user, password: password ?? pool.password,
                       pin: pool.pin, readOnly: readOnly || pool.readOnly, accent: pool.accent, insecure: insecure)
        }
    }
}

/// One pool to connect to, everything resolved except the password itself.
public struct PoolTarget: Sendable, Hashable {
    public var name: String
    public var url: PoolURL
    public var user: String
    public var password: PasswordSource
    public var pin: String?
    public var readOnly: Bool
    public var accent: ConfigColor?
    /// Accept any TLS certificate.
    public var insecure: Bool

    public init(name: String, url: PoolURL, user: String = "root", password: PasswordSource = .none, pin: String? = nil,
                readOnly: Bool = false, accent: ConfigColor? = nil, insecure: Bool = false) {
        self.name = name
        self.url = url
        self.user = user
        self.password = password
        self.pin = pin
        self.readOnly = readOnly
        self.accent = accent
        self.insecure = insecure
    }
}
