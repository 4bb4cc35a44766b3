import XAPI

/// Turns requests and outcomes into persistent-log entries, so the CLI and the UI write
/// identical lines: `call` without `Async.`, the target as `object`, the task ref, the status,
/// XAPI's error description in `error`, our explanation in `message`, and the `xe` line.
public enum ActionLogEntries {
    /// The action was called and XAPI gave it a task (kind `action`, status `pending`).
    public static func started(_ request: ActionRequest, task: Ref<TaskRecord>, at ts: LogTimestamp = .now()) -> LogEntry {
        LogEntry(
            ts: ts, level: .info, kind: .action, pool: request.pool, object: request.target,
            call: request.action.call, task: task.rawValue, status: "pending", message: description(of: request),
            xe: xe(request))
    }

    /// The task ended (kind `task`): info on success, error on failure, warn when cancelled.
    public static func finished(
        _ request: ActionRequest, task: Ref<TaskRecord>, outcome: TaskOutcome, at ts: LogTimestamp = .now()
    ) -> LogEntry {
        var entry = LogEntry(
            ts: ts, level: .info, kind: .task, pool: request.pool, object: request.target, call: request.action.call,
            task: task.rawValue, status: outcome.status, progress: 1, xe: xe(request))
        let took = "took " + secondsText(outcome.seconds)
        switch outcome {
        case .success(let result, _):
            entry.message = description(of: request) + ": done, " + took
                + (request.action.needsName && !result.isEmpty ? " (new VM \(result))" : "")
        case .failure(let error, _):
            entry.level = .error
            entry.error = error.errorDescription
            entry.message = detail(error, request).logMessage
        case .cancelled:
            entry.level = .warn
            entry.message = description(of: request) + ": cancelled after " + secondsText(outcome.seconds)
        }
        return entry
    }

    /// The call itself failed, or was refused before it was made (kind `error`, status `failure`).
    public static func failedToStart(_ request: ActionRequest, error: any Error, at ts: LogTimestamp = .now()) -> LogEntry {
        var entry = LogEntry(
            ts: ts, level: .error, kind: .error, pool: request.pool, object: request.target, call: request.action.call,
            status: "failure", xe: xe(request))
        if let xapiError = error as? XAPIError {
            entry.error = xapiError.errorDescription
            entry.message = detail(xapiError, request).logMessage
        } else {
            entry.message = description(of: request) + " could not be started: " + PrintableText.escaped("\(error)")
        }
        return entry
    }

    /// The whole explanation of a failure of this request, with the request's names and xe line.
    public static func detail(_ error: XAPIError, _ request: ActionRequest) -> ErrorDetail {
        ErrorDetail(
            error: error, explanation: ErrorExplanation.explain(error, names: request.name(of:)), pool: request.pool,
            objectName: request.targetDisplayName, xe: xe(request))
    }

    /// "start web-01", "migrate web-01 to host-2", "snapshot web-01 as 'nightly'".
    public static func description(of request: ActionRequest) -> String {
        var text = request.action.label + " " + request.targetDisplayName
        if let host = request.host { text += (request.action == .migrate ? " to " : " on ") + host.name }
        if let name = request.newName { text += " as '" + name + "'" }
        return PrintableText.escaped(text)
    }

    private static func xe(_ request: ActionRequest) -> String? { request.xe.isEmpty ? nil : request.xe }

    static func secondsText(_ seconds: Double) -> String {
        let tenths = (max(0, seconds) * 10).rounded()
        return String(Int(tenths) / 10) + "." + String(Int(tenths) % 10) + "s"
    }
}
