import Foundation
import Testing

@testable import Inventory

@Suite struct PersistentLogEntryTests {
    @Test func fullEntryInFieldOrder() {
        let entry = LogEntry(
            ts: LogTimestamp(rfc3339: "2026-11-25T12:01:03.120Z")!, level: .error, kind: .task, pool: "prod",
            object: LogObject(className: "VM", uuid: "a-b", name: "db-02"), call: "VM.clean_shutdown",
            task: "OpaqueRef:t1", status: "failure", progress: 0.5,
            error: ["VM_BAD_POWER_STATE", "OpaqueRef:v", "running", "halted"], message: "expected running",
            xe: "xe vm-shutdown uuid=a-b")
        #expect(
            entry.json
                == #"{"ts":"2026-11-25T12:01:03.120Z","level":"error","kind":"task","pool":"prod","object":{"class":"VM","uuid":"a-b","name":"db-02"},"call":"VM.clean_shutdown","task":"OpaqueRef:t1","status":"failure","progress":0.5,"error":["VM_BAD_POWER_STATE","OpaqueRef:v","running","halted"],"message":"expected running","xe":"xe vm-shutdown uuid=a-b"}"#
        )
        #expect(entry.jsonLine.last == UInt8(ascii: "\n"))
        #expect(LogEntry(jsonLine: entry.jsonLine) == entry)
    }

    @Test func absentFieldsAreOmitted() {
        let entry = LogEntry(ts: LogTimestamp(millisecondsSinceEpoch: 0), level: .info, kind: .connection, object: LogObject())
        #expect(entry.json == #"{"ts":"1970-01-01T00:00:00.000Z","level":"info","kind":"connection"}"#)
    }

    @Test func stringsAreEscaped() throws {
        let nasty = "quote\" back\\ nl\n tab\t bell\u{7} esc\u{1B}[31m nul\u{0} é ☃ 😀"
        let entry = LogEntry(ts: LogTimestamp(millisecondsSinceEpoch: 1), level: .warn, kind: .error, message: nasty)
        let line = entry.jsonLine
        // One line: the only newline byte is the terminator, and no raw control byte remains.
        #expect(line.filter { $0 == 0x0A }.count == 1)
        #expect(!line.dropLast().contains { $0 < 0x20 })
        #expect(entry.json.contains(#"\"#))
        #expect(entry.json.contains(#"\u001b[31m"#))
        #expect(entry.json.contains(#"\u0000"#))
        // Any JSON reader agrees.
        let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
        #expect(object?["message"] as? String == nasty)
        #expect(LogEntry(jsonLine: line)?.message == nasty)
    }

    @Test func invalidUTF8InAFileReadsAsReplacement() {
        var line = Array(#"{"ts":"2026-01-01T00:00:00Z","level":"info","kind":"alert","message":"a"#.utf8)
        line += [0xFF, 0xFE]
        line += Array(#"b"}"#.utf8)
        let entry = LogEntry(jsonLine: line)
        #expect(entry?.message == "a\u{FFFD}\u{FFFD}b")
        // and it is written back as valid UTF-8
        #expect(String(validating: entry!.jsonLine, as: UTF8.self) != nil)
    }

    @Test func readingIsLenientAboutUnknownAndNullMembers() {
        let line = #"{"level":"warn","future":{"x":[1,2]},"ts":"2026-01-01T10:00:00.5+01:00","kind":"alert","pool":null,"object":{"class":"host","extra":1},"progress":1}"#
        let entry = LogEntry(jsonLine: Array(line.utf8))
        #expect(entry?.level == .warn)
        #expect(entry?.pool == nil)
        #expect(entry?.object == LogObject(className: "host"))
        #expect(entry?.progress == 1)
        #expect(entry?.ts.rfc3339 == "2026-01-01T09:00:00.500Z")
    }

    @Test(arguments: [
        "", "null", "[]", "{}", "garbage", #"{"ts":"2026-01-01T00:00:00Z","level":"info"}"#,
        #"{"ts":"2026-01-01T00:00:00Z","level":"loud","kind":"task"}"#,
        #"{"ts":"yesterday","level":"info","kind":"task"}"#,
        #"{"ts":"2026-01-01T00:00:00Z","level":"info","kind":"task""#,
        #"{"ts":"2026-01-01T00:00:00Z","level":"info","kind":"task"} trailing"#,
        #"{"ts":"2026-01-01T00:00:00Z","level":"info","kind":"task","error":"not an array"}"#,
    ])
    func damagedLinesAreNotEntries(_ line: String) {
        #expect(LogEntry(jsonLine: Array(line.utf8)) == nil)
    }

    @Test func timestamps() {
        #expect(LogTimestamp(millisecondsSinceEpoch: 1_795_000_000_123).rfc3339 == "2026-11-18T11:06:40.123Z")
        #expect(LogTimestamp(millisecondsSinceEpoch: -1).rfc3339 == "1969-12-31T23:59:59.999Z")
        #expect(LogTimestamp(rfc3339: "2026-11-18T11:06:40.123Z")?.millisecondsSinceEpoch == 1_795_000_000_123)
        #expect(LogTimestamp(rfc3339: "2026-11-18T11:06:40Z")?.millisecondsSinceEpoch == 1_795_000_000_000)
        #expect(LogTimestamp(rfc3339: "2026-11-18T11:06:40.1239999Z")?.millisecondsSinceEpoch == 1_795_000_000_123)
        #expect(LogTimestamp(rfc3339: "2026-11-18T09:06:40-02:00")?.millisecondsSinceEpoch == 1_795_000_000_000)
        #expect(LogTimestamp(rfc3339: "2026-11-18T13:06:40+02:00")?.millisecondsSinceEpoch == 1_795_000_000_000)
        #expect(LogTimestamp(rfc3339: "2026-11-18T11:06:40") == nil)
        #expect(LogTimestamp(rfc3339: "2026-13-19T08:26:40Z") == nil)
        #expect(LogTimestamp(rfc3339: "2026-11-18T11:06:40.Z") == nil)
        // Text order is time order.
        let a = LogTimestamp(millisecondsSinceEpoch: 1_795_000_000_099)
        let b = LogTimestamp(millisecondsSinceEpoch: 1_795_000_000_100)
        #expect(a < b && a.rfc3339 < b.rfc3339)
        let now = LogTimestamp.now().millisecondsSinceEpoch
        let reference = Int64(Date().timeIntervalSince1970 * 1000)
        #expect(abs(now - reference) < 5_000)
    }

    @Test func levelsAreOrdered() {
        #expect(LogLevel.info < .warn && LogLevel.warn < .error)
        #expect(LogFilter(minimumLevel: .warn).matches(numbered(1, level: .error)))
        #expect(!LogFilter(minimumLevel: .warn).matches(numbered(1, level: .info)))
        #expect(!LogFilter(pool: "lab").matches(numbered(1, pool: "prod")))
    }
}
