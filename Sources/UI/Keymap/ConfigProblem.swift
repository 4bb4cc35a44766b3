/// What is wrong with a keymap or theme file, where: shown as `FILE:LINE: problem`
/// in the log pane and by the CLI (exit code 2).
public struct ConfigProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    /// 1-based; nil when the problem is the file as a whole (missing, unreadable, a cycle).
    public let line: Int?
    public let problem: String

    public init(file: String, line: Int?, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String {
        if let line { return "\(file):\(line): \(problem)" }
        return "\(file): \(problem)"
    }
}

public typealias KeymapError = ConfigProblem
public typealias ThemeError = ConfigProblem
