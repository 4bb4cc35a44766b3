import Foundation

/// The folder of the bench executable, where `swift build` also puts `xentui` and `xapi-sim`.
enum Binaries {
    static var folder: URL {
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: own).deletingLastPathComponent()
    }

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
}

enum BenchError: Error, CustomStringConvertible {
    case failed(String)
    var description: String {
        switch self {
        case .failed(let text): text
        }
    }
}

/// An `xapi-sim` process on 127.0.0.1 with free ports; `stop()` ends it (SIGTERM, then SIGKILL).
final class SimulatorProcess: @unchecked Sendable {
    static let user = "root"
    static let password = "password"

    let process = Process()
    private let output = Pipe()
    /// One URL per pool master, from its `listening on http://…` line.
    private(set) var urls: [String] = []

    /// Starts `xapi-sim` with `arguments` and waits (up to `timeout` s) until every pool listens.
    init(pools: Int, arguments: [String], timeout: Double = 600) throws {
        process.executableURL = URL(fileURLWithPath: Binaries.path("xapi-sim"))
        process.arguments = ["--listen", "127.0.0.1", "--port", "0", "--pools", "\(pools)",
                             "--user", Self.user, "--password", Self.password] + arguments
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let reader = LineReader(fd: output.fileHandleForReading.fileDescriptor)
        let deadline = now() + timeout
        while urls.count < pools {
            guard let line = reader.nextLine(until: deadline) else {
                stop()
                throw BenchError.failed("xapi-sim \(arguments.joined(separator: " ")) printed \(urls.count) of \(pools) 'listening on' lines within \(Int(timeout)) s")
            }
            if line.hasPrefix("listening on ") { urls.append(String(line.dropFirst("listening on ".count))) }
        }
    }

    var pid: Int32 { process.processIdentifier }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = now() + 10
        while process.isRunning, now() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// Reads lines from a file descriptor without blocking past a deadline.
final class LineReader {
    private let fd: Int32
    private var buffer: [UInt8] = []

    init(fd: Int32) { self.fd = fd }

    func nextLine(until deadline: Double) -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let remaining = deadline - now()
            guard remaining > 0 else { return nil }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(min(remaining, 1) * 1000) + 1) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = read(fd, &chunk, chunk.count)
            if count <= 0 { return nil }
            buffer += chunk[..<count]
        }
    }
}

/// Runs a program to its end (killed after `timeout` s) and returns its status and standard output.
func runProgram(_ path: String, _ arguments: [String], timeout: Double) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.standardError
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let reader = out.fileHandleForReading.fileDescriptor
    var bytes: [UInt8] = []
    let deadline = now() + timeout
    var chunk = [UInt8](repeating: 0, count: 65536)
    while now() < deadline {
        var poller = pollfd(fd: reader, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 200) > 0 else { continue }
        let count = read(reader, &chunk, chunk.count)
        if count <= 0 { break }
        bytes += chunk[..<count]
    }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: bytes, as: UTF8.self))
}
