import Foundation
import Inventory

/// The one place where a line of the log pane becomes a line of the persistent log and back,
/// so that an earlier run's entry opens the same detail view as it did when it happened.
///
/// Fields beyond `LogEntry`'s are folded into it: an alert's priority is its `status` (`P2`)
/// and its name leads its `message` (`VM_CRASHED: body`); a task's end carries its duration at
/// the end of its `message` (`…, took 1.2s`, as `xentui vm` writes it).
extension LogPaneEntry {
    static let durationMarker = ", took "
    static let explanationMarker = " — "

    /// The entry as the persistent log writes it.
    public var logEntry: LogEntry {
        var entry = LogEntry(ts: LogTimestamp(time), level: level.logLevel, kind: kind.logKind, pool: pool.isEmpty ? nil : pool,
                             object: object, call: call, status: status, error: error, message: text, xe: xe)
        switch kind {
        case .alert:
            entry.status = priority.map { "P\($0)" }
            entry.message = [alertName, message].compactMap { $0 }.joined(separator: ": ")
        case .connection:
            // The problem in words follows the state, so the earlier run's detail can explain it.
            if let message { entry.message = text + Self.explanationMarker + message }
        case .task:
            guard let task else { break }
            entry.task = task.ref
            switch task.outcome {
            case .running(let progress):
                entry.status = "pending"
                entry.progress = progress
            case .succeeded: entry.status = "success"
            case .failed: entry.status = "failure"
            case .cancelled: entry.status = "cancelled"
            case .endedUnknown: entry.status = "unknown"
            }
            if let finished = task.finished {
                entry.ts = LogTimestamp(finished)
                let seconds = (max(0, finished.timeIntervalSince(task.started)) * 10).rounded() / 10
                entry.message = text + Self.durationMarker + "\(seconds)s"
            }
        case .action, .error: break
        }
        return entry
    }

    /// An entry of an earlier run, read back from the persistent log.
    public init(logEntry entry: LogEntry) {
        let time = entry.ts.date
        let pool = entry.pool ?? ""
        let text = PrintableText.escaped(entry.message ?? entry.call ?? entry.kind.rawValue)
        self.init(time: time, level: Level(entry.level, status: entry.status), kind: Kind(entry.kind), pool: pool, text: text)
        provenance = .earlierRun
        object = entry.object
        call = entry.call
        error = entry.error
        xe = entry.xe
        status = entry.status
        switch entry.kind {
        case .alert:
            priority = entry.status.flatMap { $0.hasPrefix("P") ? Int($0.dropFirst()) : nil }
            let parts = (entry.message ?? "").split(separator: ": ", maxSplits: 1).map(String.init)
            alertName = parts.first
            message = parts.count > 1 ? parts[1] : nil
            self.text = Self.alertText(pool: pool, priority: priority, name: alertName ?? "alert", object: object)
        case .task:
            let task = Self.task(from: entry)
            self.task = task
            self.time = task.started  // a task's line shows when it started, as it did live
            if let marker = text.range(of: Self.durationMarker, options: .backwards) { self.text = String(text[..<marker.lowerBound]) }
        case .connection:
            if let separator = text.range(of: Self.explanationMarker) {
                message = String(text[separator.upperBound...])
                self.text = String(text[..<separator.lowerBound])
            }
        case .action, .error:
            break
        }
    }

    /// A task line as it ended (or started) in an earlier run; its duration from the message.
    private static func task(from entry: LogEntry) -> LogTask {
        let outcome: LogTask.Outcome
        switch entry.status {
        case "pending": outcome = .running(progress: entry.progress ?? 0)
        case "success": outcome = .succeeded
        case "failure": outcome = .failed(code: entry.error?.first ?? "UNKNOWN_ERROR", params: Array((entry.error ?? []).dropFirst()))
        case "cancelled": outcome = .cancelled
        default: outcome = .endedUnknown
        }
        let ended: Bool
        if case .running = outcome { ended = false } else { ended = true }
        let end = entry.ts.date
        var seconds: Double = 0
        if let message = entry.message, let marker = message.range(of: durationMarker, options: .backwards), message.hasSuffix("s") {
            seconds = Double(message[marker.upperBound...].dropLast()) ?? 0
        }
        return LogTask(ref: entry.task ?? "", name: entry.call ?? "task", object: nil, objectName: entry.object?.name ?? "",
                       outcome: outcome, started: ended ? end.addingTimeInterval(-seconds) : end, finished: ended ? end : nil)
    }
}

extension LogPaneEntry.Level {
    var logLevel: LogLevel {
        switch self {
        case .info, .success, .progress: .info
        case .warning: .warn
        case .error: .error
        }
    }

    init(_ level: LogLevel, status: String?) {
        switch level {
        case .error: self = .error
        case .warn: self = .warning
        case .info: self = status == "success" || status == "live" ? .success : .info
        }
    }
}

extension LogPaneEntry.Kind {
    var logKind: LogKind {
        switch self {
        case .connection: .connection
        case .alert: .alert
        case .task: .task
        case .action: .action
        case .error: .error
        }
    }

    init(_ kind: LogKind) {
        switch kind {
        case .connection: self = .connection
        case .alert: self = .alert
        case .task: self = .task
        case .action: self = .action
        case .error: self = .error
        }
    }
}

extension LogTimestamp {
    init(_ date: Date) {
        self.init(millisecondsSinceEpoch: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    var date: Date { Date(timeIntervalSince1970: Double(millisecondsSinceEpoch) / 1000) }
}
