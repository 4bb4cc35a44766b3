/// A host's CPU features as `cpu_info` gives them: 32-bit masks in hex, joined by dashes
/// (`1fcbfbff-f7fa3223-…`), one per CPUID word xapi levels pools with.
public struct CPUFeatureSet: Equatable, Sendable {
    public var words: [UInt32]

    /// Nil when the text is not dash-separated hex words (an old or odd host).
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard !parts.isEmpty else { return nil }
        var words: [UInt32] = []
        for part in parts {
            guard let word = UInt32(part, radix: 16) else { return nil }
            words.append(word)
        }
        self.words = words
    }

    public init(words: [UInt32]) { self.words = words }

    /// How many features `self` has that `other` lacks (a word `other` does not list counts as
    /// all missing).
    public func countMissing(in other: CPUFeatureSet) -> Int {
        words.enumerated().reduce(0) { count, element in
            let theirs = element.offset < other.words.count ? other.words[element.offset] : 0
            return count + (element.element & ~theirs).nonzeroBitCount
        }
    }
}
