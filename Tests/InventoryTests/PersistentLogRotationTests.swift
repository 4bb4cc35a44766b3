import Foundation
import Testing

@testable import Inventory

@Suite struct PersistentLogRotationTests {
    @Test func rotatesAtTheLimitKeepingThreeOldFiles() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        let limit = 4096
        let log = scratch.log(rotationLimit: limit)
        let count = 400
        for n in 0..<count { try log.append(numbered(n)) }

        let names = ["log.jsonl.3", "log.jsonl.2", "log.jsonl.1", "log.jsonl"]
        #expect(!scratch.exists("log.jsonl.4"))
        for name in names {
            #expect(scratch.exists(name))
            #expect(scratch.bytes(name).count <= limit)
            #expect(scratch.mode(scratch.folder + "/" + name) == 0o600)
        }
        // Oldest to newest, the kept entries are one unbroken run ending with the last one.
        let kept = names.flatMap { scratch.lines($0) }.map { LogEntry(jsonLine: Array($0.utf8))?.message }
        let first = count - kept.count
        #expect(first > 0)
        #expect(kept == (first..<count).map { "entry \($0)" })
        // Every full file was filled close to the limit before it was rotated.
        for name in names.dropLast() {
            #expect(scratch.bytes(name).count > limit - numbered(0).jsonLine.count - 20)
        }
        // Reading crosses the files in order.
        let excerpt = log.read(last: kept.count + 10)
        #expect(excerpt.entries.map(\.message) == kept)
        #expect(log.read(last: 50).entries.map(\.message) == Array(kept.suffix(50)))
    }

    @Test func anotherInstanceNoticesTheRotation() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        let a = scratch.log(rotationLimit: 2048)
        let b = scratch.log(rotationLimit: 2048)
        try b.append(numbered(0))  // b's descriptor is on the first file
        var n = 1
        while !scratch.exists("log.jsonl.1") {
            try a.append(numbered(n))
            n += 1
        }
        // b must write to the new log.jsonl, not to the rotated file it had open.
        try b.append(numbered(999))
        #expect(scratch.lines().last == numbered(999).json)
        #expect(!scratch.lines("log.jsonl.1").contains(numbered(999).json))
    }

    @Test func twoWritersAtOnceNeverInterleaveOrLoseEntries() async throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        let perWriter = 2000
        // Three and a half files' worth: it rotates three times and keeps everything.
        let total = (0..<2).flatMap { w in (0..<perWriter).map { numbered(w * 100_000 + $0, pool: "writer\(w)").jsonLine.count } }
            .reduce(0, +)
        let limit = total * 2 / 7
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    // Its own instance and descriptors, like another process; a thread of its own.
                    let log = scratch.log(rotationLimit: limit)
                    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                        Thread {
                            for n in 0..<perWriter {
                                try? log.append(numbered(writer * 100_000 + n, pool: "writer\(writer)"))
                            }
                            done.resume()
                        }.start()
                    }
                }
            }
        }
        var seen: [String: Int] = [:]
        var files = 0
        for name in ["log.jsonl.3", "log.jsonl.2", "log.jsonl.1", "log.jsonl"] where scratch.exists(name) {
            files += 1
            let bytes = scratch.bytes(name)
            #expect(bytes.last == UInt8(ascii: "\n"))
            for line in scratch.lines(name) {
                // Valid JSON to any reader, and a valid entry.
                #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any])
                guard let entry = LogEntry(jsonLine: Array(line.utf8)), let message = entry.message else {
                    Issue.record("damaged line in \(name): \(line.prefix(80))")
                    continue
                }
                seen[message, default: 0] += 1
            }
        }
        #expect(files == 4)  // it did rotate
        let expected = (0..<2).flatMap { writer in (0..<perWriter).map { "entry \(writer * 100_000 + $0)" } }
        #expect(seen.count == expected.count)
        #expect(seen.values.allSatisfy { $0 == 1 })
        #expect(Set(seen.keys) == Set(expected))
        // Each writer's entries are in its own order across the files.
        let all = scratch.log().read(last: 10_000)
        #expect(all.damagedLines == 0)
        for writer in 0..<2 {
            let mine = all.entries.filter { $0.pool == "writer\(writer)" }.compactMap(\.message)
            #expect(mine == (0..<perWriter).map { "entry \(writer * 100_000 + $0)" })
        }
    }
}
