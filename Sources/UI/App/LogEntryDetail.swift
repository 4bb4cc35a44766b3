import Foundation
import Inventory
import XAPI

/// What `enter` on a log pane entry shows: labelled rows built from the entry's fields alone
/// (the same fields the persistent log keeps), so an earlier run's entry reads as it did live.
struct LogEntryDetail: Hashable, Sendable {
    enum Role: Hashable, Sendable {
        case heading, field, failure, explanation, suggestion, parameter, command, blank
    }

    struct Row: Hashable, Sendable {
        var role: Role
        var label: String
        var value: String
    }

    var title: String
    var rows: [Row]

    init(_ entry: LogPaneEntry) {
        var rows: [Row] = []
        func add(_ role: Role, _ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            rows.append(Row(role: role, label: label, value: PrintableText.escaped(value)))
        }
        let earlier = entry.provenance == .earlierRun ? " (earlier run)" : ""
        switch entry.kind {
        case .task:
            let task = entry.task
            title = "Task \(task?.name ?? entry.call ?? "")\(earlier)"
            add(.heading, "Task", task?.name ?? entry.call)
            add(.field, "Object", Self.objectText(entry.object, fallback: task?.objectName))
            add(.field, "Pool", entry.pool)
            add(.field, "Call", entry.call.map { "Async." + $0 })
            if let task {
                add(task.isFailure ? .failure : .field, "Status", Self.statusText(task.outcome))
                if case .running(let progress) = task.outcome { add(.field, "Progress", "\(Int((progress * 100).rounded()))%") }
                add(.field, "Created", Self.timeText(task.started))
                add(.field, "Finished", task.finished.map(Self.timeText))
                add(.field, "Duration", task.finished.map { LogView.duration(max(0, $0.timeIntervalSince(task.started))) })
            }
        case .alert:
            title = "Alert \(entry.alertName ?? "")\(earlier)"
            add(.heading, "Alert", entry.alertName)
            add(entry.level == .error ? .failure : .field, "Priority", entry.priority.map(Self.priorityText))
            add(.field, "Object", Self.objectText(entry.object, fallback: nil))
            add(.field, "Pool", entry.pool)
            add(.field, "Time", Self.timeText(entry.time))
            add(.explanation, "Body", entry.message ?? "(no body)")
        case .connection:
            title = "Connection \(entry.pool)\(earlier)"
            add(.heading, "Connection", entry.pool)
            add(.field, "Time", Self.timeText(entry.time))
            add(entry.level == .error ? .failure : .field, "State", entry.text)
        case .action, .error:
            title = (entry.kind == .error ? "Error" : "Action") + earlier
            add(.heading, entry.kind == .error ? "Error" : "Action", entry.text)
            add(.field, "Object", Self.objectText(entry.object, fallback: nil))
            add(.field, "Pool", entry.pool)
            add(.field, "Call", entry.call)
            add(.field, "Time", Self.timeText(entry.time))
        }
        rows += Self.errorRows(entry)
        if let xe = entry.xe, !rows.contains(where: { $0.role == .command }) {
            rows.append(Row(role: .command, label: "xe", value: PrintableText.escaped(xe)))
        }
        self.rows = rows
    }

    /// The error's code, explanation, parameters (by the datamodel's names) and xe line.
    static func errorRows(_ entry: LogPaneEntry) -> [Row] {
        let detail: ErrorDetail
        if let problem = entry.connectionProblem {
            detail = ErrorDetail(problem: problem, pool: nil)
        } else if let error = entry.error, let code = error.first {
            guard entry.kind != .connection else {
                // An earlier run's connection problem: its facts and the words written then.
                var rows = [Row(role: .failure, label: "Error", value: PrintableText.escaped(code))]
                for (index, value) in error.dropFirst().enumerated() {
                    rows.append(Row(role: .parameter, label: "param \(index + 1)", value: PrintableText.escaped(value)))
                }
                if let message = entry.message { rows.append(Row(role: .explanation, label: "What happened", value: PrintableText.escaped(message))) }
                return [Row(role: .blank, label: "", value: "")] + rows
            }
            let xapiError = XAPIError(code: code, params: Array(error.dropFirst()), call: entry.call, object: entry.object?.name)
            // Pool, object and call are rows of their own above.
            detail = ErrorDetail(explanation: ErrorExplanation.explain(xapiError), call: nil, pool: nil, object: nil, xe: entry.xe)
        } else {
            return []
        }
        var rows = [Row(role: .blank, label: "", value: "")]
        // The code and its parameters first, then what they mean.
        let fields = detail.fields.filter { $0.kind == .title || $0.kind == .parameter } + detail.fields.filter { $0.kind != .title && $0.kind != .parameter }
        for field in fields {
            let value = PrintableText.escaped(field.value)
            switch field.kind {
            case .title: rows.append(Row(role: .failure, label: "Error", value: "\(field.label): \(value)"))
            case .origin, .context: rows.append(Row(role: .field, label: field.label, value: value))
            case .explanation: rows.append(Row(role: .explanation, label: field.label, value: value))
            case .suggestion: rows.append(Row(role: .suggestion, label: field.label, value: value))
            case .parameter: rows.append(Row(role: .parameter, label: field.label, value: value))
            case .command: rows.append(Row(role: .command, label: field.label, value: value))
            }
        }
        return rows
    }

    /// `VM web-01 (4e1b13ab-…)`, or what is known of it.
    static func objectText(_ object: LogObject?, fallback: String?) -> String? {
        guard let object else { return fallback.flatMap { $0.isEmpty ? nil : $0 } }
        var words: [String] = []
        if let className = object.className { words.append(className) }
        if let name = object.name ?? fallback, !name.isEmpty { words.append(name) }
        if let uuid = object.uuid { words.append("(\(uuid))") }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    static func statusText(_ outcome: LogTask.Outcome) -> String {
        switch outcome {
        case .running: "running"
        case .succeeded: "succeeded"
        case .failed(let code, _): "failed: \(code)"
        case .cancelled: "cancelled"
        case .endedUnknown: "ended (result unknown)"
        }
    }

    /// XAPI's message priorities.
    static func priorityText(_ priority: Int) -> String {
        switch priority {
        case ...1: "P\(priority) (data loss imminent)"
        case 2: "P2 (service loss imminent)"
        case 3: "P3 (service degraded)"
        case 4: "P4 (service recovered)"
        default: "P\(priority) (informational)"
        }
    }

    /// `2025-11-24 16:00:03 UTC`, like the pane's clock.
    static func timeText(_ date: Date) -> String {
        let text = LogTimestamp(date).rfc3339
        let day = text.prefix(10)
        return "\(day) \(LogView.clock(date)) UTC"
    }
}
