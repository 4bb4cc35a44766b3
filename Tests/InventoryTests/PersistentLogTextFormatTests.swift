import Foundation
import Testing

@testable import Inventory

@Suite struct PersistentLogTextFormatTests {
    let format = LogTextFormat(timeZone: TimeZone(identifier: "UTC")!)
    let ts = LogTimestamp(rfc3339: "2026-11-25T12:01:03.120Z")!

    @Test func lineLikeTheLogPane() {
        let started = LogEntry(
            ts: ts, level: .info, kind: .action, pool: "prod", object: LogObject(className: "VM", name: "web-01"),
            call: "VM.start", status: "success", message: "1.2s")
        #expect(format.line(for: started) == "12:01:03 ✓ VM.start         web-01          prod   1.2s")

        let failed = LogEntry(
            ts: ts, level: .error, kind: .action, pool: "prod", object: LogObject(name: "db-02"), call: "VM.clean_shutdown",
            status: "failure", error: ["VM_BAD_POWER_STATE", "OpaqueRef:x", "running", "halted"])
        #expect(format.line(for: failed) == "12:01:03 ✗ VM.clean_shutdown db-02           prod   VM_BAD_POWER_STATE OpaqueRef:x running halted")

        let running = LogEntry(
            ts: ts, level: .info, kind: .task, pool: "prod", object: LogObject(name: "app-03"), call: "VM.pool_migrate",
            status: "pending", progress: 0.644)
        #expect(format.line(for: running) == "12:01:03 ⟳ VM.pool_migrate  app-03          prod   64%")
    }

    @Test func entriesWithoutCallOrObject() {
        let lost = LogEntry(ts: ts, level: .warn, kind: .connection, pool: "lab", message: "connection lost, retrying in 2s")
        #expect(format.line(for: lost) == "12:01:03 ! connection                       lab    connection lost, retrying in 2s")
        let bare = LogEntry(ts: ts, level: .info, kind: .alert)
        #expect(format.line(for: bare) == "12:01:03 · alert")
        #expect(LogTextFormat(timeZone: TimeZone(identifier: "UTC")!, ascii: true).line(for: bare) == "12:01:03 - alert")
    }

    @Test func timeZoneAndDate() {
        let entry = LogEntry(ts: ts, level: .info, kind: .alert)
        let paris = LogTextFormat(timeZone: TimeZone(identifier: "Europe/Paris")!, showsDate: true)
        #expect(paris.line(for: entry) == "2026-11-25 13:01:03 · alert")
    }

    @Test func controlCharactersNeverReachTheTerminal() {
        let hostile = LogEntry(ts: ts, level: .error, kind: .alert, message: "line1\nline2\u{1B}[2J\u{9B}x")
        let line = format.line(for: hostile)
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(line.hasSuffix("line1 line2 [2J x"))
    }
}
