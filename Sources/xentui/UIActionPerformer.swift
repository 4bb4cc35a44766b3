import Inventory
import UI
import XAPI

/// Runs the UI's confirmed actions: one extra logged-in session per pool (separate from the
/// pool's event loop, so a long `event.from` never delays a call), created at the first action
/// on that pool, with the same address and credentials as the pool's `PoolSync`.
struct UIActionPerformer: ActionPerforming {
    let sessions: ActionSessions

    init(pools: [UIPool], wireProtocol: XAPIProtocolPreference) {
        var makers: [String: @Sendable () -> XAPISession] = [:]
        for pool in pools {
            let (host, make) = (pool.host, pool.sessionMaker(wireProtocol: wireProtocol))
            makers[pool.name] = { make(host) }
        }
        sessions = ActionSessions(makers: makers)
    }

    func perform(_ request: ActionRequest) async -> ActionPerformResult {
        do {
            let session = try await sessions.session(for: request.pool)
            let task = try await ActionRunner(session: session).start(request)
            return .started(task: task.rawValue)
        } catch {
            return .failed(Self.xapiError(error, call: request.action.call, object: request.targetRef))
        }
    }

    /// Ends the action sessions (on quit).
    func logout() async {
        await sessions.logoutAll()
    }

    func cancel(_ request: TaskCancelRequest) async -> ActionPerformResult {
        do {
            let session = try await sessions.session(for: request.pool)
            _ = try await session.call("task.cancel", [.string(request.task)], object: request.task)
            return .cancelled
        } catch {
            return .failed(Self.xapiError(error, call: "task.cancel", object: request.task))
        }
    }

    /// XAPI's own errors as they are; a connection or login failure as an error entry too
    /// (its description never holds the password).
    static func xapiError(_ error: any Error, call: String, object: String) -> XAPIError {
        if var error = error as? XAPIError {
            if error.call == nil { error.call = call }
            if error.object == nil { error.object = object }
            return error
        }
        return XAPIError(code: "CONNECTION_FAILED", params: [PrintableText.escaped("\(error)")], call: call, object: object)
    }
}

/// The action sessions, one per pool, made on first use.
actor ActionSessions {
    private let makers: [String: @Sendable () -> XAPISession]
    private var sessions: [String: XAPISession] = [:]

    init(makers: [String: @Sendable () -> XAPISession]) {
        self.makers = makers
    }

    func session(for pool: String) throws -> XAPISession {
        if let session = sessions[pool] { return session }
        guard let make = makers[pool] else { throw XAPIError(code: "UNKNOWN_POOL", params: [pool]) }
        let session = make()
        sessions[pool] = session
        return session
    }

    func logoutAll() async {
        for session in sessions.values { await session.logout() }
        sessions = [:]
    }
}
