import Foundation
import Inventory
import Terminal
import UI
import XAPI
import XAPISim

/// One pool the UI connects to: the connection `ls` and `vm` use, plus how the UI shows it.
struct UIPool: Sendable {
    var connection: PoolConnection
    var accent: ConfigColor?
    /// `read_only = true` in the config (or `--read-only`): no action runs on this pool.
    var readOnly = false

    var name: String { connection.name }
    var host: HostURL { connection.host }

    init(target: PoolTarget) throws(XAPITransportError) {
        connection = try PoolConnection(target: target, fromCommandLine: false)
        accent = target.accent
        readOnly = target.readOnly
    }

    init(demo endpoint: DemoPools.Endpoint) throws(XAPITransportError) {
        connection = PoolConnection(
            name: endpoint.name, host: try HostURL(parsing: endpoint.url), user: endpoint.user, password: .value(endpoint.password))
        accent = endpoint.name == "prod" ? .named("red") : nil
    }

    /// The pool's event loop, starting from its cached inventory when there is one.
    func sync(wireProtocol: XAPIProtocolPreference, cached: CachedInventory? = nil, cacheWriter: InventoryCacheWriter? = nil) -> PoolSync {
        PoolSync(name: name, address: host, makeSession: sessionMaker(wireProtocol: wireProtocol), cached: cached, cacheWriter: cacheWriter)
    }

    /// Sessions to any of the pool's addresses: for the event loop, and for the actions' own session.
    func sessionMaker(wireProtocol: XAPIProtocolPreference) -> @Sendable (HostURL) -> XAPISession {
        let connection = connection
        return { address in connection.session(at: address, wireProtocol: wireProtocol) }
    }
}

/// Reads the config, theme and keymap for the UI. Problems do not stop it (PRODUCT §5): they
/// become entries of the log pane, and the built-in defaults stay in force.
struct UISetup {
    var connection: ConnectionArguments
    var environment = ProcessInfo.processInfo.environment
    private(set) var messages: [LogPaneEntry] = []

    init(connection: ConnectionArguments) {
        self.connection = connection
    }

    mutating func loadConfig() -> XentuiConfig {
        do {
            return try XentuiConfig.load(for: connection.options)
        } catch {
            problem(error.description)
            return XentuiConfig()
        }
    }

    /// The pools of the config or the command line whose settings are usable.
    mutating func targets(config: XentuiConfig) -> [UIPool] {
        let targets: [PoolTarget]
        do {
            targets = try connection.options.targets(config: config)
        } catch {
            problem(error.description)
            return []
        }
        var pools: [UIPool] = []
        for target in targets {
            do {
                pools.append(try UIPool(target: target))
            } catch {
                problem("pool \(target.name): \(error.description)")
            }
        }
        return pools
    }

    mutating func interfaceOptions(config: XentuiConfig, theme requestedTheme: String?, keymap requestedKeymap: String?,
                                   pools: [UIPool]) -> InteractiveUIOptions {
        let themeName = ThemeLoader.themeName(requested: requestedTheme ?? config.theme, environment: environment)
        let themeResult = ThemeLoader(userDirectory: ThemeLoader.userDirectory(environment: environment)).load(themeName)
        for issue in themeResult.problems { problem(issue.description) }
        let keymapName = requestedKeymap ?? config.keymap ?? KeymapLoader.defaultName
        let keymapResult = KeymapLoader(userDirectory: KeymapLoader.userDirectory(environment: environment)).load(keymapName)
        for issue in keymapResult.problems { problem(issue.description) }

        var accents: [String: TerminalColor] = [:]
        for pool in pools {
            if let accent = pool.accent, let color = ThemeColor.parse(accent.description) { accents[pool.name] = color }
        }
        var startup = messages
        if connection.demo {
            for pool in pools {
                startup.append(LogPaneEntry(time: Date(), level: .info, kind: .connection, pool: pool.name,
                                            text: "\(pool.name): demo pool served at \(pool.host) (user \(pool.connection.user))"))
            }
        }
        var options = InteractiveUIOptions(
            keymap: keymapResult.keymap, theme: themeResult.theme, readOnly: connection.readOnly, demo: connection.demo,
            accents: accents, logPaneHeight: config.logPaneHeight ?? 6, startupMessages: startup,
            readOnlyPools: Set(pools.filter(\.readOnly).map(\.name)))
        options.logDirectory = XentuiPaths(environment: environment).stateDirectory
        // The demo pools' password is public (and a common word the log would mask everywhere).
        options.logSecrets = connection.demo ? [] : pools.compactMap(\.connection.knownSecret)
        return options
    }

    private mutating func problem(_ text: String) {
        messages.append(LogPaneEntry(time: Date(), level: .error, kind: .error, pool: "", text: PrintableText.escaped(text)))
    }

    static func noPoolsMessage(configPath: String) -> String {
        """
        xentui: no pool to connect to.
          Add a [[pool]] with name, url and password_command (or password_file) to \(PrintableText.escaped(configPath)),
          or connect to one pool with --url https://HOST --password-env VAR,
          or try the simulated pools with --demo.
        """
    }
}
