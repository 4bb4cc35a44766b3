import TOMLKit

/// What a key sequence is bound to in one context.
public enum KeyBinding: Hashable, Sendable {
    /// The first of these that the selection permits runs (`"a p" = ["vm.pause", "vm.unpause"]`).
    case actions([ActionID])
    /// `"x" = "none"` (or `""`): removes an inherited binding and hides the `[global]` one.
    case unbound
}

/// One keymap file, checked: bindings per context, names for prefixes, and what it inherits.
///
/// ```toml
/// name = "mine"
/// inherits = "vim"          # optional
/// [prefixes]
/// "g" = "go to"              # the which-key popup's title after g
/// [global]
/// "g h" = "goto.hosts"
/// [tree]
/// "a p" = ["vm.pause", "vm.unpause"]
/// "x" = "none"
/// ```
struct KeymapFile {
    var path: String
    var name: String?
    var inherits: String?
    var bindings: [KeyContext: [KeySequence: KeyBinding]] = [:]
    var prefixNames: [KeySequence: String] = [:]

    static let settings = ["name", "inherits", "description"]
    static let prefixesTable = "prefixes"

    /// Parses and checks `text`; a file with problems comes back with every problem found.
    static func parse(_ text: String, path: String) -> (file: KeymapFile?, problems: [ConfigProblem]) {
        let source: TOMLSourceFile
        switch TOMLSourceFile.parse(text, path: path) {
        case .success(let parsed): source = parsed
        case .failure(let problem): return (nil, [problem])
        }
        var file = KeymapFile(path: path)
        var problems: [ConfigProblem] = []
        let tableNames = KeyContext.allCases.map(\.rawValue) + [prefixesTable]

        for key in source.root.keys.sorted() {
            guard let value = source.root[key] else { continue }
            if let context = KeyContext(rawValue: key) {
                guard let table = value.table else {
                    problems.append(source.problem("`\(key)` must be a table of bindings like [\(key)], found \(value.typeName)", key: key))
                    continue
                }
                file.bindings[context] = parseBindings(table, context: context, source: source, problems: &problems)
            } else if key == prefixesTable {
                guard let table = value.table else {
                    problems.append(source.problem("`prefixes` must be a table like [prefixes], found \(value.typeName)", key: key))
                    continue
                }
                file.prefixNames = parsePrefixes(table, source: source, problems: &problems)
            } else if settings.contains(key) {
                guard let string = value.string else {
                    problems.append(source.problem("`\(key)` must be a string, found \(value.typeName)", key: key))
                    continue
                }
                if key == "name" { file.name = string }
                if key == "inherits" { file.inherits = string }
            } else if value.table != nil {
                let hint = Suggestion.nearest(to: key, among: tableNames).map { " (did you mean [\($0)]?)" } ?? ""
                problems.append(source.problem(
                    "unknown table [\(key)]\(hint); the tables are \(tableNames.map { "[\($0)]" }.joined(separator: ", "))",
                    table: key))
            } else {
                let hint = Suggestion.nearest(to: key, among: settings).map { " (did you mean `\($0)`?)" } ?? ""
                problems.append(source.problem("unknown setting `\(key)`\(hint); bindings go in a table such as [global]", key: key))
            }
        }
        return (problems.isEmpty ? file : nil, problems)
    }

    private static func parseBindings(
        _ table: TOMLTable, context: KeyContext, source: TOMLSourceFile, problems: inout [ConfigProblem]
    ) -> [KeySequence: KeyBinding] {
        let tableName = context.rawValue
        var bindings: [KeySequence: KeyBinding] = [:]
        var written: [KeySequence: String] = [:]
        for key in table.keys.sorted() {
            guard let value = table[key] else { continue }
            func problem(_ message: String) { problems.append(source.problem(message, key: key, table: tableName)) }
            guard let sequence = KeySequence(parsing: key) else {
                let bad = KeySequence.badWords(in: key)
                problem(bad.isEmpty ? "empty key sequence" : "unknown key name \(bad.map { "`\($0)`" }.joined(separator: ", ")) in \"\(key)\"; keys are written like `a`, `G`, `ctrl-d`, `alt-x`, `enter`, `esc`, `tab`, `space`, `pgdn`, `f1`, separated by spaces")
                continue
            }
            if let earlier = written[sequence] {
                let line = source.line(ofKey: earlier, inTable: tableName).map { " on line \($0)" } ?? ""
                problem("\"\(key)\" is the same key sequence as \"\(earlier)\"\(line): bound twice in [\(tableName)]")
                continue
            }
            guard let binding = parseBinding(value, context: context, problem: problem) else { continue }
            written[sequence] = key
            bindings[sequence] = binding
        }
        // A sequence that is bound cannot also start a longer one: `g` would fire before `g h`.
        for (sequence, binding) in bindings where binding != .unbound {
            for (longer, longerBinding) in bindings where longerBinding != .unbound && longer.count > sequence.count
                && Array(longer.strokes.prefix(sequence.count)) == sequence.strokes {
                let longerKey = written[longer] ?? longer.description
                let line = source.line(ofKey: written[sequence] ?? "", inTable: tableName).map { " (line \($0))" } ?? ""
                problems.append(source.problem(
                    "\"\(longerKey)\" can never be typed: \"\(sequence)\" is bound on its own\(line) in [\(tableName)], so it cannot also start a longer sequence",
                    key: longerKey, table: tableName))
            }
        }
        return bindings
    }

    private static func parseBinding(_ value: TOMLValueConvertible, context: KeyContext, problem: (String) -> Void) -> KeyBinding? {
        var ids: [String] = []
        if let string = value.string {
            if string == "none" || string.isEmpty { return .unbound }
            ids = [string]
        } else if let array = value.array {
            for element in array {
                guard let string = element.string else {
                    problem("a list of actions must hold action ids (strings), found \(element.typeName)")
                    return nil
                }
                ids.append(string)
            }
            if ids.isEmpty {
                problem("empty list of actions; write \"none\" to unbind the key")
                return nil
            }
        } else {
            problem("expected an action id (a string such as \"goto.hosts\") or a list of them, found \(value.typeName)")
            return nil
        }
        var actions: [ActionID] = []
        for id in ids {
            guard let definition = ActionTable.definition(ActionID(id)) else {
                let hint = ActionTable.suggestion(for: id).map { " (did you mean `\($0)`?)" } ?? ""
                problem(id == "none" ? "\"none\" unbinds a key on its own; it cannot be part of a list" : "unknown action `\(id)`\(hint)")
                return nil
            }
            guard definition.applies(in: context) else {
                let places = KeyContext.allCases.filter { definition.contexts.contains($0) }.map { "[\($0)]" }.joined(separator: " or ")
                problem("action `\(id)` does not apply in [\(context)]; bind it in \(places)")
                return nil
            }
            actions.append(definition.id)
        }
        return .actions(actions)
    }

    private static func parsePrefixes(_ table: TOMLTable, source: TOMLSourceFile, problems: inout [ConfigProblem]) -> [KeySequence: String] {
        var names: [KeySequence: String] = [:]
        for key in table.keys.sorted() {
            guard let value = table[key] else { continue }
            guard let sequence = KeySequence(parsing: key) else {
                problems.append(source.problem("unknown key name in prefix \"\(key)\"", key: key, table: prefixesTable))
                continue
            }
            guard let name = value.string else {
                problems.append(source.problem("a prefix's name must be a string (the which-key title), found \(value.typeName)", key: key, table: prefixesTable))
                continue
            }
            names[sequence] = name
        }
        return names
    }
}
