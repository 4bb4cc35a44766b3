import UI
import XAPI

/// Consoles use the pool's action session: its ref goes in the `CONNECT`'s cookie, and the
/// connection trusts TLS as the session's own connections do.
extension UIActionPerformer: ConsoleOpening {
    func consoleAccess(pool: String) async throws -> ConsoleAccess {
        let session = try await sessions.session(for: pool)
        let ref = try await session.loggedInSessionRef()
        return ConsoleAccess(sessionID: ref, master: await session.host, options: await session.options.transport)
    }
}
