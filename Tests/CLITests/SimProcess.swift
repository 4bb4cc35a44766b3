import Foundation

/// Where the package and its built products are, seen from the running test bundle.
enum BuildPaths {
    /// The package root (this file is Tests/CLITests/SimProcess.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The folder holding the built executables: the test bundle sits beside them.
    static var binaries: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = bundle.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("xapi-sim").path),
            folder.path != "/"
        {
            folder = folder.deletingLastPathComponent()
        }
        return folder
    }

    static func executable(_ name: String) -> URL { binaries.appendingPathComponent(name) }

    /// `../shared` beside the package root, when it is there.
    static var shared: URL? {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// The venv holding the official Python XenAPI client (made by `make test`).
    static var venvPython: URL? {
        let venv = ProcessInfo.processInfo.environment["XENTUI_VENV"].map(URL.init(fileURLWithPath:))
            ?? packageRoot.appendingPathComponent(".venv")
        let python = venv.appendingPathComponent("bin/python")
        return FileManager.default.isExecutableFile(atPath: python.path) ? python : nil
    }
}

/// A real `xapi-sim` process on 127.0.0.1 with a free port, stopped when the test is done.
final class SimProcess: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()
    /// One URL per pool master, from the `listening on http://…` lines.
    private(set) var urls: [String] = []

    init(arguments: [String], pools: Int = 1) throws {
        process.executableURL = BuildPaths.executable("xapi-sim")
        process.arguments = ["--listen", "127.0.0.1", "--port", "0"] + arguments
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        let reader = LineReader(handle: output.fileHandleForReading)
        while urls.count < pools {
            guard let line = reader.nextLine(timeout: 60) else {
                stop()
                throw SimProcessError.noListeningLine(urls)
            }
            if line.hasPrefix("listening on ") { urls.append(String(line.dropFirst("listening on ".count))) }
        }
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}

enum SimProcessError: Error, CustomStringConvertible {
    case noListeningLine([String])
    var description: String {
        switch self {
        case .noListeningLine(let seen): return "xapi-sim printed no 'listening on' line within 60 s (saw \(seen))"
        }
    }
}

/// Reads lines from a pipe with a timeout, without blocking past it.
final class LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(handle: FileHandle) { self.handle = handle }

    func nextLine(timeout: TimeInterval) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return nil }
            var poller = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(min(remaining, 1) * 1000)) > 0 else { continue }
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            buffer.append(contentsOf: chunk)
        }
    }
}

/// Runs a program to its end and returns its exit status and output.
func runProgram(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil) throws -> (
    status: Int32, stdout: String, stderr: String
) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes while the program runs, so a big output cannot fill a pipe and stall it.
    nonisolated(unsafe) var errData = Data()
    let errReader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
    errReader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while errReader.isExecuting || !errReader.isFinished { usleep(1000) }
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}
