/// Case-insensitive text search without allocating: haystacks are scanned as UTF-8 with
/// ASCII case folding; only a haystack with non-ASCII bytes is lowercased in full
/// (Unicode lowercasing, like JavaScript's `toLowerCase`).

/// A lowercased piece of text to look for.
struct FilterNeedle: Sendable {
    let bytes: [UInt8]
    let isASCII: Bool

    init(_ text: String) {
        bytes = Array(text.lowercased().utf8)
        isASCII = bytes.allSatisfy { $0 < 0x80 }
    }
}

/// Lowercased pieces found in order anywhere in the text: one piece for a word, the
/// pieces between `*`s for a glob (XO turns `a*b` into the unanchored, case-insensitive
/// regex `a.*b`). Built once per filter, so matching allocates nothing.
struct FilterPattern: Sendable {
    let pieces: [FilterNeedle]

    init(word: String) {
        pieces = [FilterNeedle(word)]
    }

    init(glob: String) {
        pieces = glob.split(separator: "*", omittingEmptySubsequences: true).map { FilterNeedle(String($0)) }
    }
}

enum FilterText {
    static func matches(_ haystack: String, _ pattern: FilterPattern) -> Bool {
        find(haystack, pattern.pieces)
    }

    /// Whether the needles occur in this order, without overlapping.
    private static func find(_ haystack: String, _ needles: [FilterNeedle]) -> Bool {
        if needles.isEmpty { return true }
        var haystack = haystack
        let fast: Bool? = haystack.withUTF8 { buffer in
            var from = 0
            for needle in needles {
                guard needle.isASCII else { return nil }
                switch asciiFind(needle.bytes, in: buffer, from: from) {
                case .found(let end): from = end
                case .absent: return false
                case .notASCII: return nil
                }
            }
            return true
        }
        if let fast { return fast }
        // Slow path: Unicode lowercasing, then a plain byte search.
        var lowered = haystack.lowercased()
        return lowered.withUTF8 { buffer in
            var from = 0
            for needle in needles {
                guard let end = byteFind(needle.bytes, in: buffer, from: from) else { return false }
                from = end
            }
            return true
        }
    }

    private enum Found { case found(Int), absent, notASCII }

    /// Search with ASCII folding; gives up (`.notASCII`) on meeting a non-ASCII byte, where
    /// folding byte by byte would be wrong.
    private static func asciiFind(_ needle: [UInt8], in hay: UnsafeBufferPointer<UInt8>, from: Int) -> Found {
        let n = needle.count
        if n == 0 { return .found(from) }
        if hay.count - from < n {
            for i in from..<hay.count where hay[i] >= 0x80 { return .notASCII }
            return .absent
        }
        return needle.withUnsafeBufferPointer { nd in
            let first = nd[0]
            var i = from
            let last = hay.count - n
            while i <= last {
                let b = hay[i]
                if b >= 0x80 { return .notASCII }
                if fold(b) == first {
                    var j = 1
                    while j < n {
                        let h = hay[i + j]
                        if h >= 0x80 { return .notASCII }
                        if fold(h) != nd[j] { break }
                        j += 1
                    }
                    if j == n { return .found(i + n) }
                }
                i += 1
            }
            for k in (last + 1)..<hay.count where hay[k] >= 0x80 { return .notASCII }
            return .absent
        }
    }

    private static func byteFind(_ needle: [UInt8], in hay: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let n = needle.count
        if n == 0 { return from }
        guard hay.count - from >= n else { return nil }
        var i = from
        while i <= hay.count - n {
            var j = 0
            while j < n, hay[i + j] == needle[j] { j += 1 }
            if j == n { return i + n }
            i += 1
        }
        return nil
    }

    @inline(__always) private static func fold(_ b: UInt8) -> UInt8 {
        b &- 0x41 < 26 ? b | 0x20 : b
    }
}
