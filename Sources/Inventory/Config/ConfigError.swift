/// A problem in the config file, or in the connection options on the command line.
///
/// Renders as `FILE:LINE: problem` (or `FILE: problem` when no line applies, and just the
/// problem for command-line options), like a compiler, so editors can jump to it.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String?
    public var line: Int?
    public var problem: String

    public init(path: String?, line: Int?, problem: String) {
        self.path = path
        self.line = line
        self.problem = problem
    }

    public var description: String {
        switch (path, line) {
        case (let path?, let line?): return "\(path):\(line): \(problem)"
        case (let path?, nil): return "\(path): \(problem)"
        default: return problem
        }
    }
}
