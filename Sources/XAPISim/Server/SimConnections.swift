import NIOCore
import Synchronization

/// A server's open client connections and the calls running for them, so `SimServer.stop()`
/// can end them in order while the event loops still run: a call finishing after the loops
/// shut down would complete its promise on a dead loop ("Cannot schedule tasks on an
/// EventLoop that has already shut down").
final class SimConnections: Sendable {
    private struct State {
        var closed = false
        var channels: [ObjectIdentifier: any Channel] = [:]
        var calls: [UInt64: Task<Void, Never>] = [:]
        var nextCall: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Records an accepted connection until it closes. False once closing: refuse it.
    func adopt(_ channel: any Channel) -> Bool {
        let id = ObjectIdentifier(channel)
        let adopted = state.withLock { state in
            guard !state.closed else { return false }
            state.channels[id] = channel
            return true
        }
        guard adopted else { return false }
        channel.closeFuture.whenComplete { [self] _ in
            _ = state.withLock { $0.channels.removeValue(forKey: id) }
        }
        return true
    }

    /// Runs `work` off the event loop and completes `promise` with its answer. A call cancelled
    /// by `closeAll()` fails with `CancellationError` so its connection closes without a reply.
    func run(_ promise: EventLoopPromise<SimHTTPResponse>, _ work: @escaping @Sendable () async -> SimHTTPResponse) {
        let started = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.nextCall += 1
            let id = state.nextCall
            state.calls[id] = Task { [self] in
                let response = await work()
                if Task.isCancelled { promise.fail(CancellationError()) } else { promise.succeed(response) }
                _ = self.state.withLock { $0.calls.removeValue(forKey: id) }
            }
            return true
        }
        if !started { promise.fail(CancellationError()) }
    }

    /// Refuses new connections and calls, cancels the running calls (which releases their
    /// `event.from`/`event.next` waits and timers) and waits for them, then closes every
    /// connection and waits until each is closed. Safe to call more than once.
    func closeAll() async {
        let (calls, channels) = state.withLock { state in
            state.closed = true
            return (Array(state.calls.values), Array(state.channels.values))
        }
        for call in calls { call.cancel() }
        for call in calls { await call.value }
        for channel in channels { channel.close(promise: nil) }
        for channel in channels { try? await channel.closeFuture.get() }
    }

    /// Connections and calls still open, for tests.
    var counts: (channels: Int, calls: Int) { state.withLock { ($0.channels.count, $0.calls.count) } }
}
