#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the persistent log could not be written or read: what was attempted, on which path,
/// and the system's reason. The UI shows it in its log pane and carries on.
public struct PersistentLogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was being done, as a verb phrase: `create the folder`, `write to`, `rotate`…
    public var operation: String
    public var path: String
    /// The `errno` value, when a system call failed.
    public var code: Int32?
    /// The reason in words (the errno text, or what was wrong).
    public var reason: String

    public init(operation: String, path: String, code: Int32? = nil, reason: String) {
        self.operation = operation
        self.path = path
        self.code = code
        self.reason = reason
    }

    /// An error from the `errno` a system call just left.
    static func system(_ operation: String, _ path: String, _ code: Int32 = errno) -> PersistentLogError {
        PersistentLogError(operation: operation, path: path, code: code, reason: String(cString: strerror(code)))
    }

    public var description: String { "cannot \(operation) the log \(path): \(reason)" }
}
