import ArgumentParser
import Inventory
import XAPI

/// `xentui vm ACTION TARGET…`: runs an `Async.VM.*` call on each target, and with `--wait`
/// follows the tasks to their ends (PRODUCT §1). Every start and end lands in the persistent log.
struct VMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vm", abstract: "Run an action on VMs: start, shutdown, reboot, snapshot, migrate…",
        discussion: """
            ACTION is one of: \(ObjectAction.vmCommandNames.joined(separator: ", ")).
            TARGET is a VM's uuid or name_label (naming exactly one VM in the chosen pools); --filter \
            adds every VM the filter matches (never templates, snapshots or control domains).
            hard-shutdown, hard-reboot and destroy ask for confirmation on a terminal; --yes skips it.
            Without --wait the task of each action is printed and the command ends; with --wait it \
            follows every task and exits 1 if any failed.
            """)

    @OptionGroup var connection: ConnectionArguments
    @Argument(help: ArgumentHelp("What to do.", valueName: "action")) var action: String
    @Argument(help: ArgumentHelp("VMs by uuid or name_label.", valueName: "target")) var targets: [String] = []
    @Option(name: .customLong("on"), help: ArgumentHelp("start: the host to start on (name or uuid).", valueName: "host"))
    var onHost: String?
    @Option(name: .customLong("to"), help: ArgumentHelp("migrate: the host to move to (name or uuid).", valueName: "host"))
    var toHost: String?
    @Option(help: ArgumentHelp("snapshot, clone: the new VM's name.", valueName: "name")) var name: String?
    @Option(help: ArgumentHelp("Act on every VM matching this filter (the filter language of the UI).", valueName: "expr"))
    var filter: String?
    @Flag(help: "Follow each task to its end, showing progress on a terminal.") var wait = false
    @Flag(help: "Do not ask before dangerous actions (hard-shutdown, hard-reboot, destroy).") var yes = false

    func run() async throws {
        let chosen = try chosenAction()
        let parsedFilter = try parsedFilter()
        if let refusal = ActionRequest.refusal(chosen, target: [], readOnly: connection.readOnly), connection.readOnly {
            printError("xentui: refusing to \(chosen.label): \(refusal)")
            throw ExitCode(2)
        }
        let opened = try await OpenPools.open(connection, scope: .vms)
        let log = CommandLog(secrets: opened.secrets)
        do {
            let code = try await run(chosen, filter: parsedFilter, in: opened, log: log)
            await opened.close()
            if code != 0 { throw ExitCode(code) }
        } catch {
            await opened.close()
            throw error
        }
    }

    /// Everything after the pools are open; returns the exit code.
    private func run(_ chosen: ObjectAction, filter: Filter?, in opened: OpenPools, log: CommandLog) async throws -> Int32 {
        if let failure = opened.failures.first {
            for failure in opened.failures {
                printError(failure.message, newline: false)
                log.append(LogEntry(level: .error, kind: .connection, pool: failure.pool, status: "failed",
                                    message: failure.lines.joined(separator: " ")))
            }
            if !opened.pools.isEmpty {
                printError("xentui: nothing was done: VM names cannot be resolved while a chosen pool is missing"
                    + " (leave it out with --pool)")
            }
            return failure.exitCode
        }
        let resolver = VMTargetResolver(pools: opened.pools)
        let vms: [VMTarget]
        let requests: [ActionRequest]
        do {
            vms = try resolver.resolve(targets, filter: filter)
            requests = try vms.map { vm throws(TargetProblem) in try request(chosen, vm, resolver: resolver) }
        } catch {
            for line in error.lines { printError("xentui: " + line) }
            return 2
        }
        if vms.isEmpty {
            printError("xentui: no VM matches the filter; nothing was done")
            return 0
        }
        let refused = vms.filter { opened.pools[$0.poolIndex].readOnly }
        if !refused.isEmpty {
            for vm in refused {
                let pool = opened.pools[vm.poolIndex].connection.name
                printError("xentui: refusing to \(chosen.label) \(quoted(vm.record.name_label)): pool \(quoted(pool))"
                    + " is read-only (read_only = true in the config); nothing was done")
            }
            return 2
        }
        if chosen.isDangerous && !yes {
            guard DangerConfirmation.isInteractive else {
                printError(DangerConfirmation.refusal(chosen, count: vms.count))
                return 2
            }
            guard DangerConfirmation.ask(chosen, targets: vms.map(resolver.describe)) else {
                printError("xentui: not confirmed; nothing was done")
                return 2
            }
        }
        let runner = ActionRunning(pools: opened.pools, log: log, wait: wait)
        return await runner.run(requests, poolIndexes: vms.map(\.poolIndex), records: vms.map(\.record))
    }

    private func request(_ chosen: ObjectAction, _ vm: VMTarget, resolver: VMTargetResolver) throws(TargetProblem)
        -> ActionRequest
    {
        var host: ActionHost?
        if let onHost, chosen == .startOn { host = try resolver.host(onHost, for: vm, option: "--on") }
        if let toHost, chosen == .migrate { host = try resolver.host(toHost, for: vm, option: "--to") }
        do {
            return try ActionRequest(
                action: chosen, pool: resolver.pools[vm.poolIndex].connection.name,
                target: LogObject(className: "VM", uuid: vm.record.uuid, name: vm.record.name_label),
                targetRef: vm.ref.rawValue, host: host, newName: name)
        } catch {
            throw TargetProblem(lines: [error.description])
        }
    }

    /// The action from its name and the options that go with it; exit 2 with why otherwise.
    private func chosenAction() throws -> ObjectAction {
        guard let chosen = ObjectAction.vmAction(command: action, withHost: onHost != nil) else {
            printError("xentui: unknown action \(quoted(action)); one of: \(ObjectAction.vmCommandNames.joined(separator: ", "))")
            throw ExitCode(2)
        }
        var problems: [String] = []
        if onHost != nil && chosen != .startOn { problems.append("--on HOST goes with start only") }
        if toHost != nil && chosen != .migrate { problems.append("--to HOST goes with migrate only") }
        if chosen == .migrate && toHost == nil { problems.append("migrate needs --to HOST") }
        if name != nil && !chosen.needsName { problems.append("--name goes with snapshot and clone only") }
        if chosen.needsName && (name ?? "").isEmpty { problems.append("\(chosen.rawValue) needs --name NAME for the new VM") }
        if targets.isEmpty && filter == nil { problems.append("name at least one TARGET (uuid or name_label) or give --filter EXPR") }
        if !problems.isEmpty {
            for problem in problems { printError("xentui: " + problem) }
            throw ExitCode(2)
        }
        return chosen
    }

    private func parsedFilter() throws -> Filter? {
        do {
            return try filter.map { text throws(FilterSyntaxError) in try Filter(text) }
        } catch {
            printError("xentui: bad --filter: \(PrintableText.escaped(error.message)) at column \(error.column)\n  \(PrintableText.escaped(error.filter))\n  \(error.caretLine)")
            throw ExitCode(2)
        }
    }
}
