import ArgumentParser
import Foundation
import Inventory

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `xentui log`: the persistent log (PRODUCT §5), newest last like `tail`; `-f` keeps following
/// it, also while another xentui writes to it, and across rotation.
struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Print the persistent log of actions, tasks, errors and alerts.",
        discussion: "The log is log.jsonl in $XENTUI_STATE_DIR, else $XDG_STATE_HOME/xentui, else ~/.local/state/xentui.")

    @Flag(name: [.customShort("f"), .customLong("follow")], help: "Keep printing entries as they are written (Ctrl-C ends).")
    var follow = false
    @Option(name: .customShort("n"), help: ArgumentHelp("How many of the last entries to print.", valueName: "N"))
    var count = 20
    @Option(help: ArgumentHelp("Only entries at this level or above.", valueName: "info|warn|error")) var level: LogLevel?
    @Option(help: ArgumentHelp("Only entries of this pool (its configured name).", valueName: "name")) var pool: String?
    @Flag(help: "Print the entries as JSON Lines, as the file holds them.") var json = false

    func validate() throws {
        if count < 0 { throw ValidationError("-n takes a number of entries, 0 or more") }
    }

    func run() async throws {
        guard let directory = XentuiPaths().stateDirectory else {
            printError("xentui: no folder for the log: set XENTUI_STATE_DIR, XDG_STATE_HOME or HOME")
            throw ExitCode(2)
        }
        let log = PersistentLog(directory: directory)
        let filter = LogFilter(minimumLevel: level, pool: pool)
        let printer = LogPrinter(json: json)
        let exists = ([log.path] + (1...PersistentLog.rotatedFileCount).map(log.rotatedPath)).contains {
            FileManager.default.fileExists(atPath: $0)
        }
        var position = LogPosition.beforeStart
        if exists {
            let excerpt = log.read(last: count, filter: filter)
            printer.print(excerpt.entries)
            if excerpt.damagedLines > 0 {
                printError("xentui: skipped \(excerpt.damagedLines) damaged line\(excerpt.damagedLines == 1 ? "" : "s") of \(log.path)")
            }
            for problem in excerpt.problems { printError("xentui: " + PrintableText.escaped(problem.description)) }
            position = excerpt.end
        } else {
            printError("xentui: no log yet: \(log.path) does not exist" + (follow ? "; waiting for it" : ""))
        }
        guard follow else { return }
        LogFollowing.endOnInterrupt()
        await LogFollowing.run(log: log, from: position, filter: filter, printer: printer)
    }
}

extension LogLevel: ExpressibleByArgument {}

/// Prints entries as text lines or as JSON Lines.
struct LogPrinter: Sendable {
    var json: Bool
    var format = LogTextFormat(showsDate: true)

    func print(_ entries: [LogEntry]) {
        guard !entries.isEmpty else { return }
        printOutput(entries.map { (json ? $0.json : format.line(for: $0)) + "\n" }.joined())
    }
}

/// `xentui log -f`: a thread of its own waits on the log and prints what arrives, with a
/// note on standard error for each damaged line or read problem; it ends with the process
/// (Ctrl-C, or standard output going away).
enum LogFollowing {
    static func run(log: PersistentLog, from position: LogPosition, filter: LogFilter, printer: LogPrinter) async {
        await withCheckedContinuation { (ended: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                let follower = LogFollower(log: log, from: position, filter: filter)
                var damaged = 0
                var lastProblem: String?
                while !Thread.current.isCancelled {
                    printer.print(follower.nextBatch(timeoutMilliseconds: 1000))
                    if follower.damagedLines > damaged {
                        let skipped = follower.damagedLines - damaged
                        damaged = follower.damagedLines
                        printError("xentui: skipped \(skipped) damaged line\(skipped == 1 ? "" : "s") of \(log.path)")
                    }
                    let problem = follower.problem.map { PrintableText.escaped($0.description) }
                    if let problem, problem != lastProblem { printError("xentui: " + problem) }
                    lastProblem = problem
                }
                ended.resume()
            }
            thread.start()
        }
    }

    /// Ctrl-C (or a TERM) ends following quietly with exit 0: it is the normal way to stop.
    static func endOnInterrupt() {
        signal(SIGINT) { _ in _exit(0) }
        signal(SIGTERM) { _ in _exit(0) }
    }
}
