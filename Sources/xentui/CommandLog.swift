import Foundation
import Inventory

/// The persistent log as a command writes it: a failure to write is said once on standard
/// error and never stops the command (the action matters more than its log line).
final class CommandLog {
    let log: PersistentLog?
    private var warned = false

    init(secrets: [String], environment: [String: String] = ProcessInfo.processInfo.environment) {
        log = XentuiPaths(environment: environment).stateDirectory.map { PersistentLog(directory: $0) }
        for secret in secrets { log?.addSecret(secret) }
    }

    func append(_ entry: LogEntry) {
        guard let log else {
            warnOnce("xentui: no folder for the log (set XENTUI_STATE_DIR, XDG_STATE_HOME or HOME); this run is not logged")
            return
        }
        do {
            try log.append(entry)
        } catch {
            warnOnce("xentui: cannot write the log: \(PrintableText.escaped(error.description))")
        }
    }

    private func warnOnce(_ message: String) {
        guard !warned else { return }
        warned = true
        printError(message)
    }
}
