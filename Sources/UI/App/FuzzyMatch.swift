/// Case-insensitive subsequence matching with a score, for `ctrl-p` (fzf's idea, simplified):
/// every query character must appear in order; a prefix, word starts and runs of contiguous
/// characters score higher, gaps and long names lower.
enum FuzzyMatch {
    /// One value per character, case folded, so that matching compares integers.
    static func fold(_ text: String) -> [UInt32] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text.utf8.map { UInt32($0 &- 0x41 < 26 ? $0 | 0x20 : $0) }
        }
        return text.map { $0.lowercased().unicodeScalars.first?.value ?? 0 }
    }

    struct Match: Sendable {
        var score: Int
        /// Character indices of the name that matched, ascending.
        var positions: [Int]
    }

    /// The match of `query` in `name` (both folded), nil when it is not a subsequence.
    /// A contiguous occurrence is preferred (the one at a word start if any), else the
    /// greedy leftmost subsequence.
    static func match(_ query: [UInt32], in name: [UInt32]) -> Match? {
        var positions: [Int] = []
        return score(query, in: name, positions: &positions).map { Match(score: $0, positions: positions) }
    }

    /// The same, writing the positions into a buffer the caller reuses (no allocation per name).
    static func score(_ query: [UInt32], in name: [UInt32], positions: inout [Int]) -> Int? {
        positions.removeAll(keepingCapacity: true)
        guard !query.isEmpty else { return 0 }
        guard query.count <= name.count else { return nil }
        if let start = contiguousStart(query, in: name) {
            for index in start..<(start + query.count) { positions.append(index) }
            return score(positions, in: name)
        }
        var index = 0
        for character in query {
            while index < name.count, name[index] != character { index += 1 }
            guard index < name.count else { return nil }
            positions.append(index)
            index += 1
        }
        return score(positions, in: name)
    }

    /// The first occurrence at a word start, else the first occurrence.
    private static func contiguousStart(_ query: [UInt32], in name: [UInt32]) -> Int? {
        var first: Int?
        var start = 0
        while start + query.count <= name.count {
            if name[start] == query[0] {
                var length = 1
                while length < query.count, name[start + length] == query[length] { length += 1 }
                if length == query.count {
                    if isWordStart(start, in: name) { return start }
                    if first == nil { first = start }
                }
            }
            start += 1
        }
        return first
    }

    static func isWordStart(_ index: Int, in name: [UInt32]) -> Bool {
        guard index > 0 else { return true }
        let previous = name[index - 1]
        // After a separator or a digit/letter change (`web-01`, `vm_2`, `host 3`).
        return !isAlphanumeric(previous) || (isDigit(previous) != isDigit(name[index]))
    }

    private static func isAlphanumeric(_ c: UInt32) -> Bool { isDigit(c) || (c >= 0x61 && c <= 0x7A) || c >= 0x80 }
    private static func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }

    static func score(_ positions: [Int], in name: [UInt32]) -> Int {
        var score = 0
        for (n, position) in positions.enumerated() {
            score += 16
            if position == 0 { score += 24 } else if isWordStart(position, in: name) { score += 10 }
            if n > 0 {
                // A run outweighs word starts reached by skipping (`web` in my-web over w-e-b-app).
                let gap = position - positions[n - 1] - 1
                score += gap == 0 ? 14 : -(3 + min(gap, 8))
            }
        }
        return score - min(name.count, 64) / 4
    }
}
