import Foundation

/// Where a password comes from. It is read when a login needs it, never logged, never put in
/// an error, and never passed on a command line (a password command gets it from its own config).
public enum PasswordSource: Sendable, CustomStringConvertible {
    /// The value of an environment variable (`--password-env VAR`).
    case environment(String)
    /// The first line of a file (`--password-file FILE`).
    case file(String)
    /// The first line a shell command prints (`--password-command CMD`, `password_command`).
    case command(String)
    /// A password already in memory (the built-in demo, tests).
    case value(String)

    /// Says where the password comes from, never what it is.
    public var description: String {
        switch self {
        case .environment(let name): "environment variable \(name)"
        case .file(let path): "file \(path)"
        case .command(let command): "command \(command)"
        case .value: "a password given in memory"
        }
    }

    public func read() throws(PasswordSourceError) -> String {
        switch self {
        case .value(let password):
            return password
        case .environment(let name):
            guard let value = ProcessInfo.processInfo.environment[name] else {
                throw PasswordSourceError(source: description, reason: "the variable is not set")
            }
            return value
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw PasswordSourceError(source: description, reason: "cannot read the file")
            }
            return Self.firstLine(data)
        case .command(let command):
            return try Self.run(command, source: description)
        }
    }

    private static func firstLine(_ data: Data) -> String {
        let text = String(decoding: data, as: UTF8.self)
        return String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .trimmingCharacters(in: "\r")
    }

    private static func run(_ command: String, source: String) throws(PasswordSourceError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        // A fresh /dev/null handle: corelibs' shared `FileHandle.nullDevice` has been seen closing
        // descriptors that later belong to sockets.
        let devNull = FileHandle(forReadingAtPath: "/dev/null")
        process.standardInput = devNull
        defer { try? devNull?.close() }
        do { try process.run() } catch {
            throw PasswordSourceError(source: source, reason: "cannot start /bin/sh")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PasswordSourceError(source: source, reason: "the command exited with status \(process.terminationStatus)")
        }
        return firstLine(data)
    }
}

/// The password could not be read; names the source and the reason, never any output.
public struct PasswordSourceError: Error, Hashable, Sendable, CustomStringConvertible {
    public var source: String
    public var reason: String
    public var description: String { "cannot get the password from \(source): \(reason)" }
}
