import Foundation
import Testing

@testable import Inventory

/// A private temporary state folder per test (tests run in parallel, so none uses the environment).
struct LogScratch {
    let folder: String

    init() {
        folder = FileManager.default.temporaryDirectory.path + "/xentui-log-test-\(UUID().uuidString)"
    }

    var path: String { folder + "/log.jsonl" }

    func log(rotationLimit: Int = PersistentLog.defaultRotationLimit, redaction: LogRedaction = LogRedaction()) -> PersistentLog {
        PersistentLog(directory: folder, rotationLimit: rotationLimit, redaction: redaction)
    }

    /// The raw bytes of a file in the folder (empty when missing).
    func bytes(_ name: String = "log.jsonl") -> [UInt8] {
        FileManager.default.contents(atPath: folder + "/" + name).map { [UInt8]($0) } ?? []
    }

    func text(_ name: String = "log.jsonl") -> String { String(decoding: bytes(name), as: UTF8.self) }

    /// Lines of a file, without their newlines.
    func lines(_ name: String = "log.jsonl") -> [String] {
        text(name).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    func write(_ name: String, _ bytes: [UInt8]) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: folder + "/" + name) }

    func mode(_ path: String) -> Int {
        var info = stat()
        return lstat(path, &info) == 0 ? Int(info.st_mode & 0o777) : -1
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

/// An entry whose message numbers it, so tests can check order and completeness.
func numbered(_ n: Int, pool: String = "prod", level: LogLevel = .info) -> LogEntry {
    LogEntry(
        ts: LogTimestamp(millisecondsSinceEpoch: 1_795_000_000_000 + Int64(n)), level: level, kind: .action, pool: pool,
        object: LogObject(className: "VM", uuid: "0f2b9c2e-0000-4000-8000-\(String(format: "%012d", n))", name: "web-\(n)"),
        call: "VM.start", status: "success", message: "entry \(n)")
}
