/// Where keys and tables sit in a TOML file's text, by line, for error messages and
/// for editing one line in place. TOMLKit's tables do not keep positions, so the text is
/// scanned: table headers, `key = value` lines, and multi-line strings (skipped).
struct ConfigLines {
    /// A `key = value` line.
    struct Entry {
        var key: String
        var line: Int
        /// The text of the line.
        var text: String
    }

    /// A table: `[name]`, `[[name]]`, or the top level (header nil).
    struct Section {
        var header: String?
        var isArray: Bool
        var line: Int
        var entries: [Entry] = []
        /// The last line that belongs to the section (before the next header).
        var lastLine: Int

        func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }
    }

    let lines: [Substring]
    private(set) var sections: [Section] = []

    init(_ text: String) {
        // "\r\n" is one Character in Swift, so both endings are separators; lines hold neither.
        lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        var current = Section(header: nil, isArray: false, line: 1, lastLine: 1)
        var inMultiline: Substring? = nil
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if let delimiter = inMultiline {
                if raw.components(of: delimiter) % 2 == 1 { inMultiline = nil }
                current.lastLine = number
                continue
            }
            if line.hasPrefix("[") {
                sections.append(current)
                let isArray = line.hasPrefix("[[")
                let name = line.drop { $0 == "[" }.prefix { $0 != "]" }.trimmed
                current = Section(header: String(name), isArray: isArray, line: number, lastLine: number)
                continue
            }
            current.lastLine = number
            guard let key = ConfigLines.key(of: line) else { continue }
            current.entries.append(Entry(key: key, line: number, text: String(raw)))
            for delimiter in ["\"\"\"", "'''"] where raw.components(of: Substring(delimiter)) % 2 == 1 {
                inMultiline = Substring(delimiter)
            }
        }
        sections.append(current)
    }

    /// The `[[header]]` sections, in file order.
    func arrayTables(_ header: String) -> [Section] {
        sections.filter { $0.isArray && $0.header == header }
    }

    var topLevel: Section { sections[0] }

    /// The key of a `key = value` line (bare or quoted; the first part of a dotted key).
    static func key(of line: Substring) -> String? {
        guard let first = line.first, first != "#" else { return nil }
        if first == "\"" || first == "'" {
            let body = line.dropFirst()
            guard let end = body.firstIndex(of: first) else { return nil }
            return String(body[..<end])
        }
        let key = line.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        guard !key.isEmpty, line.dropFirst(key.count).trimmed.first.map({ $0 == "=" || $0 == "." }) == true else { return nil }
        return String(key)
    }
}

extension Substring {
    var trimmed: Substring {
        let start = drop { $0 == " " || $0 == "\t" || $0 == "\r" }
        var end = start.endIndex
        while end > start.startIndex, [" ", "\t", "\r"].contains(start[start.index(before: end)]) {
            end = start.index(before: end)
        }
        return start[..<end]
    }

    func components(of needle: Substring) -> Int {
        var count = 0
        var rest = self[...]
        while let range = rest.firstRange(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}
