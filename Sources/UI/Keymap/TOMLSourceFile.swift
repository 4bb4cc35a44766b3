import Inventory
import TOMLKit

/// A parsed TOML file together with its text, so that semantic errors can name the line
/// of the key they are about (TOMLKit only gives positions for syntax errors).
struct TOMLSourceFile {
    let path: String
    let text: String
    let root: TOMLTable

    /// Parses `text`; a syntax error comes back as a problem with its line.
    static func parse(_ text: String, path: String) -> Result<TOMLSourceFile, ConfigProblem> {
        do {
            let root = try CheckedTOML.table(text)
            return .success(TOMLSourceFile(path: path, text: text, root: root))
        } catch let error as TOMLParseError {
            return .failure(ConfigProblem(file: path, line: error.source.begin.line, problem: "TOML syntax error: \(error.description)"))
        } catch let error as CheckedTOML.HeaderError {
            return .failure(ConfigProblem(file: path, line: error.line, problem: "TOML syntax error: \(error.description)"))
        } catch {
            return .failure(ConfigProblem(file: path, line: nil, problem: "TOML syntax error: \(error)"))
        }
    }

    func problem(_ message: String, key: String? = nil, table: String? = nil) -> ConfigProblem {
        ConfigProblem(file: path, line: key.flatMap { line(ofKey: $0, inTable: table) } ?? table.flatMap { line(ofTable: $0) }, problem: message)
    }

    /// The line of `[table]`'s header.
    func line(ofTable table: String) -> Int? {
        for (index, line) in lines.enumerated() {
            if Self.tableHeader(line) == table { return index + 1 }
        }
        return nil
    }

    /// The line where `key` is defined directly in `[table]` (nil table: top level); a dotted
    /// key (`power.running = …`) is found by its whole name.
    func line(ofKey key: String, inTable table: String?) -> Int? {
        var current: String? = nil
        for (index, line) in lines.enumerated() {
            if let header = Self.tableHeader(line) {
                current = header
                continue
            }
            guard current == table else { continue }
            if Self.leadingKey(line) == key { return index + 1 }
        }
        return nil
    }

    private var lines: [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

    /// `[name]` or `["quoted name"]` → name; nil for other lines.
    static func tableHeader(_ line: Substring) -> String? {
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
        guard trimmed.hasPrefix("["), !trimmed.hasPrefix("[[") else { return nil }
        guard let close = trimmed.firstIndex(of: "]") else { return nil }
        let inner = trimmed[trimmed.index(after: trimmed.startIndex)..<close].trimmingSpaces()
        if let quoted = readQuoted(inner) { return quoted.value }
        return String(inner)
    }

    /// The key at the start of a `key = value` line, unquoted.
    static func leadingKey(_ line: Substring) -> String? {
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
        if let quoted = readQuoted(trimmed) {
            let rest = trimmed[quoted.end...].drop(while: { $0 == " " || $0 == "\t" })
            return rest.hasPrefix("=") ? quoted.value : nil
        }
        guard let equals = trimmed.firstIndex(of: "=") else { return nil }
        let key = trimmed[..<equals].trimmingSpaces()
        guard !key.isEmpty, !key.hasPrefix("#") else { return nil }
        return String(key)
    }

    /// A "basic" or 'literal' string at the start of `text`: its value and the index after it.
    private static func readQuoted(_ text: Substring) -> (value: String, end: Substring.Index)? {
        guard let quote = text.first, quote == "\"" || quote == "'" else { return nil }
        var value = ""
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let char = text[index]
            if char == quote { return (value, text.index(after: index)) }
            if char == "\\", quote == "\"" {
                let next = text.index(after: index)
                guard next < text.endIndex else { return nil }
                switch text[next] {
                case "n": value.append("\n")
                case "t": value.append("\t")
                default: value.append(text[next])
                }
                index = text.index(after: next)
                continue
            }
            value.append(char)
            index = text.index(after: index)
        }
        return nil
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var result = self.drop(while: { $0 == " " || $0 == "\t" })
        while let last = result.last, last == " " || last == "\t" || last == "\r" { result = result.dropLast() }
        return result
    }
}

extension TOMLValueConvertible {
    /// "a string", "an integer"… for wrong-type messages.
    var typeName: String {
        switch type {
        case .string: return "a string"
        case .int: return "an integer"
        case .double: return "a number"
        case .bool: return "a boolean"
        case .array: return "a list"
        case .table: return "a table"
        case .date, .time, .dateTime: return "a date"
        }
    }
}
