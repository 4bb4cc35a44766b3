import Foundation

/// Where a pool's password comes from; read only when a login needs it. A password is never taken from the command line or
/// the config file itself, and never appears in an error, a description or the log.
public enum PasswordSource: Sendable, Hashable, CustomStringConvertible {
    /// An environment variable, by name.
    case environment(String)
    /// A file readable only by its owner; its first line is the password.
    case file(String)
    /// A shell command (`/bin/sh -c`) printing the password as the first line of its output.
    case command(String)
    /// A password already in memory (the built-in demo pools, tests).
    case value(String)
    /// No source was given.
    case none

    /// Describes the source, never the password.
    public var description: String {
        switch self {
        case .environment(let name): return "environment variable \(name)"
        case .file(let path): return "file \(path)"
        case .command(let command): return "command `\(command)`"
        case .value: return "a password given in memory"
        case .none: return "no password source"
        }
    }

    /// Reads the password.
    public func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws(PasswordSourceError) -> String {
        switch self {
        case .value(let password): return password
        case .environment(let name):
            guard let value = environment[name] else {
                throw PasswordSourceError("the environment variable \(name) is not set")
            }
            return value
        case .file(let path): return try PasswordSource.read(file: path)
        case .command(let command): return try PasswordSource.run(command)
        case .none:
            throw PasswordSourceError("no password source: use --password-env VAR, --password-file FILE or --password-command CMD (or password_file / password_command in the config)")
        }
    }

    private static func read(file path: String) throws(PasswordSourceError) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw PasswordSourceError("cannot read the password file \(path): \(String(cString: strerror(errno)))")
        }
        let mode = info.st_mode & 0o777
        if mode & 0o077 != 0 {
            throw PasswordSourceError(
                "the password file \(path) is readable by others (mode \(String(mode, radix: 8))); "
                    + "make it private with: chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PasswordSourceError("cannot read the password file \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PasswordSourceError("the password file \(path) is not UTF-8 text")
        }
        return firstLine(text)
    }

    private static func run(_ command: String) throws(PasswordSourceError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        // "stdin closed": /dev/null, so the command sees end of file at once and a file it
        // opens cannot land on descriptor 0.
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        process.standardOutput = output
        // Standard error goes to a private temporary file, so that a chatty command cannot
        // block on a full pipe while we read standard output.
        let errorURL = FileManager.default.temporaryDirectory
            .appendingPathComponent("xentui-password-stderr-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: errorURL.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let errorHandle = try? FileHandle(forWritingTo: errorURL)
        else { throw PasswordSourceError("cannot run the password command `\(command)`: no temporary file") }
        defer {
            try? errorHandle.close()
            try? FileManager.default.removeItem(at: errorURL)
        }
        process.standardError = errorHandle
        do {
            try process.run()
        } catch {
            throw PasswordSourceError("cannot run the password command `\(command)`: \(error.localizedDescription)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let stderr = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
            var errorLine = stderr.split(separator: "\n").first.map { ": " + $0 } ?? ""
            // A command that echoes its output on stderr too must not leak it through us.
            let printed = firstLine(String(decoding: data, as: UTF8.self))
            if !printed.isEmpty, errorLine.contains(printed) {
                errorLine = " (its error output is not shown: it repeats what it printed)"
            }
            let status = process.terminationReason == .exit
                ? "exit status \(process.terminationStatus)" : "signal \(process.terminationStatus)"
            throw PasswordSourceError("the password command `\(command)` failed with \(status)\(errorLine)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PasswordSourceError("the password command `\(command)` printed something that is not UTF-8 text")
        }
        return firstLine(text)
    }

    /// The password is the first line, as `pass show` and most secret stores print it
    /// (further lines hold metadata). "\r\n" is one Character, so CRLF files work too.
    private static func firstLine(_ text: String) -> String {
        String(text.prefix { $0 != "\n" && $0 != "\r\n" })
    }
}

/// Why a password could not be read; holds no secret.
public struct PasswordSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
