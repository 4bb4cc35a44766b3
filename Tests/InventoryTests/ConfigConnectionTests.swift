import Testing
import Inventory

private let pin = "sha256//" + String(repeating: "C", count: 43) + "="

@Suite struct ConfigConnectionTests {
    static let config: XentuiConfig = {
        let text = """
            [[pool]]
            name = "prod"
            url = "https://10.0.0.1"
            password_command = "pass show prod"
            pin = "\(pin)"
            read_only = true
            accent = "red"

            [[pool]]
            name = "lab"
            url = "http://lab:8080"
            user = "admin"
            password_file = "/secrets/lab"
            """
        return (try? XentuiConfig(parsing: text, path: "/c/config.toml")) ?? XentuiConfig()
    }()

    @Test func noOptionMeansEveryPool() throws {
        let targets = try ConnectionOptions().targets(config: Self.config)
        #expect(targets == [
            PoolTarget(name: "prod", url: PoolURL(isSecure: true, host: "10.0.0.1", port: nil), user: "root",
                       password: .command("pass show prod"), pin: pin, readOnly: true, accent: .named("red")),
            PoolTarget(name: "lab", url: PoolURL(isSecure: false, host: "lab", port: 8080), user: "admin",
                       password: .file("/secrets/lab")),
        ])
    }

    @Test func namedPoolsWithOverrides() throws {
        let options = ConnectionOptions(user: "ops", passwordEnvironment: "PW", pools: ["lab", "prod", "lab"],
                                        insecure: true, readOnly: true)
        let targets = try options.targets(config: Self.config)
        #expect(targets.map(\.name) == ["lab", "prod"])
        #expect(targets.allSatisfy { $0.user == "ops" && $0.password == .environment("PW") && $0.insecure && $0.readOnly })
    }

    @Test func unknownPoolListsTheKnownOnes() {
        #expect(throws: ConfigError(path: nil, line: nil, problem: "no pool named \"dev\" in /c/config.toml; known pools: prod, lab")) {
            try ConnectionOptions(pools: ["dev"]).targets(config: Self.config)
        }
    }

    @Test func adHocURL() throws {
        let targets = try ConnectionOptions(url: "https://xcp-01.example.org:8443", passwordFile: "/pw").targets(config: Self.config)
        #expect(targets == [PoolTarget(name: "xcp-01.example.org",
                                       url: PoolURL(isSecure: true, host: "xcp-01.example.org", port: 8443),
                                       user: "root", password: .file("/pw"))])
        // A URL the config knows lends its learned pin.
        let known = try ConnectionOptions(url: "https://10.0.0.1/").targets(config: Self.config)
        #expect(known.first?.pin == pin && known.first?.name == "10.0.0.1" && known.first?.readOnly == false)
        #expect(throws: ConfigError(path: nil, line: nil, problem: "--url: bad url \"10.0.0.1\": expected https://host[:port] or http://host[:port]")) {
            try ConnectionOptions(url: "10.0.0.1").targets(config: Self.config)
        }
    }

    @Test func conflicts() {
        #expect(throws: ConfigError(path: nil, line: nil, problem: "give only one of --password-env, --password-command")) {
            try ConnectionOptions(url: "https://h", passwordEnvironment: "A", passwordCommand: "c").targets(config: Self.config)
        }
        #expect(throws: ConfigError(path: nil, line: nil, problem: "give --url or --pool, not both")) {
            try ConnectionOptions(url: "https://h", pools: ["prod"]).targets(config: Self.config)
        }
        #expect(throws: ConfigError(path: nil, line: nil, problem: "--demo cannot be combined with --url or --pool")) {
            try ConnectionOptions(demo: true, pools: ["prod"]).targets(config: Self.config)
        }
        #expect(throws: ConfigError(path: nil, line: nil, problem: "no pool to connect to: give --url URL or --demo, or add a [[pool]] to /e/config.toml")) {
            try ConnectionOptions().targets(config: XentuiConfig(path: "/e/config.toml"))
        }
    }

    @Test func demoHasNoTargets() throws {
        #expect(try ConnectionOptions(demo: true).targets(config: Self.config).isEmpty)
    }
}
