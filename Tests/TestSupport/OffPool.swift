import Foundation

/// Runs blocking work (waiting for a process, reading a pipe) on a thread of its own, so it
/// never occupies one of the few threads of Swift's cooperative pool (two on a 2-core
/// machine) that an in-process simulator and the other tests need.
public func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            do { continuation.resume(returning: try work()) } catch { continuation.resume(throwing: error) }
        }.start()
    }
}
