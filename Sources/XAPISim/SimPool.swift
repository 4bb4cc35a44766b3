import Synchronization
import XAPI

/// One simulated pool: its objects, sessions, event log and tasks, safe to call from any thread.
/// Every call runs under one lock; calls that wait (`event.from`, `event.next`, latency) wait
/// outside it, so a waiting client never holds up another.
public final class SimPool: Sendable {
    private struct Guarded {
        var state: SimState
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter: UInt64 = 0
        var background: [Task<Void, Never>] = []
        var dropCounter = 0
    }

    private let guarded: Mutex<Guarded>
    public let options: SimPoolOptions

    public init(database: SimDatabase, options: SimPoolOptions = SimPoolOptions()) {
        var state = SimState(database: database, options: options)
        state.initialiseAllowedOperations()
        self.options = options
        guarded = Mutex(Guarded(state: state))
    }

    deinit { stopBackground() }

    // MARK: Calls

    /// Answers a call at once (event calls return what is there without waiting).
    public func handle(_ call: XAPICall, role: SimListenerRole = .master) -> XAPIReply<XAPIValue> {
        mutate { state in
            do throws(SimFailure) {
                return .success(try state.dispatch(call, role: role))
            } catch { return .failure(error.errorDescription) }
        }
    }

    /// Answers a call as xapi would: after the injected latency, with `event.from`/`event.next`
    /// waiting for a change up to their timeout, and failed logins delayed.
    public func serve(_ call: XAPICall, role: SimListenerRole = .master) async -> XAPIReply<XAPIValue> {
        if options.latencyMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(options.latencyMilliseconds)) }
        if call.method == "event.from" || call.method == "event.next" { return await waitingEventCall(call) }
        let reply = handle(call, role: role)
        if case .failure(let description) = reply, description.first == "SESSION_AUTHENTICATION_FAILED",
            options.loginFailureDelay > 0
        {
            try? await Task.sleep(for: .seconds(options.loginFailureDelay))
        }
        return reply
    }

    private func waitingEventCall(_ call: XAPICall) async -> XAPIReply<XAPIValue> {
        let started = options.clock()
        while true {
            let outcome: Result<(SimEventAnswer, Int64), SimFailure> = mutate { state in
                state.tick()
                let name = String(call.method.dropFirst("event.".count))
                do throws(SimFailure) {
                    let answer = try state.eventCall(name, SimParams(method: call.method, values: call.params), waiting: true)
                    return .success((answer, state.generation))
                } catch { return .failure(error) }
            }
            switch outcome {
            case .failure(let failure):
                return .failure(failure.errorDescription)
            case .success(let (answer, generation)):
                let deadline = started + answer.timeout
                if !answer.isEmpty || options.clock() >= deadline || Task.isCancelled { return .success(answer.value) }
                await waitForChange(after: generation, seconds: deadline - options.clock())
            }
        }
    }

    /// Suspends until the generation moves past `generation`, `seconds` pass or the task is
    /// cancelled (a stopping server cancels its calls; the wait and its timer end at once).
    private func waitForChange(after generation: Int64, seconds: Double) async {
        let id = guarded.withLock { guarded in
            guarded.nextWaiter += 1
            return guarded.nextWaiter
        }
        let timer = WaitTimer()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let parked: Bool = guarded.withLock { guarded in
                    guard guarded.state.generation == generation else { return false }
                    guarded.waiters[id] = continuation
                    return true
                }
                guard parked else { return continuation.resume() }
                // Cancelled before it parked: the handler below found nothing to resume.
                if Task.isCancelled { return resumeWaiter(id) }
                timer.set(
                    Task { [weak self] in
                        try? await Task.sleep(for: .seconds(max(seconds, 0)))
                        self?.resumeWaiter(id)
                    })
            }
        } onCancel: {
            resumeWaiter(id)
        }
        timer.cancel()
    }

    private func resumeWaiter(_ id: UInt64) {
        guarded.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
    }

    /// Runs `body` on the state under the lock and wakes the waiters if anything changed.
    private func mutate<T>(_ body: (inout SimState) -> T) -> T {
        let (result, woken): (T, [CheckedContinuation<Void, Never>]) = guarded.withLock { guarded in
            let before = guarded.state.generation
            let result = body(&guarded.state)
            guard guarded.state.generation != before else { return (result, []) }
            let woken = Array(guarded.waiters.values)
            guarded.waiters.removeAll()
            return (result, woken)
        }
        for continuation in woken { continuation.resume() }
        return result
    }

    // MARK: Inspection and faults

    /// A copy of the pool's objects as they are now.
    public var database: SimDatabase { guarded.withLock { $0.state.database } }

    /// `event.from`/`event.next` calls parked waiting for a change, for tests.
    var parkedWaiterCount: Int { guarded.withLock { $0.waiters.count } }

    /// The current event token (`%020d,%020d`).
    public var eventToken: String { guarded.withLock { $0.state.token } }

    public func isValidSession(_ ref: String) -> Bool { guarded.withLock { $0.state.sessions[ref] != nil } }

    /// Points the consoles' locations at the listener serving this pool (`http://ADDR:PORT`).
    public func pointConsoles(at base: String) { mutate { $0.pointConsoles(at: base) } }

    /// Whether an attached console still has a running domain behind it (it goes with the domain).
    public func isConsoleLive(_ ref: String) -> Bool {
        guarded.withLock { guarded in
            guard let console = guarded.state.record("console", ref) else { return false }
            return guarded.state.record("VM", console.string("VM"))?.string("power_state") == "Running"
        }
    }

    /// The console a `CONNECT /console` names, or why it is refused.
    public func consoleTarget(parameters: [(name: String, value: String)], session: String?) throws(SimConsoleRefusal) -> SimConsoleTarget {
        try guarded.withLock { guarded throws(SimConsoleRefusal) in try guarded.state.consoleTarget(parameters: parameters, session: session) }
    }

    /// Moves running tasks on to the clock's time (the background ticker does this by itself).
    public func tick() { mutate { $0.tick() } }

    /// Every session becomes invalid: the next call with one gets SESSION_INVALID.
    public func expireSessions() { mutate { $0.expireSessions() } }

    /// The next `event.from` or `event.next` raises EVENTS_LOST.
    public func loseEvents() { mutate { $0.eventsLostPending = true } }

    /// Adds an alert (`message`), returning its ref.
    @discardableResult
    public func addMessage(name: String, priority: Int64, className: String, objectUUID: String, body: String) -> String {
        mutate { $0.addMessage(name: name, priority: priority, className: className, objectUUID: objectUUID, body: body) }
    }

    /// Counts requests for the `dropConnectionEvery` fault: true when this one must be dropped.
    func shouldDrop(every count: Int) -> Bool {
        guard count > 0 else { return false }
        return guarded.withLock { guarded in
            guarded.dropCounter += 1
            return guarded.dropCounter % count == 0
        }
    }

    // MARK: Background activity

    /// Starts the ticker that moves tasks on (a few times per second).
    public func startTicking(interval: Double = 0.2) {
        startBackground { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(interval))
                self?.tick()
            }
        }
    }

    /// Starts background changes: `rate` per second, chosen by a PRNG seeded with `seed`.
    public func startChurn(rate: Double, seed: UInt64) {
        guard rate > 0 else { return }
        // At most 20 wake-ups per second; faster rates make several changes per wake-up.
        let interval = max(1 / rate, 0.05)
        let perWake = max(1, Int((rate * interval).rounded()))
        let random = Mutex(SimRandom(seed: seed))
        startBackground { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(interval))
                guard let self else { return }
                self.mutate { state in
                    random.withLock { random in
                        for _ in 0..<perWake { state.churnStep(&random) }
                    }
                }
            }
        }
    }

    /// Runs `body` every `seconds` in the background until `stopBackground()`.
    public func every(_ seconds: Double, _ body: @escaping @Sendable (SimPool) -> Void) {
        startBackground { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(seconds))
                guard let self else { return }
                body(self)
            }
        }
    }

    private func startBackground(_ body: @escaping @Sendable () async -> Void) {
        let task = Task(operation: body)
        guarded.withLock { $0.background.append(task) }
    }

    /// Stops the ticker, churn and periodic faults.
    public func stopBackground() {
        let tasks = guarded.withLock { guarded in
            let tasks = guarded.background
            guarded.background = []
            return tasks
        }
        for task in tasks { task.cancel() }
    }
}

/// The timeout task of one wait, cancelled once the wait is over.
private final class WaitTimer: Sendable {
    private let task = Mutex<Task<Void, Never>?>(nil)
    func set(_ newTask: Task<Void, Never>) { task.withLock { $0 = newTask } }
    func cancel() { task.withLock { $0?.cancel() } }
}
