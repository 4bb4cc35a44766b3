import Foundation
import XAPI

/// How a task ended.
public enum TaskOutcome: Sendable, Hashable {
    /// `result` is the task's result unwrapped from its XML-RPC `<value>` (the new VM's ref for
    /// snapshot and clone, empty for most calls).
    case success(result: String, seconds: Double)
    case failure(XAPIError, seconds: Double)
    case cancelled(seconds: Double)

    public var seconds: Double {
        switch self {
        case .success(_, let seconds), .failure(_, let seconds), .cancelled(let seconds): seconds
        }
    }

    /// `success`, `failure` or `cancelled`: the log's `status`.
    public var status: String {
        switch self {
        case .success: "success"
        case .failure: "failure"
        case .cancelled: "cancelled"
        }
    }
}

/// Runs requests through a session: the `Async.*` call, then follows the task until it ends by
/// polling `task.get_record`, returning the outcome.
public struct ActionRunner: Sendable {
    public let session: any XAPISessionProtocol
    /// How often a running task is looked at.
    public var pollInterval: Duration

    public init(session: any XAPISessionProtocol, pollInterval: Duration = .milliseconds(500)) {
        self.session = session
        self.pollInterval = pollInterval
    }

    /// Makes the `Async.*` call and returns its task. XAPI refusals are thrown as `XAPIError`
    /// with the call and the target's ref set; transport failures as the session throws them.
    public func start(_ request: ActionRequest) async throws -> Ref<TaskRecord> {
        do {
            let reply = try await session.call(request.action.asyncCall, request.parameters, object: request.targetRef)
            guard let ref = reply.stringValue, ref.hasPrefix("OpaqueRef:") else {
                throw XAPIError(
                    code: "INTERNAL_ERROR", params: ["\(request.action.asyncCall) returned no task reference"],
                    call: request.action.asyncCall, object: request.targetRef)
            }
            return Ref(rawValue: ref)
        } catch var error as XAPIError {
            if error.call == nil { error.call = request.action.asyncCall }
            if error.object == nil { error.object = request.targetRef }
            throw error
        }
    }

    /// Follows `task` until it is no longer pending, calling `progress` (0…1) as it moves.
    /// A failure's error carries the task's `name_label` (`Async.VM.start`) as its call. Throws
    /// when the task cannot be read (it vanished, the connection broke) or when cancelled.
    public func wait(for task: Ref<TaskRecord>, progress: @Sendable (Double) -> Void) async throws -> TaskOutcome {
        let clock = ContinuousClock()
        let begun = clock.now
        var lastProgress = -1.0
        var interval = min(pollInterval, .milliseconds(100))  // short tasks end quickly; look soon at first
        while true {
            let value = try await session.call("task.get_record", [.string(task.rawValue)], object: task.rawValue)
            let record: TaskRecord
            do {
                record = try TaskRecord(value: value)
            } catch {
                throw XAPIError(
                    code: "INTERNAL_ERROR", params: ["task.get_record returned an unreadable record: \(error)"],
                    call: "task.get_record", object: task.rawValue)
            }
            let elapsed = begun.duration(to: clock.now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            switch record.status {
            case .success:
                progress(1)
                return .success(result: Self.unwrappedResult(record.result), seconds: seconds)
            case .failure:
                let error = XAPIError(
                    errorDescription: record.error_info.isEmpty ? ["UNKNOWN_ERROR"] : record.error_info,
                    call: record.name_label.isEmpty ? nil : record.name_label,
                    object: record.other_config["applies_to"])
                return .failure(error, seconds: seconds)
            case .cancelled:
                return .cancelled(seconds: seconds)
            case .pending, .cancelling, .unknown:
                if record.progress != lastProgress {
                    lastProgress = record.progress
                    progress(min(max(record.progress, 0), 1))
                }
            }
            try await Task.sleep(for: interval)
            interval = pollInterval
        }
    }

    /// `<value>OpaqueRef:…</value>` → `OpaqueRef:…`: xapi stores a task's result as XML-RPC text.
    static func unwrappedResult(_ text: String) -> String {
        var body = Substring(text)
        if body.hasPrefix("<value>") && body.hasSuffix("</value>") {
            body = body.dropFirst("<value>".count).dropLast("</value>".count)
        }
        if body.hasPrefix("<string>") && body.hasSuffix("</string>") {
            body = body.dropFirst("<string>".count).dropLast("</string>".count)
        }
        return String(body).replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
