import ArgumentParser
import Foundation
import Inventory
import Terminal
import UI
import XAPI
import XAPISim

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `xentui` / `xentui ui`: the interactive terminal UI over every chosen pool.
struct UICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui", abstract: "The interactive terminal UI (what `xentui` runs without a subcommand).")

    @OptionGroup var connection: ConnectionArguments
    @Option(help: ArgumentHelp("The colour theme (built in: dark, light, high-contrast, solarized-dark, nord, mono).", valueName: "name"))
    var theme: String?
    @Option(help: ArgumentHelp("The keymap (built in: default, vim, emacs).", valueName: "name"))
    var keymap: String?

    func run() async throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            printError("xentui: the interactive UI needs a terminal; for scripts use `xentui ls` (see `xentui --help`)")
            throw ExitCode(2)
        }
        var setup = UISetup(connection: connection)
        let config = setup.loadConfig()
        let pools: [UIPool]
        var demo: DemoPools?
        if connection.demo {
            do {
                let started = try await DemoPools.start()
                demo = started
                pools = try started.endpoints.map { endpoint throws(XAPITransportError) in try UIPool(demo: endpoint) }
            } catch {
                printError("xentui: cannot start the demo pools: \(error)")
                throw ExitCode(3)
            }
        } else {
            pools = setup.targets(config: config)
            if pools.isEmpty, setup.messages.isEmpty {
                printError(UISetup.noPoolsMessage(configPath: config.path ?? XentuiConfig.defaultPath()))
                throw ExitCode(2)
            }
        }
        var options = setup.interfaceOptions(config: config, theme: theme, keymap: keymap, pools: pools)
        let wire = connection.wireProtocol.preference
        let syncs: [PoolSync]
        let cache = demo == nil ? UIPoolCache() : nil
        if let cache {
            let (cached, messages) = await cache.load(pools)
            options.startupMessages += messages
            options.messages = cache.failures
            syncs = pools.map { $0.sync(wireProtocol: wire, cached: cached[$0.name], cacheWriter: cache.writer(for: $0)) }
        } else {
            syncs = pools.map { $0.sync(wireProtocol: wire) }
        }
        let inventory = MultiPoolInventory(pools: syncs)
        let performer = UIActionPerformer(pools: pools, wireProtocol: wire)
        options.performer = performer
        options.consoleOpener = performer
        let stats = UIStatsSource(pools: pools, demo: connection.demo, wireProtocol: wire)
        options.statsFetch = stats.fetch
        do {
            try await runInteractiveUI(inventory: inventory, options: options)
        } catch {
            await performer.logout()
            await stats.logout()
            await demo?.stop()
            printError("xentui: \(error)")
            throw ExitCode(2)
        }
        await performer.logout()
        await stats.logout()
        await demo?.stop()
        for failure in await inventory.saveCaches() {
            printError("xentui: \(PrintableText.escaped(failure.description))")
        }
    }
}
