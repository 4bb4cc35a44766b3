import Foundation
import Testing

@testable import Inventory

@Suite struct PersistentLogReadTests {
    @Test func missingLogReadsEmpty() {
        let scratch = LogScratch()
        let excerpt = scratch.log().read(last: 10)
        #expect(excerpt == LogExcerpt())
        #expect(excerpt.end == .beforeStart)
    }

    @Test func tornLastLineIsSkipped() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        let good = (1...3).flatMap { numbered($0).jsonLine }
        try scratch.write("log.jsonl", good + Array(numbered(4).jsonLine.prefix(57)))
        let excerpt = scratch.log().read(last: 10)
        #expect(excerpt.entries == (1...3).map { numbered($0) })
        #expect(excerpt.damagedLines == 1)
        // Following resumes at the start of the unfinished line, so it is seen once it is complete.
        #expect(excerpt.end.offset == Int64(good.count))
    }

    @Test func garbageLinesAreSkippedAndCounted() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        var bytes: [UInt8] = []
        bytes += numbered(1).jsonLine
        bytes += Array("not json at all\n".utf8)
        bytes += [0x00, 0xFF, 0xFE, 0x7B, 0x01, 0x80, 0x0A]  // binary garbage
        bytes += numbered(2).jsonLine
        bytes += Array("{\"ts\":\"2026-01-01T00:00:00Z\",\"level\":\"info\"}\n".utf8)  // no kind
        bytes += Array("\n   \n".utf8)  // blank lines are not damage
        bytes += Array(numbered(3).jsonLine.prefix(30)) + Array("\n".utf8)  // truncated mid-file
        bytes += Array(repeating: UInt8(ascii: "x"), count: PersistentLog.maximumLineBytes + 10) + [0x0A]  // huge line
        bytes += Array("{\"ts\":\"2026-01-01T00:00:00Z\",\"level\":\"info\",\"kind\":\"task\",\"message\":\"".utf8)
        bytes += Array(repeating: UInt8(ascii: "y"), count: 2 * PersistentLog.maximumLineBytes) + Array("\"}\n".utf8)  // huge valid JSON
        bytes += numbered(4).jsonLine
        try scratch.write("log.jsonl", bytes)
        let log = scratch.log()
        let excerpt = log.read(last: 100)
        #expect(excerpt.entries == [numbered(1), numbered(2), numbered(4)])
        #expect(excerpt.damagedLines == 6)
        // Asking for fewer stops early and counts only what it walked over.
        let last = log.read(last: 1)
        #expect(last.entries == [numbered(4)])
        #expect(last.damagedLines == 0)
        let two = log.read(last: 2)
        #expect(two.entries == [numbered(2), numbered(4)])
        #expect(two.damagedLines == 4)
    }

    @Test func rotatedFilesAreReadOldestFirst() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        try scratch.write("log.jsonl.3", numbered(1).jsonLine + numbered(2).jsonLine)
        try scratch.write("log.jsonl.2", numbered(3).jsonLine)
        // .1 damaged throughout, the current one missing.
        try scratch.write("log.jsonl.1", Array("garbage\n".utf8))
        let excerpt = scratch.log().read(last: 10)
        #expect(excerpt.entries == (1...3).map { numbered($0) })
        #expect(excerpt.damagedLines == 1)
        #expect(excerpt.end == .beforeStart)
    }

    @Test func unreadableFilesAreReportedNotFatal() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        try scratch.write("log.jsonl", numbered(5).jsonLine)
        try FileManager.default.createDirectory(atPath: scratch.folder + "/log.jsonl.1", withIntermediateDirectories: true)
        try scratch.write("elsewhere", numbered(1).jsonLine)
        symlink(scratch.folder + "/elsewhere", scratch.folder + "/log.jsonl.2")
        let excerpt = scratch.log().read(last: 10)
        #expect(excerpt.entries == [numbered(5)])
        #expect(excerpt.problems.map(\.path) == [scratch.folder + "/log.jsonl.1", scratch.folder + "/log.jsonl.2"])
        #expect(excerpt.problems.first?.description == "cannot read the log \(scratch.folder)/log.jsonl.1: it is not a regular file")
    }

    @Test func filtersByLevelAndPool() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        let log = scratch.log()
        let levels: [LogLevel] = [.info, .warn, .error]
        for n in 0..<30 { try log.append(numbered(n, pool: n % 2 == 0 ? "prod" : "lab", level: levels[n % 3])) }
        let errors = log.read(last: 100, level: .error, pool: nil).entries
        #expect(errors.map(\.message) == stride(from: 2, to: 30, by: 3).map { "entry \($0)" })
        let prodWarnings = log.read(last: 3, level: .warn, pool: "prod").entries
        // prod = even n; warn or worse = n % 3 != 0
        #expect(prodWarnings.map(\.message) == ["entry 22", "entry 26", "entry 28"])
    }

    @Test func lastEntriesOfABigFile() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        // About 10 MiB: a block of older entries repeated, then numbered ones of varied lengths
        // whose lines cross the reader's 64 KiB chunks at every offset.
        let block = (0..<64).flatMap { numbered(1_000_000 + $0).jsonLine }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10 * 1024 * 1024 + block.count)
        while bytes.count < 9 * 1024 * 1024 { bytes += block }
        let count = 4000
        for n in 0..<count { bytes += varied(n).jsonLine }
        try scratch.write("log.jsonl", bytes)
        let log = scratch.log()
        let excerpt = log.read(last: 200)
        #expect(excerpt.entries == (count - 200..<count).map(varied))
        #expect(excerpt.damagedLines == 0)
        #expect(excerpt.end.offset == Int64(bytes.count))
        #expect(log.read(last: count, level: nil, pool: "varied").entries == (0..<count).map(varied))
    }

    private func varied(_ n: Int) -> LogEntry {
        var entry = numbered(n, pool: "varied")
        entry.message = "entry \(n) " + String(repeating: "·", count: n % 97)
        return entry
    }
}
