/// Why a state.db could not be read, with where in the file.
public struct StateDBError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    /// Byte offset into the file.
    public let offset: Int
    /// 1-based line and column of `offset`.
    public let line: Int
    public let column: Int

    public init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// Computes line and column by counting newlines, which is only done once an error occurs.
    init(_ message: String, at offset: Int, in bytes: [UInt8]) {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<end where bytes[index] == 10 {
            line += 1
            lineStart = index + 1
        }
        self.init(message: message, offset: end, line: line, column: end - lineStart + 1)
    }

    public var description: String { "state.db: line \(line), column \(column) (byte \(offset)): \(message)" }
}
