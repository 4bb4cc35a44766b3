import Foundation

/// A compiled `/pattern/` (ICU's syntax via NSRegularExpression, which reads the
/// JavaScript-style patterns XO users write, and on Linux runs about twice as fast as Swift
/// Regex here). It searches: like JavaScript's `re.test`, a match anywhere in the text counts.
struct FilterRegex: @unchecked Sendable {
    // NSRegularExpression is immutable and documented thread-safe.
    private let regex: NSRegularExpression

    init(pattern: String, caseInsensitive: Bool) throws {
        regex = try NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
    }

    func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
    }
}
