extension Filter {
    /// Whether everything this filter matches is sure to be matched by `previous` too, so that
    /// only `previous`'s matches need testing (typing one more character of a word, or another
    /// word). Conservative: false whenever that is not plain from the two trees.
    public func narrows(_ previous: Filter) -> Bool {
        expression.narrows(previous.expression)
    }
}

extension FilterExpression {
    /// `self` matches a subset of what `previous` matches.
    func narrows(_ previous: FilterExpression) -> Bool {
        if self == previous { return true }
        switch (self, previous) {
        case (_, .all): return true
        // Every old term must still hold: each is implied by the new filter.
        case (_, .and(let old)): return old.allSatisfy { self.narrows($0) }
        // One of the new terms alone implies the old term.
        case (.and(let new), _): return new.contains { $0.narrows(previous) }
        case (.property(let name, let new), .property(let oldName, let old)):
            return name == oldName && new.narrows(old)
        case (.text(let new), .text(let old)), (.text(let new), .number(let old)):
            return Self.word(new, contains: old)
        case (.glob(let new), .text(let old)), (.glob(let new), .number(let old)):
            // Each piece of a glob must occur, so a piece holding the old word implies it.
            return new.split(separator: "*").contains { Self.word(String($0), contains: old) }
        default:
            return false
        }
    }

    /// A text term `new` (a longer word) matches only where the word `old` matches: its
    /// lowercased form holds the old one, and it does not also match booleans the way `true`
    /// and `false` do (`tru` → `true`).
    private static func word(_ new: String, contains old: String) -> Bool {
        let newLower = new.lowercased()
        let oldLower = old.lowercased()
        if newLower == "true" || newLower == "false" { return false }
        return oldLower.isEmpty || newLower.utf8.count >= oldLower.utf8.count && contains(newLower.utf8, oldLower.utf8)
    }

    private static func contains(_ hay: String.UTF8View, _ needle: String.UTF8View) -> Bool {
        let hay = Array(hay)
        let needle = Array(needle)
        guard needle.count <= hay.count else { return false }
        for start in 0...(hay.count - needle.count) where hay[start..<start + needle.count].elementsEqual(needle) {
            return true
        }
        return false
    }
}
