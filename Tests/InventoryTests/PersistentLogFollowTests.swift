import Foundation
import Testing

@testable import Inventory

@Suite(.timeLimit(.minutes(1))) struct PersistentLogFollowTests {
    @Test func seesNewEntriesFromTheEnd() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        let log = scratch.log()
        try log.append(numbered(1))
        let follower = LogFollower(log: log)
        #expect(follower.readAvailable().isEmpty)
        try log.append(numbered(2))
        try scratch.log().append(numbered(3))  // another writer
        #expect(follower.nextBatch(timeoutMilliseconds: 2000) == [numbered(2), numbered(3)])
        #expect(follower.nextBatch(timeoutMilliseconds: 50).isEmpty)
    }

    @Test func startsBeforeTheFileExists() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        let log = scratch.log()
        let excerpt = log.read(last: 10)
        let follower = LogFollower(log: log, from: excerpt.end)
        #expect(follower.readAvailable().isEmpty)
        try log.append(numbered(1))
        #expect(follower.nextBatch(timeoutMilliseconds: 2000) == [numbered(1)])
    }

    @Test func resumesExactlyWhereAReadEnded() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        let log = scratch.log(rotationLimit: 2048)
        for n in 0..<3 { try log.append(numbered(n)) }
        let excerpt = log.read(last: 2)
        #expect(excerpt.entries == [numbered(1), numbered(2)])
        // Written between the read and the follow, across a rotation.
        var n = 3
        while !scratch.exists("log.jsonl.1") {
            try log.append(numbered(n))
            n += 1
        }
        try log.append(numbered(n))
        let follower = LogFollower(log: log, from: excerpt.end)
        #expect(follower.readAvailable().map(\.message) == (3...n).map { "entry \($0)" })
    }

    @Test func followsAcrossRotationsWhileWritersWrite() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        let limit = 4096
        let log = scratch.log(rotationLimit: limit)
        let other = scratch.log(rotationLimit: limit)
        let follower = LogFollower(log: log, from: log.read(last: 0).end)
        var received: [LogEntry] = []
        var written: [LogEntry] = []
        // Up to two rotations between reads: the follower must still walk through every file.
        for round in 0..<30 {
            for k in 0..<(round % 3 == 0 ? 25 : 3) {
                let entry = numbered(round * 100 + k)
                try (k % 2 == 0 ? log : other).append(entry)
                written.append(entry)
            }
            received += follower.readAvailable()
        }
        received += follower.nextBatch(timeoutMilliseconds: 100)
        #expect(scratch.exists("log.jsonl.3"))
        #expect(received == written)
        #expect(follower.damagedLines == 0)
    }

    @Test func fallingBehindByMoreRotationsThanFilesKeptLosesOnlyWhatIsGone() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        let log = scratch.log(rotationLimit: 2048)
        try log.append(numbered(0))
        let follower = LogFollower(log: log)
        // Four rotations before the follower looks again: its own file is gone (three are kept),
        // yet it still holds it open, and the files rotated after it are all there.
        var written: [LogEntry] = []
        var rotations = 0
        var inode = LogFile.status(path: scratch.path).map(LogFileID.init)
        var n = 1
        while rotations < 4 {
            try log.append(numbered(n))
            written.append(numbered(n))
            n += 1
            let now = LogFile.status(path: scratch.path).map(LogFileID.init)
            if now != inode { rotations += 1 }
            inode = now
        }
        #expect(follower.readAvailable() == written)
        #expect(follower.damagedLines == 0)
    }

    @Test func logDeletedByHandIsNotReadAgainFromItsOldFiles() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        let log = scratch.log(rotationLimit: 2048)
        var n = 0
        while !scratch.exists("log.jsonl.2") {
            try log.append(numbered(n))
            n += 1
        }
        let follower = LogFollower(log: log)
        usleep(20_000)  // file times are coarse: the next writes are clearly later than the old files
        try FileManager.default.removeItem(atPath: scratch.path)
        try log.append(numbered(1000))
        #expect(follower.readAvailable() == [numbered(1000)])
    }

    @Test func unfinishedLineIsDeliveredOnceComplete() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        let log = scratch.log()
        try log.append(numbered(1))
        let follower = LogFollower(log: log)
        let line = numbered(2).jsonLine
        let handle = try #require(FileHandle(forWritingAtPath: scratch.path))
        handle.seekToEndOfFile()
        handle.write(Data(line.prefix(20)))
        #expect(follower.readAvailable().isEmpty)
        handle.write(Data(line.dropFirst(20)))
        try handle.close()
        #expect(follower.readAvailable() == [numbered(2)])
    }

    @Test func tornLineThenNewEntryCountsOneDamaged() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        let log = scratch.log()
        try log.append(numbered(1))
        let follower = LogFollower(log: log)
        let handle = try #require(FileHandle(forWritingAtPath: scratch.path))
        handle.seekToEndOfFile()
        handle.write(Data(numbered(2).jsonLine.prefix(20)))  // a writer that crashed mid-line
        try handle.close()
        try log.append(numbered(3))
        #expect(follower.readAvailable() == [numbered(3)])
        #expect(follower.damagedLines == 1)
    }

    @Test func filterApplies() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        let log = scratch.log()
        let follower = LogFollower(log: log, from: .beforeStart, filter: LogFilter(minimumLevel: .error))
        try log.append(numbered(1, level: .info))
        try log.append(numbered(2, level: .error))
        #expect(follower.readAvailable() == [numbered(2, level: .error)])
    }

    @Test func asyncStreamDeliversAndStops() async throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        let log = scratch.log(rotationLimit: 2048)
        try log.append(numbered(0))
        var stream: AsyncStream<LogEntry>? = log.follow()
        var started = 0
        while followerThreads() == 0, started < 40 {
            try await Task.sleep(for: .milliseconds(50))
            started += 1
        }
        #expect(followerThreads() == 1)
        let writer = Task.detached {
            // Give the stream a moment, then write across a rotation.
            try await Task.sleep(for: .milliseconds(50))
            for n in 1...40 { try log.append(numbered(n)) }
        }
        // Bounded: entries that never come fail the test instead of hanging the run.
        let reading = Task { [stream = stream!] in
            var seen: [String] = []
            for await entry in stream {
                seen.append(entry.message ?? "")
                if seen.count == 40 { break }
            }
            return seen
        }
        let deadline = Task {
            try await Task.sleep(for: .seconds(20))
            reading.cancel()
        }
        let seen = await reading.value
        deadline.cancel()
        try await writer.value
        #expect(seen == (1...40).map { "entry \($0)" })
        #expect(scratch.exists("log.jsonl.1"))
        // Once nobody consumes the stream its thread ends.
        stream = nil
        var waited = 0
        while followerThreads() > 0, waited < 40 {
            try await Task.sleep(for: .milliseconds(50))
            waited += 1
        }
        #expect(followerThreads() == 0)
    }

    /// Threads of this process named like the follower's (Linux keeps 15 bytes of a name).
    private func followerThreads() -> Int {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.filter { task in
            let name = (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)) ?? ""
            return name.hasPrefix("xentui log foll")
        }.count
    }
}
