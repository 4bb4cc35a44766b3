import ArgumentParser
import Inventory
import XAPI
import XAPISim

/// One pool loaded with its session still logged in, for commands that act on what they load.
struct OpenPool: Sendable {
    var connection: PoolConnection
    var session: XAPISession
    var inventory: PoolInventory
    /// `--read-only`, or `read_only = true` for this pool in the config.
    var readOnly: Bool
}

/// The pools a command acts on, opened together; `close()` logs every session out and stops the
/// demo pools if there are any.
struct OpenPools: Sendable {
    var pools: [OpenPool]
    var failures: [PoolFailure]
    /// Passwords known in memory, for the log's redaction (a second line of defence).
    var secrets: [String]
    private var demo: DemoPools?

    /// Opens the demo pools or the configured ones (`--url`, `--pool`, the config file). Bad
    /// options or config are printed and end with exit 2.
    static func open(_ connection: ConnectionArguments, scope: InventoryLoadScope) async throws -> OpenPools {
        let options = connection.options
        var connections: [(PoolConnection, Bool)] = []
        var demo: DemoPools?
        do {
            if options.demo {
                _ = try options.targets(config: XentuiConfig())
                let pools = try await DemoPools.start()
                demo = pools
                for endpoint in pools.endpoints {
                    guard let host = try? HostURL(parsing: endpoint.url) else { continue }
                    let pool = PoolConnection(
                        name: endpoint.name, host: host, user: endpoint.user, password: .value(endpoint.password))
                    connections.append((pool, options.readOnly))
                }
            } else {
                let config = try XentuiConfig.load(for: options)
                for target in try options.targets(config: config) {
                    connections.append(
                        (try PoolConnection(target: target, fromCommandLine: options.url != nil), target.readOnly))
                }
            }
        } catch let error as ConfigError {
            printError("xentui: \(PrintableText.escaped(error.description))")
            throw ExitCode(2)
        } catch let error as XAPITransportError {
            printError("xentui: \(PrintableText.escaped(error.description))")
            throw ExitCode(2)
        }
        let wire = connection.wireProtocol.preference
        let configPath = options.configPath ?? XentuiConfig.defaultPath()
        let results = await withTaskGroup(of: (Int, Result<OpenPool, PoolFailure>).self) { group in
            for (index, (pool, readOnly)) in connections.enumerated() {
                group.addTask { (index, await Self.open(pool, readOnly: readOnly, scope: scope, wire: wire, configPath: configPath)) }
            }
            var results = [Result<OpenPool, PoolFailure>?](repeating: nil, count: connections.count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
        var opened = OpenPools(pools: [], failures: [], secrets: [], demo: demo)
        for result in results {
            switch result {
            case .success(let pool): opened.pools.append(pool)
            case .failure(let failure): opened.failures.append(failure)
            }
        }
        opened.secrets = connections.compactMap { pool, _ in pool.knownSecret }
        return opened
    }

    private static func open(_ connection: PoolConnection, readOnly: Bool, scope: InventoryLoadScope,
                             wire: XAPIProtocolPreference, configPath: String) async -> Result<OpenPool, PoolFailure> {
        let session = connection.session(wireProtocol: wire, callTimeout: 300)
        do {
            try await session.login()
            let inventory = try await PoolInventory.load(
                from: session, name: connection.name, master: await session.host, scope: scope)
            return .success(OpenPool(connection: connection, session: session, inventory: inventory, readOnly: readOnly))
        } catch {
            await session.logout()
            var failure = PoolFailure(pool: connection.name, error: error)
            if case .tlsVerificationFailed(_, _, let pin?)? = error as? XAPITransportError {
                failure.lines += TrustPrompt.advice(pool: connection.name, pin: pin, configPath: configPath)
            }
            return .failure(failure)
        }
    }

    func close() async {
        for pool in pools { await pool.session.logout() }
        await demo?.stop()
    }
}
