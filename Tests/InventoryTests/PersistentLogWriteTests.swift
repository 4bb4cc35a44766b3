import Foundation
import Testing

@testable import Inventory

@Suite struct PersistentLogWriteTests {
    @Test func appendThenReadRoundTrip() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        let log = scratch.log()
        #expect(log.path == scratch.path)
        let entries = (1...5).map { numbered($0) }
        for entry in entries { try log.append(entry) }
        #expect(scratch.lines() == entries.map(\.json))
        let excerpt = log.read(last: 10)
        #expect(excerpt.entries == entries)
        #expect(excerpt.damagedLines == 0)
        #expect(excerpt.problems.isEmpty)
        #expect(log.read(last: 2).entries == Array(entries.suffix(2)))
        // A second instance (another process) appends to the same file.
        try scratch.log().append(numbered(6))
        #expect(log.read(last: 10).entries.map(\.message) == (1...6).map { "entry \($0)" })
    }

    @Test func folderIsCreatedPrivateAndFileIs0600() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        let nested = PersistentLog(directory: scratch.folder + "/state/xentui/")
        #expect(nested.path == scratch.folder + "/state/xentui/log.jsonl")
        try nested.append(numbered(1))
        #expect(scratch.mode(scratch.folder + "/state") == 0o700)
        #expect(scratch.mode(scratch.folder + "/state/xentui") == 0o700)
        #expect(scratch.mode(nested.path) == 0o600)
        #expect(scratch.mode(nested.lockPath) == 0o600)
    }

    @Test func existingFileIsMadePrivate() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        try scratch.write("log.jsonl", numbered(1).jsonLine)
        chmod(scratch.path, 0o644)
        try scratch.log().append(numbered(2))
        #expect(scratch.mode(scratch.path) == 0o600)
        #expect(scratch.lines().count == 2)
    }

    @Test func plantedSymlinkIsNotFollowed() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        try scratch.write("target", [])
        symlink(scratch.folder + "/target", scratch.path)
        #expect(throws: PersistentLogError.self) { try scratch.log().append(numbered(1)) }
        do {
            try scratch.log().append(numbered(1))
        } catch {
            #expect(error.description == "cannot open the log \(scratch.path): it is a symbolic link")
        }
        #expect(scratch.bytes("target").isEmpty)
    }

    @Test func fileThatIsAFolderIsAnError() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        try FileManager.default.createDirectory(atPath: scratch.path, withIntermediateDirectories: true)
        let log = scratch.log()
        do {
            try log.append(numbered(1))
            Issue.record("expected an error")
        } catch {
            #expect(error.path == scratch.path)
            #expect(error.code == EISDIR)
            #expect(error.description == "cannot open the log \(scratch.path): Is a directory")
        }
        // Reading reports it and carries on.
        let excerpt = log.read(last: 5)
        #expect(excerpt.entries.isEmpty)
        #expect(excerpt.problems.map(\.path) == [scratch.path])
        // Once the obstacle is gone the same instance writes again.
        try FileManager.default.removeItem(atPath: scratch.path)
        try log.append(numbered(2))
        #expect(log.read(last: 5).entries == [numbered(2)])
    }

    @Test func folderThatCannotBeCreatedIsAnError() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        try scratch.write("plain-file", Array("x".utf8))
        let log = PersistentLog(directory: scratch.folder + "/plain-file/xentui")
        do {
            try log.append(numbered(1))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == ENOTDIR)
            #expect(error.description == "cannot create the folder of the log \(log.path): Not a directory")
        }
        // /proc refuses new folders, even to root.
        let proc = PersistentLog(directory: "/proc/xentui-log-test/xentui")
        #expect(throws: PersistentLogError.self) { try proc.append(numbered(1)) }
        #expect(proc.read(last: 3) == LogExcerpt())
    }

    @Test func readOnlyFolderIsAnError() throws {
        // Root writes anywhere, so this only means something for other users.
        guard geteuid() != 0 else { return }
        let scratch = LogScratch()
        defer {
            chmod(scratch.folder, 0o700)
            scratch.remove()
        }
        try FileManager.default.createDirectory(atPath: scratch.folder, withIntermediateDirectories: true)
        chmod(scratch.folder, 0o500)
        do {
            try scratch.log().append(numbered(1))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == EACCES)
        }
    }

    @Test func tornLastLineIsEndedBeforeTheNextEntry() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        let whole = numbered(1).jsonLine
        let torn = Array(numbered(2).jsonLine.prefix(40))
        try scratch.write("log.jsonl", whole + torn)
        let log = scratch.log()
        try log.append(numbered(3))
        #expect(scratch.lines().count == 3)
        #expect(scratch.lines()[2] == numbered(3).json)
        let excerpt = log.read(last: 10)
        #expect(excerpt.entries == [numbered(1), numbered(3)])
        #expect(excerpt.damagedLines == 1)
    }

    @Test func hugeEntryIsShortenedNotLost() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        var entry = numbered(1)
        entry.message = String(repeating: "é", count: 800_000)
        entry.error = ["INTERNAL_ERROR"] + (0..<200).map { String(repeating: "p\($0)", count: 3000) }
        let log = scratch.log()
        try log.append(entry)
        let bytes = scratch.bytes()
        #expect(bytes.count < PersistentLog.maximumLineBytes)
        let read = try #require(log.read(last: 1).entries.first)
        #expect(read.message?.hasSuffix("…") == true)
        #expect(read.message?.hasPrefix("éé") == true)
        #expect(read.error?.first == "INTERNAL_ERROR")
        #expect(read.error?.last == "… 137 more")
    }

    @Test func defaultDirectory() {
        #expect(PersistentLog.defaultDirectory(environment: ["XENTUI_STATE_DIR": "/x/y", "XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/x/y")
        #expect(PersistentLog.defaultDirectory(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/xentui")
        #expect(PersistentLog.defaultDirectory(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]) == "/h/.local/state/xentui")
        #expect(PersistentLog.defaultDirectory(environment: ["XENTUI_STATE_DIR": "", "HOME": "/h"]) == "/h/.local/state/xentui")
        #expect(PersistentLog(directory: "/s/xentui").path == "/s/xentui/log.jsonl")
    }
}
