import Inventory
import XAPI

/// What starting a request (or cancelling a task) came to: the task's ref, or XAPI's refusal.
public enum ActionPerformResult: Sendable, Hashable {
    case started(task: String)
    /// The call failed before any task existed (`call` and `object` set when known).
    case failed(XAPIError)
    /// `task.cancel` was accepted.
    case cancelled
}

/// Runs the UI's requests on the pools: the real program over a logged-in session per pool
/// (`ActionRunner`), tests over an in-process simulator. Only the start is awaited: the task's
/// progress and end come through the pool's event stream like every other task.
public protocol ActionPerforming: Sendable {
    func perform(_ request: ActionRequest) async -> ActionPerformResult
    func cancel(_ request: TaskCancelRequest) async -> ActionPerformResult
}
