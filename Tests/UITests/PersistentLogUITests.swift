import Foundation
import Inventory
import Terminal
import Testing
import XAPI
import XAPISim
import Synchronization
@testable import UI

/// The log pane and the persistent log: what a session writes, what the next one shows.
@Suite("Log pane: the persistent log", .timeLimit(.minutes(1)))
struct PersistentLogUITests {
    /// Writes entries through the UI's writer and waits until they are on disk.
    static func write(_ entries: [LogEntry], to directory: String) async -> [PersistentLogError] {
        let failures = FailureList()
        let writer = LogFileWriter(log: PersistentLog(directory: directory)) { failures.add($0) }
        writer.write(entries)
        await writer.flushed()
        return failures.all
    }

    static func fileLines(_ directory: String) throws -> [String] {
        try String(contentsOfFile: directory + "/" + PersistentLog.fileName, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// A shutdown that runs 10 s with progress read three times, a start refused at once, and
    /// a command error: each task is one line when it starts and one when it ends, not one per
    /// progress update; the failure carries its code and parameters; the file is 0600.
    @Test func aSessionsEntriesReachTheFile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var state = AppFixture.state()
        state.recordEntriesForLog()
        let sim = try SimTaskDriver()
        _ = try sim.start("clean_shutdown", vm: "OpaqueRef:web-01")
        try sim.sync(into: &state)
        for _ in 0..<3 {
            sim.advance(3)
            try sim.sync(into: &state)
        }
        _ = try sim.start("start", vm: "OpaqueRef:web-02", [.bool(false), .bool(false)])
        sim.advance(2)
        try sim.sync(into: &state)
        for key in [":", "b", "o", "g", "u", "s", "enter"] { state.press(key, keymap: .builtInDefault, at: sim.now) }
        #expect(await Self.write(state.takeUnsavedLogEntries(), to: folder.path).isEmpty)
        #expect(state.takeUnsavedLogEntries().isEmpty)  // handed over once

        let entries = PersistentLog(directory: folder.path).read(last: 100).entries
        let shutdown = entries.filter { $0.call == "VM.clean_shutdown" }
        #expect(shutdown.map(\.status) == ["pending", "success"])
        #expect(shutdown.map(\.kind) == [.task, .task])
        #expect(shutdown.last?.object == LogObject(className: "VM", uuid: nil, name: "web-01"))
        // The simulator ends the task at the tick that passes its 10 s: the one at 11 s.
        #expect(shutdown.last?.message == "VM.clean_shutdown web-01: done, took 11.0s")
        let start = try #require(entries.first { $0.call == "VM.start" })
        #expect(start.status == "failure")
        #expect(start.level == .error)
        #expect(start.error == ["VM_BAD_POWER_STATE", "web-02", "halted", "running"])
        let error = try #require(entries.first { $0.kind == .error })
        #expect(error.message?.hasPrefix("unknown command :bogus") == true)
        #expect(entries.count == 4)
        var info = stat()
        #expect(stat(folder.path + "/" + PersistentLog.fileName, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
    }

    /// A pool reached with a distinctive password (and one refused with another): the
    /// connection entries reach the file through the controller, the passwords never do.
    @MainActor @Test func noPasswordReachesTheFile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let right = "Zebra-Right-Passw0rd-4410"
        let wrong = "Zebra-Wrong-Passw0rd-7781"
        var options = SimPoolOptions()
        options.password = right
        let pool = SimPool(database: SimDatabase.generate(pools: 1, hosts: 1, vms: 3, seed: 5)[0], options: options)
        let server = SimServer(pools: [pool])
        let listeners = try await server.start(host: "127.0.0.1", port: 0)
        let host = try HostURL(parsing: listeners[0].url)
        let failures = FailureList()
        let writer = LogFileWriter(log: PersistentLog(directory: folder.path)) { failures.add($0) }
        let controller = UIController(screen: MemoryScreen(width: 80, height: 24), keymap: .builtInDefault, theme: .builtInDark,
                                      state: AppState(pools: [PoolEntry(inventory: PoolInventory(name: "sim")),
                                                              PoolEntry(inventory: PoolInventory(name: "refused"))]),
                                      logWriter: writer)
        for (name, password) in [("refused", wrong), ("sim", right)] {
            let sync = PoolSync(name: name, address: host,
                                makeSession: { XAPISession(host: $0, user: "root", password: .value(password)) },
                                backoff: Backoff(initial: 0.05, maximum: 0.2), eventTimeout: 1)
            let running = Task { await sync.run() }
            for await change in sync.changes {
                controller.apply(change)
                if change.kind == .reloaded, change.inventory.state == .live { break }
            }
            running.cancel()
            await running.value
        }
        await writer.flushed()
        await server.stop()
        let text = try String(contentsOfFile: folder.path + "/" + PersistentLog.fileName, encoding: .utf8)
        #expect(!text.contains(right))
        #expect(!text.contains(wrong))
        let entries = PersistentLog(directory: folder.path).read(last: 100).entries
        #expect(entries.contains { $0.kind == .connection && $0.pool == "refused" && $0.status == "failed" && $0.level == .error })
        #expect(entries.contains { $0.kind == .connection && $0.pool == "sim" && $0.status == "live" })
        #expect(failures.all.isEmpty)
    }

    /// A log that cannot be written (its folder is a file) reports the failure once, however
    /// many entries fail.
    @Test func aWriteFailureIsReportedOnce() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("state", "not a folder")
        let entries = (0..<3).map { LogEntry(level: .info, kind: .connection, message: "entry \($0)") }
        let failures = await Self.write(entries, to: folder.path + "/state")
        #expect(failures.count == 1)
    }
}

/// The controller's side of a write failure.
@MainActor @Suite("Log pane: persistent log failures")
struct PersistentLogFailureTests {
    /// Entries that cannot be written (the state folder is a file) make one error entry in the
    /// pane, written nowhere, and the UI carries on.
    @Test func aWriteFailureIsOnePaneEntry() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("state", "not a folder")
        let failures = FailureList()
        let writer = LogFileWriter(log: PersistentLog(directory: folder.path + "/state")) { failures.add($0) }
        let controller = UIController(screen: MemoryScreen(width: 80, height: 24), keymap: .builtInDefault, theme: .builtInDark,
                                      state: AppFixture.state(), logWriter: writer)
        for n in 0..<3 {
            controller.appendLog(LogPaneEntry(time: AppFixture.time, level: .info, kind: .connection, pool: "lab", text: "event \(n)"))
        }
        await writer.flushed()
        for error in failures.all { controller.logWriteFailed(error, at: AppFixture.time) }
        await writer.flushed()
        let errors = controller.state.log.filter { $0.kind == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.text.hasPrefix("cannot create the folder of the log \(folder.path)/state/log.jsonl") == true)
        #expect(failures.all.count == 1)  // the error entry's own failed write is not reported again
    }
}

/// Failures the writer reports, from its queue.
final class FailureList: Sendable {
    private let list = Locked<[PersistentLogError]>([])
    func add(_ error: PersistentLogError) { list.withLock { $0.append(error) } }
    var all: [PersistentLogError] { list.withLock { $0 } }
}

/// A value behind a lock.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<T>(_ body: (inout Value) -> T) -> T { mutex.withLock { body(&$0) } }
}
