import Foundation
import Inventory
import Terminal
import Testing
import XAPI
@testable import UI

/// What the pane shows at start from the persistent log, and how entries convert both ways.
@MainActor @Suite("Log pane: earlier runs")
struct EarlierRunsScreenTests {
    static func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// A failed start, an alert and a connection failure of a "previous run", as written.
    static func previousRun() -> [LogPaneEntry] {
        var state = LogDetailScreenTests.failedStart()
        var prod = LogDetailScreenTests.prod
        var message = MessageRecord()
        message.name = "VM_CRASHED"
        message.priority = 2
        message.cls = .vm
        message.obj_uuid = "4e1b13ab-9c1d-4f0e-8a77-0c2d5e6f7a81"
        message.body = "The VM crashed."
        prod.messages.upsert(Ref("OpaqueRef:m1"), message)
        state.apply(pool: "prod", kind: .events(["message": ["OpaqueRef:m1"]]), inventory: prod, at: AppFixture.time.addingTimeInterval(3))
        var lab = AppFixture.lab
        lab.state = .failed(error: "cannot connect to https://10.0.9.11: Connection refused")
        lab.connectionProblem = .cannotConnect(host: "10.0.9.11", port: 443, reason: "Connection refused")
        state.apply(pool: "lab", kind: .state, inventory: lab, at: AppFixture.time.addingTimeInterval(4))
        return state.log
    }

    /// Each kind survives the trip through the log: the same line and the same detail rows.
    @Test func entriesRoundTripThroughTheLog() throws {
        for entry in Self.previousRun() {
            let read = LogPaneEntry(logEntry: try #require(LogEntry(jsonLine: entry.logEntry.jsonLine)))
            #expect(read.provenance == .earlierRun)
            #expect(read.text == entry.text)
            #expect(read.kind == entry.kind)
            #expect(read.level == entry.level)
            #expect(read.error == entry.error)
            #expect(read.xe == entry.xe)
            if entry.kind != .connection {
                // A connection problem's parameters lose their names; the rest reads the same.
                #expect(LogEntryDetail(read).rows == LogEntryDetail(entry).rows)
            }
        }
    }

    /// At start: the separator, the earlier entries dim, then this run's; `enter` on the
    /// earlier failed task opens the same detail as it did live.
    @Test func earlierEntriesAreShownDimUnderASeparator() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let log = PersistentLog(directory: folder.path)
        for entry in Self.previousRun() { try log.append(entry.logEntry) }
        var state = AppFixture.state()
        state.showEarlierEntries(log.read(last: AppState.earlierEntryCount), at: AppFixture.time)
        state.appendLog(LogPaneEntry(time: AppFixture.time.addingTimeInterval(60), level: .info, kind: .connection, pool: "lab", text: "lab: live"))
        let keymap = Keymap.builtInDefault
        let size = Size(width: 80, height: 24)
        state.fit(to: size, keymap: keymap)
        let frame = AppView.render(state, keymap: keymap, theme: .builtInDark, size: size)
        let screen = MemoryScreen(width: 80, height: 24)
        screen.draw(frame)
        let text = Self.lines(screen.text)
        #expect(Array(text[18...22]) == [
            "│────────────────────────────── — earlier runs — ──────────────────────────────│",
            "│ 16:00:00 ✗ VM.start          web-02         prod  VM_BAD_POWER_STATE: web-02…│",
            "│ 16:00:03 ✗ prod: P2 VM_CRASHED vm web-02                                     │",
            "│ 16:00:04 ✗ lab: failed: cannot connect to https://10.0.9.11: Connection refus│",
            "│ 16:01:00 • lab: live                                                         │",
        ])
        let dim = Theme.builtInDark.style(.textDim)
        #expect(frame[12, 19].style == dim)  // the earlier task's ✗ is dim, not red
        #expect(frame[12, 22].style != dim)  // this run's glyph keeps its colour

        let detail = AppFixture.screen(&state, keys: ["g", "t", "k", "k", "k", "enter"])
        #expect(detail[1].hasPrefix("│┌ Task VM.start (earlier run) ─"))
        #expect(detail.contains("││ Error          VM_BAD_POWER_STATE: The VM is not in the right power state  ││"))
        #expect(detail.contains("││   expected     halted                                                      ││"))
        #expect(detail.contains("││ Duration       2s                                                          ││"))
    }

    /// A damaged log (a corrupt line and a torn last line) still gives what could be read, and
    /// one warning says what was skipped.
    @Test func aTornLogStartsWithWhatCouldBeRead() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let log = PersistentLog(directory: folder.path)
        for entry in Self.previousRun() { try log.append(entry.logEntry) }
        let handle = try #require(FileHandle(forWritingAtPath: log.path))
        handle.seekToEndOfFile()
        handle.write(Data("not json at all\n{\"ts\":\"2025-11-24T16:00:05.000Z\",\"level\":\"er".utf8))
        handle.closeFile()
        var state = AppFixture.state()
        state.recordEntriesForLog()
        state.showEarlierEntries(log.read(last: AppState.earlierEntryCount), at: AppFixture.time)
        #expect(state.log.map(\.provenance) == [.earlierRunsSeparator, .earlierRun, .earlierRun, .earlierRun, .thisRun])
        #expect(state.takeUnsavedLogEntries().isEmpty)  // nothing of this goes back into the file
        #expect(state.log.last?.level == .warning)
        #expect(state.log.last?.text == "the persistent log has 2 damaged lines (a crash or a full disk); they were skipped")
    }

    /// `g g` in the focused pane: the oldest entry selected on the first line and the page
    /// full under it (it used to show the oldest entry alone over empty lines).
    @Test func scrolledToTheTopTheOldestPageIsFull() {
        var state = AppFixture.state()
        for n in 0..<12 {
            state.appendLog(LogPaneEntry(time: AppFixture.time.addingTimeInterval(Double(n)), level: .info, kind: .connection,
                                         pool: "lab", text: "event \(n)"))
        }
        let screen = AppFixture.screen(&state, keys: ["g", "t", "g", "g"])
        #expect(Array(screen[18...22]) == [
            "│ 16:00:00 • event 0                                                           │",
            "│ 16:00:01 • event 1                                                           │",
            "│ 16:00:02 • event 2                                                           │",
            "│ 16:00:03 • event 3                                                           │",
            "│ 16:00:04 • event 4                                                           │",
        ])
        #expect(state.selectedLogIndex == 0)
        let bottom = AppFixture.screen(&state, keys: ["G"])
        #expect(bottom[22] == "│ 16:00:11 • event 11                                                          │")
        #expect(state.selectedLogIndex == 11)
    }

    /// An earlier task that ended shows its end line only; one whose end was never logged
    /// (that run quit first) says so instead of a progress bar ticking on.
    @Test func earlierTasksShowTheirEndOrThatItWasNotLogged() {
        func task(_ ref: String, _ status: String, at second: Double, message: String) -> LogEntry {
            LogEntry(ts: LogTimestamp(AppFixture.time.addingTimeInterval(second)), level: .info, kind: .task, pool: "lab",
                     object: LogObject(className: "SR", name: "lab-local"), call: "SR.scan", task: ref, status: status, message: message)
        }
        let excerpt = LogExcerpt(entries: [
            task("OpaqueRef:t1", "pending", at: 0, message: "SR.scan lab-local: 0%"),
            task("OpaqueRef:t1", "success", at: 2, message: "SR.scan lab-local: done, took 1.5s"),
            task("OpaqueRef:t2", "pending", at: 3, message: "SR.scan lab-local: 0%"),
        ])
        var state = AppFixture.state()
        state.showEarlierEntries(excerpt, at: AppFixture.time)
        let screen = AppFixture.screen(&state)
        #expect(Array(screen[18...20]) == [
            "│────────────────────────────── — earlier runs — ──────────────────────────────│",
            "│ 16:00:00 ✓ SR.scan           lab-local      lab  1.5s                        │",
            "│ 16:00:03 ⟳ SR.scan           lab-local      lab  started, end not logged     │",
        ])
    }
}
