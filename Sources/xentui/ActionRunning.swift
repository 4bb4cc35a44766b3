import Inventory
import XAPI

/// Runs built requests for `xentui vm`: checks each against its VM's `allowed_operations`,
/// makes the calls, prints the tasks or follows them, logs every start and end, and prints
/// every failure in full (code, parameters, explanation, `xe` line). Returns the exit code:
/// 0, 1 for an XAPI failure, 3 when a pool could not be reached.
struct ActionRunning {
    var pools: [OpenPool]
    var log: CommandLog
    var wait: Bool

    private struct Started {
        var request: ActionRequest
        var poolIndex: Int
        var task: Ref<TaskRecord>
    }

    func run(_ requests: [ActionRequest], poolIndexes: [Int], records: [VMRecord]) async -> Int32 {
        var code: Int32 = 0
        var started: [Started] = []
        for (index, request) in requests.enumerated() {
            let record = records[index]
            if let refused = ActionRequest.refusalError(
                request.action, targetRef: request.targetRef, allowedOperations: record.allowed_operations.map(\.rawValue),
                powerState: record.power_state.rawValue, currentOperations: record.current_operations.mapValues(\.rawValue))
            {
                log.append(ActionLogEntries.failedToStart(request, error: refused))
                printFailure(request, refused, before: "refused before calling XAPI: the VM's allowed_operations do not include \(request.action.allowedOperation ?? request.action.rawValue)")
                code = max(code, 1)
                continue
            }
            let runner = ActionRunner(session: pools[poolIndexes[index]].session)
            do {
                let task = try await runner.start(request)
                log.append(ActionLogEntries.started(request, task: task))
                started.append(Started(request: request, poolIndex: poolIndexes[index], task: task))
                if !wait { printOutput(task.rawValue + "  " + Self.describe(request) + "\n") }
            } catch {
                log.append(ActionLogEntries.failedToStart(request, error: error))
                code = max(code, failed(request, error))
            }
        }
        if wait && !started.isEmpty { code = max(code, await follow(started)) }
        return code
    }

    /// Follows every task at once; prints the failures in full once all have ended.
    private func follow(_ started: [Started]) async -> Int32 {
        let board = TaskProgressBoard(labels: started.map { Self.describe($0.request) })
        var failures: [(ActionRequest, any Error)] = []
        await withTaskGroup(of: (Int, Result<TaskOutcome, any Error>).self) { group in
            for (index, item) in started.enumerated() {
                let runner = ActionRunner(session: pools[item.poolIndex].session)
                group.addTask {
                    do {
                        let outcome = try await runner.wait(for: item.task) { board.update(index, progress: $0) }
                        return (index, .success(outcome))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            for await (index, result) in group {
                let item = started[index]
                switch result {
                case .success(let outcome):
                    board.finish(index, outcome: outcome)
                    log.append(ActionLogEntries.finished(item.request, task: item.task, outcome: outcome))
                    switch outcome {
                    case .success: break
                    case .failure(var error, _):
                        error.call = error.call ?? item.request.action.asyncCall
                        error.object = item.request.targetRef
                        failures.append((item.request, error))
                    case .cancelled:
                        failures.append((item.request, XAPIError(code: "TASK_CANCELLED", params: [item.task.rawValue])))
                    }
                case .failure(let error):
                    board.finish(index, text: "✗ lost track of the task")
                    log.append(LogEntry(
                        level: .error, kind: .error, pool: item.request.pool, object: item.request.target,
                        call: item.request.action.call, task: item.task.rawValue,
                        message: "the task could not be followed to its end: " + PrintableText.escaped("\(error)"),
                        xe: item.request.xe.isEmpty ? nil : item.request.xe))
                    failures.append((item.request, error))
                }
            }
        }
        var code: Int32 = 0
        for (request, error) in failures { code = max(code, failed(request, error)) }
        return code
    }

    /// Prints a failure and returns its exit code: 1 for XAPI's errors, 3 for a lost connection.
    private func failed(_ request: ActionRequest, _ error: any Error) -> Int32 {
        if let error = error as? XAPIError {
            printFailure(request, error, before: nil)
            return 1
        }
        let failure = PoolFailure(pool: request.pool, error: error)
        printError("xentui: \(Self.describe(request)) failed:")
        for line in failure.lines { printError("  " + line) }
        return failure.exitCode
    }

    private func printFailure(_ request: ActionRequest, _ error: XAPIError, before note: String?) {
        var lines = ["xentui: \(Self.describe(request)) failed:"]
        if let note { lines.append("  " + note) }
        lines.append("  error code: " + PrintableText.escaped(error.errorDescription.joined(separator: " ")))
        lines += ActionLogEntries.detail(error, request).lines.map { "  " + $0 }
        printError(lines.joined(separator: "\n"))
    }

    /// `start 'web-01' (pool prod)`.
    static func describe(_ request: ActionRequest) -> String {
        ActionLogEntries.description(of: request) + " (pool " + PrintableText.escaped(request.pool) + ")"
    }
}
