/// The error codes XAPI can return, with their parameter names, from the datamodel's
/// `errors.json`. The table lives in `Generated/XAPIErrorCatalog.swift` as text, read once.
public enum XAPIErrorCatalog {
    struct Entry: Sendable {
        let summary: String
        let parameterNames: [String]
    }

    private static let entries: [String: Entry] = {
        var result: [String: Entry] = [:]
        result.reserveCapacity(700)
        for line in table.split(separator: "\n") {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 2 else { continue }
            result[parts[0]] = Entry(summary: parts[1], parameterNames: Array(parts.dropFirst(2)))
        }
        return result
    }()

    /// Every known error code, sorted.
    public static var codes: [String] { entries.keys.sorted() }

    /// The names of the parameters that follow the code in `ErrorDescription`, or nil for an unknown code.
    public static func parameterNames(for code: String) -> [String]? { entries[code]?.parameterNames }

    /// The datamodel's own one-line description of the error, or nil for an unknown code.
    public static func summary(for code: String) -> String? { entries[code]?.summary }
}
