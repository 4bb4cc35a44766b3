/// A compiled `/pattern/` (Swift Regex, which reads the JavaScript/PCRE syntax XO users
/// write). It searches: like JavaScript's `re.test`, a match anywhere in the text counts.
struct FilterRegex: @unchecked Sendable {
    // Regex is an immutable value; AnyRegexOutput only keeps it from being Sendable.
    private let regex: Regex<AnyRegexOutput>

    init(pattern: String, caseInsensitive: Bool) throws {
        let regex = try Regex(pattern)
        self.regex = caseInsensitive ? regex.ignoresCase() : regex
    }

    func matches(_ text: String) -> Bool {
        (try? regex.firstMatch(in: text)) != nil
    }
}
