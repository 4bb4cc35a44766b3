import XAPI

/// Gives the UI what attaching to a pool's console needs: the pool's logged-in session and
/// its TLS settings (the executable's action sessions; tests' simulator sessions).
public protocol ConsoleOpening: Sendable {
    func consoleAccess(pool: String) async throws -> ConsoleAccess
}
