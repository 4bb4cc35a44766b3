import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Wakes a `TerminalRunLoop` from any thread or task (e.g. when model events arrived). Wake-ups
/// coalesce: many calls before the loop runs make one `onWake`.
public final class Waker: @unchecked Sendable {
    // DispatchSourceUserDataAdd.add(data:) is thread-safe; the source is never replaced.
    private let source: DispatchSourceUserDataAdd

    init(source: DispatchSourceUserDataAdd) {
        self.source = source
    }

    public func wake() {
        source.add(data: 1)
    }
}

/// A timer scheduled on a `TerminalRunLoop`.
public struct TimerID: Hashable, Sendable {
    fileprivate let value: Int
}

/// The UI's event loop on the main queue (the main actor's executor): key bytes from the input
/// descriptor, SIGWINCH, timers, and wake-ups from other threads, each delivered to a handler on
/// the main actor. It sleeps in the kernel when nothing happens: no polling, no periodic wake-up
/// unless a timer asks for one. `await` work elsewhere keeps running: handlers only need to be
/// short. SIGTERM, SIGHUP and SIGINT call `onTerminate`, then exit (atexit restores the terminal).
@MainActor
public final class TerminalRunLoop {
    /// A key or a paste.
    public var onKey: ((KeyEvent) -> Void)?
    /// The terminal changed size (call `screen.refreshSize()`, then redraw).
    public var onResize: (() -> Void)?
    /// `waker.wake()` was called.
    public var onWake: (() -> Void)?
    /// The input reached its end (the terminal went away).
    public var onInputClosed: (() -> Void)?
    /// SIGTERM, SIGHUP or SIGINT arrived; the process exits right after.
    public var onTerminate: ((Int32) -> Void)?

    public nonisolated let waker: Waker

    private let input: Int32
    private let handlesTerminationSignals: Bool
    private var decoder: KeyDecoder
    private var sources: [any DispatchSourceProtocol] = []
    private let wakeSource: DispatchSourceUserDataAdd
    private var inputSource: (any DispatchSourceRead)?
    private var flushTimer: (any DispatchSourceTimer)?
    private var timers: [Int: any DispatchSourceTimer] = [:]
    private var nextTimerID = 0
    private var running = false
    private var inputPaused = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// - Parameters:
    ///   - input: the descriptor keys are read from (standard input; a pipe in tests).
    ///   - handlesTerminationSignals: whether SIGTERM/SIGHUP/SIGINT end the process through
    ///     `onTerminate` (tests turn it off).
    // 0 is standard input; a public default argument may not name STDIN_FILENO, which the
    // compiler can resolve through CNCurses' headers instead of Glibc.
    public init(input: Int32 = 0, decoder: KeyDecoder = KeyDecoder(), handlesTerminationSignals: Bool = true) {
        self.input = input
        self.decoder = decoder
        self.handlesTerminationSignals = handlesTerminationSignals
        let wakeSource = DispatchSource.makeUserDataAddSource(queue: .main)
        self.wakeSource = wakeSource
        self.waker = Waker(source: wakeSource)
        wakeSource.setEventHandler { [weak self] in
            MainActor.assumeIsolated { self?.onWake?() }
        }
        wakeSource.activate()
    }

    /// Starts listening (again). Handlers run on the main queue as events come.
    public func start() {
        guard !running else { return }
        running = true

        let read = DispatchSource.makeReadSource(fileDescriptor: input, queue: .main)
        read.setEventHandler { [weak self] in
            MainActor.assumeIsolated { self?.readInput() }
        }
        read.activate()
        inputSource = read
        sources.append(read)

        var signals = [SIGWINCH]
        if handlesTerminationSignals { signals += [SIGTERM, SIGHUP, SIGINT] }
        if let pipe = SignalPipe.install(signals) {
            let source = DispatchSource.makeReadSource(fileDescriptor: pipe, queue: .main)
            source.setEventHandler { [weak self] in
                MainActor.assumeIsolated { self?.readSignals(from: pipe) }
            }
            source.activate()
            sources.append(source)
        }
    }

    /// Stops listening; `run()` returns. Timers are cancelled.
    public func stop() {
        guard running else { return }
        running = false
        SignalPipe.restorePreviousActions()
        if inputPaused {
            inputPaused = false
            inputSource?.resume()  // a suspended source cannot finish cancelling
        }
        for source in sources { source.cancel() }
        sources.removeAll()
        inputSource = nil
        flushTimer?.cancel()
        flushTimer = nil
        for timer in timers.values { timer.cancel() }
        timers.removeAll()
        let waiting = waiters
        waiters.removeAll()
        for waiter in waiting { waiter.resume() }
    }

    /// Starts the loop and suspends until `stop()` is called.
    public func run() async {
        start()
        guard running else { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Stops reading keys (while a console or an editor has the terminal); timers, signals and
    /// wake-ups keep coming.
    public func pauseInput() {
        guard let inputSource, !inputPaused else { return }
        inputPaused = true
        flushTimer?.cancel()
        flushTimer = nil
        inputSource.suspend()
    }

    /// Reads keys again after `pauseInput()`.
    public func resumeInput() {
        guard let inputSource, inputPaused else { return }
        inputPaused = false
        inputSource.resume()
    }

    // MARK: Timers

    /// Calls `action` once after `delay`, or every `repeating` interval after that.
    @discardableResult
    public func schedule(after delay: Duration, repeating interval: Duration? = nil, _ action: @escaping @MainActor () -> Void) -> TimerID {
        nextTimerID += 1
        let id = TimerID(value: nextTimerID)
        let timer = DispatchSource.makeTimerSource(queue: .main)
        if let interval {
            timer.schedule(deadline: .now() + Self.interval(delay), repeating: Self.interval(interval), leeway: .milliseconds(1))
        } else {
            timer.schedule(deadline: .now() + Self.interval(delay), leeway: .milliseconds(1))
        }
        let repeats = interval != nil
        timer.setEventHandler { [weak self] in
            MainActor.assumeIsolated {
                if !repeats { self?.cancel(id) }
                action()
            }
        }
        timers[id.value] = timer
        timer.activate()
        return id
    }

    public func cancel(_ timer: TimerID) {
        timers.removeValue(forKey: timer.value)?.cancel()
    }

    // MARK: Events

    /// Reads all the input there is. The read source says when there is some; a zero-timeout
    /// poll then tells more input from the end of input (which the source does not report on
    /// Linux once the data before it was read).
    private func readInput() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while inputSource != nil {
            var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 0)
            if ready < 0 {
                if errno == EINTR { continue }
                inputEnded()
                return
            }
            if ready == 0 { break }
            if descriptor.revents & Int16(POLLIN) == 0 {
                inputEnded()  // hang-up or error without data
                return
            }
            let count = buffer.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                inputEnded()
                return
            }
            if count == 0 {
                inputEnded()
                return
            }
            deliver(decoder.feed(buffer[0..<count]))
        }
        scheduleFlush()
    }

    private func readSignals(from pipe: Int32) {
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(pipe, $0.baseAddress, $0.count) }
        guard count > 0 else { return }
        var resized = false
        for byte in buffer[0..<count] {
            let number = Int32(byte)
            if number == SIGWINCH {
                resized = true  // several resizes in a row: one redraw
            } else if handlesTerminationSignals {
                handleSignal(number)
            }
        }
        if resized { handleSignal(SIGWINCH) }
    }

    private func inputEnded() {
        if inputPaused {
            inputPaused = false
            inputSource?.resume()
        }
        inputSource?.cancel()
        inputSource = nil
        deliver(decoder.flush())
        onInputClosed?()
    }

    /// A lone ESC or a paste waiting for its end: resolve it if nothing more comes in time.
    private func scheduleFlush() {
        flushTimer?.cancel()
        flushTimer = nil
        guard let timeout = decoder.pendingTimeout else { return }
        let timer = DispatchSource.makeTimerSource(queue: .main)
        timer.schedule(deadline: .now() + Self.interval(timeout), leeway: .milliseconds(1))
        timer.setEventHandler { [weak self] in
            MainActor.assumeIsolated {
                guard let self else { return }
                self.flushTimer?.cancel()
                self.flushTimer = nil
                self.deliver(self.decoder.flush())
            }
        }
        flushTimer = timer
        timer.activate()
    }

    private func deliver(_ events: [KeyEvent]) {
        for event in events {
            guard running else { return }
            onKey?(event)
        }
    }

    private func handleSignal(_ number: Int32) {
        if number == SIGWINCH {
            onResize?()
            return
        }
        onTerminate?(number)
        exit(128 + number)
    }

    private static func interval(_ duration: Duration) -> DispatchTimeInterval {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow || seconds < 0 { return overflow && seconds > 0 ? .never : .nanoseconds(0) }
        return .nanoseconds(Int(clamping: scaled + attoseconds / 1_000_000_000))
    }
}
