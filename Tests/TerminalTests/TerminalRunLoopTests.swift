import Dispatch
import Testing
@testable import Terminal
#if canImport(Glibc)
import Glibc
#endif

/// A pipe standing in for the terminal's input.
final class InputPipe {
    let readEnd: Int32
    let writeEnd: Int32
    private var writerOpen = true

    init() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw PipeError() }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    struct PipeError: Error {}

    func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(writeEnd, $0.baseAddress, $0.count) }
    }

    func closeWriter() {
        guard writerOpen else { return }
        writerOpen = false
        close(writeEnd)
    }

    deinit {
        close(readEnd)
        closeWriter()
    }
}

/// Waits (without blocking the main actor) until `condition` holds or about two seconds pass.
@MainActor
func eventually(_ condition: () -> Bool) async -> Bool {
    for _ in 0..<200 {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

@Suite("Terminal run loop", .serialized)
@MainActor
struct TerminalRunLoopTests {
    @Test("Bytes on the input arrive as decoded keys on the main actor")
    func keys() async throws {
        let input = try InputPipe()
        let loop = TerminalRunLoop(input: input.readEnd, handlesTerminationSignals: false)
        var keys: [KeyEvent] = []
        loop.onKey = { keys.append($0) }
        loop.start()
        input.write("j\u{1B}[Bq")
        #expect(await eventually { keys.count == 3 })
        #expect(keys == [.char("j"), .key(.down), .char("q")])
        loop.stop()
    }

    @Test("A lone ESC becomes Escape after the timeout")
    func escapeTimeout() async throws {
        let input = try InputPipe()
        let loop = TerminalRunLoop(input: input.readEnd, handlesTerminationSignals: false)
        var keys: [KeyEvent] = []
        loop.onKey = { keys.append($0) }
        loop.start()
        input.write("\u{1B}")
        #expect(await eventually { !keys.isEmpty })
        #expect(keys == [.key(.escape)])
        loop.stop()
    }

    @Test("wake() from another thread calls onWake on the main actor, coalesced")
    func wake() async throws {
        let input = try InputPipe()
        let loop = TerminalRunLoop(input: input.readEnd, handlesTerminationSignals: false)
        var wakes = 0
        loop.onWake = {
            MainActor.assertIsolated()
            wakes += 1
        }
        loop.start()
        let waker = loop.waker
        await Task.detached {
            for _ in 0..<50 { waker.wake() }
        }.value
        #expect(await eventually { wakes >= 1 })
        #expect(wakes <= 50)
        loop.stop()
    }

    @Test("One-shot and repeating timers; cancelled timers stop")
    func timers() async throws {
        let input = try InputPipe()
        let loop = TerminalRunLoop(input: input.readEnd, handlesTerminationSignals: false)
        loop.start()
        var once = 0
        var ticks = 0
        loop.schedule(after: .milliseconds(10)) { once += 1 }
        let repeating = loop.schedule(after: .milliseconds(5), repeating: .milliseconds(5)) { ticks += 1 }
        #expect(await eventually { once == 1 && ticks >= 3 })
        loop.cancel(repeating)
        let stopped = ticks
        try await Task.sleep(for: .milliseconds(50))
        #expect(ticks == stopped)
        #expect(once == 1)
        loop.stop()
    }

    @Test("SIGWINCH calls onResize")
    func resize() async throws {
        let input = try InputPipe()
        let loop = TerminalRunLoop(input: input.readEnd, handlesTerminationSignals: false)
        var resizes = 0
        loop.onResize = { resizes += 1 }
        loop.start()
        kill(getpid(), SIGWINCH)
        #expect(await eventually { resizes == 1 })
        loop.stop()
    }

    @Test("End of input resolves pending keys and reports it; run() returns after stop()")
    func endOfInput() async throws {
        let input = try InputPipe()
        let loop = TerminalRunLoop(input: input.readEnd, handlesTerminationSignals: false)
        var keys: [KeyEvent] = []
        var closed = false
        loop.onKey = { keys.append($0) }
        loop.onInputClosed = {
            closed = true
            loop.stop()
        }
        input.write("x\u{1B}")
        input.closeWriter()
        await loop.run()
        #expect(closed)
        #expect(keys == [.char("x"), .key(.escape)])
    }

    @Test("Keys typed while input is paused arrive after it resumes")
    func pauseAndResume() async throws {
        let input = try InputPipe()
        let loop = TerminalRunLoop(input: input.readEnd, handlesTerminationSignals: false)
        var keys: [KeyEvent] = []
        loop.onKey = { keys.append($0) }
        loop.start()
        loop.pauseInput()
        input.write("ab")
        try await Task.sleep(for: .milliseconds(50))
        #expect(keys.isEmpty)
        loop.resumeInput()
        #expect(await eventually { keys.count == 2 })
        #expect(keys == [.char("a"), .char("b")])
        loop.stop()
    }
}
