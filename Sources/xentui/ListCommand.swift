import ArgumentParser
import Inventory
import UI
import XAPI
import XAPISim

/// `xentui ls`: the inventory, for scripts and quick looks.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls", abstract: "Print the inventory: pools, hosts, VMs, SRs, networks, tasks or messages.")

    @OptionGroup var connection: ConnectionArguments
    @Option(name: .customLong("class"), help: ArgumentHelp("What to list.", valueName: "pool|host|vm|sr|network|task|message"))
    var kind: ListingClass = .vm
    @Option(help: ArgumentHelp("Only objects matching this filter (the filter language of the UI).", valueName: "expr"))
    var filter: String?
    @Flag(help: "Include templates, control domains and snapshots.") var all = false
    @Option(help: ArgumentHelp("Output format.", valueName: "tree|table|json")) var format: ListingFormat = .tree

    func run() async throws {
        let parsedFilter: Filter?
        do {
            parsedFilter = try filter.map { text throws(FilterSyntaxError) in try Filter(text) }
        } catch {
            printError("xentui: bad --filter: \(terminalSafe(error.message)) at column \(error.column)\n  \(terminalSafe(error.filter))\n  \(error.caretLine)")
            throw ExitCode(2)
        }
        let listing = InventoryListing(kind: kind, filter: parsedFilter, all: all)
        let loader = InventoryLoader(scope: scope, wireProtocol: connection.wireProtocol.preference)

        var results: [Result<PoolInventory, PoolFailure>]
        if connection.demo {
            results = try await loadDemo(loader)
        } else {
            results = try await loadConfigured(loader)
        }
        let loaded = results.compactMap { try? $0.get() }
        if !loaded.isEmpty || results.isEmpty {
            let pools = listing.pools(loaded)
            printOutput(ListingRenderer.render(pools, kind: kind, format: format, filtered: parsedFilter != nil))
        }
        let failures = results.compactMap { result -> PoolFailure? in
            if case .failure(let failure) = result { return failure }
            return nil
        }
        for failure in failures { printError(failure.message, newline: false) }
        if let first = failures.first { throw ExitCode(first.exitCode) }
    }

    /// The classes to fetch for the chosen listing.
    private var scope: InventoryLoadScope {
        switch kind {
        case .vm: .vms
        case .sr: .srs
        case .network: .networks
        case .task: .tasks
        case .message: .messages
        case .pool, .host: .everything
        }
    }

    private func loadDemo(_ loader: InventoryLoader) async throws -> [Result<PoolInventory, PoolFailure>] {
        do {
            _ = try connection.options.targets(config: XentuiConfig())
        } catch {
            printError("xentui: \(terminalSafe(error.description))")
            throw ExitCode(2)
        }
        let demo = try await DemoPools.start()
        var connections: [PoolConnection] = []
        for endpoint in demo.endpoints {
            guard let host = try? HostURL(parsing: endpoint.url) else { continue }
            connections.append(PoolConnection(name: endpoint.name, host: host, user: endpoint.user, password: .value(endpoint.password)))
        }
        let results = await loader.load(connections)
        await demo.stop()
        return results
    }

    private func loadConfigured(_ loader: InventoryLoader) async throws -> [Result<PoolInventory, PoolFailure>] {
        let options = connection.options
        var config: XentuiConfig
        let targets: [PoolTarget]
        do {
            config = try XentuiConfig.load(for: options)
            targets = try options.targets(config: config)
        } catch {
            printError("xentui: \(terminalSafe(error.description))")
            throw ExitCode(2)
        }
        var connections: [PoolConnection] = []
        for target in targets {
            do {
                connections.append(try PoolConnection(target: target, fromCommandLine: options.url != nil))
            } catch {
                printError("xentui: \(terminalSafe(error.description))")
                throw ExitCode(2)
            }
        }
        var results = await loader.load(connections)
        // Trust on first use: ask, one pool at a time, then load that pool again with its pin.
        for index in results.indices {
            guard case .failure(let failure) = results[index], let pin = failure.untrustedPin,
                connections[index].pin == nil, !connections[index].insecure
            else { continue }
            let configPath = config.path ?? XentuiConfig.defaultPath()
            let name = connections[index].name
            guard TrustPrompt.isInteractive,
                TrustPrompt.ask(pool: name, url: connections[index].host.description, pin: pin, configPath: configPath)
            else {
                var refused = failure
                refused.lines += TrustPrompt.advice(pool: name, pin: pin, configPath: configPath)
                results[index] = .failure(refused)
                continue
            }
            do {
                config = try config.savingPin(pin, forPool: name, url: connections[index].commandLineURL)
                printError("xentui: saved the pin of pool \(terminalSafe(name)) in \(terminalSafe(configPath))")
            } catch {
                results[index] = .failure(PoolFailure(pool: name, exitCode: 2, lines: [terminalSafe(error.description)]))
                continue
            }
            var pinned = connections[index]
            pinned.pin = pin
            results[index] = await loader.load(pinned)
        }
        return results
    }
}

extension ListingClass: ExpressibleByArgument {}
extension ListingFormat: ExpressibleByArgument {}
