import TOMLKit
import Terminal

/// A role as a file writes it, colours still unresolved so that a theme inheriting this
/// one can recolour its palette. Only what is written is set: the rest comes from the parent.
struct RoleSpec: Hashable, Sendable {
    var foreground: ColorSpec?
    var background: ColorSpec?
    var attributes: [String: Bool] = [:]

    func over(_ base: RoleSpec?) -> RoleSpec {
        guard let base else { return self }
        return RoleSpec(foreground: foreground ?? base.foreground, background: background ?? base.background,
                        attributes: base.attributes.merging(attributes) { _, new in new })
    }
}

/// A colour or a palette name, with where it was written for error messages.
struct ColorSpec: Hashable, Sendable {
    enum Value: Hashable, Sendable { case color(TerminalColor), palette(String) }
    var value: Value
    var path: String
    var line: Int?
}

/// One theme file, checked.
///
/// ```toml
/// name = "mine"
/// inherits = "dark"                                # optional
/// [palette]                                        # optional: names for colours
/// green = "#98c379"
/// [roles]
/// text = "#d4d8df"                                 # a string is the foreground
/// "power.running" = { fg = "green", bold = true }  # fg, bg, bold, dim, italic, underline, reverse
/// ```
struct ThemeFile {
    var path: String
    var name: String?
    var inherits: String?
    var palette: [String: ColorSpec] = [:]
    var roles: [ThemeRole: RoleSpec] = [:]

    static let settings = ["name", "inherits", "description"]
    static let tables = ["palette", "roles"]
    static let attributeNames: [String: TextAttributes] = [
        "bold": .bold, "dim": .dim, "italic": .italic, "underline": .underline, "reverse": .reverse,
    ]

    static func parse(_ text: String, path: String) -> (file: ThemeFile?, problems: [ConfigProblem]) {
        let source: TOMLSourceFile
        switch TOMLSourceFile.parse(text, path: path) {
        case .success(let parsed): source = parsed
        case .failure(let problem): return (nil, [problem])
        }
        var file = ThemeFile(path: path)
        var problems: [ConfigProblem] = []
        for key in source.root.keys.sorted() {
            guard let value = source.root[key] else { continue }
            switch key {
            case "name", "inherits", "description":
                guard let string = value.string else {
                    problems.append(source.problem("`\(key)` must be a string, found \(value.typeName)", key: key))
                    continue
                }
                if key == "name" { file.name = string }
                if key == "inherits" { file.inherits = string }
            case "palette":
                guard let table = value.table else {
                    problems.append(source.problem("`palette` must be a table like [palette], found \(value.typeName)", key: key))
                    continue
                }
                for name in table.keys.sorted() {
                    guard let entry = table[name] else { continue }
                    let line = source.line(ofKey: name, inTable: "palette")
                    if let color = parseColor(entry, allowPalette: false, source: source, line: line, problems: &problems) {
                        file.palette[name] = color
                    }
                }
            case "roles":
                guard let table = value.table else {
                    problems.append(source.problem("`roles` must be a table like [roles], found \(value.typeName)", key: key))
                    continue
                }
                for (name, entry) in roleEntries(table) {
                    let line = source.line(ofKey: name, inTable: "roles")
                    guard let role = ThemeRole(rawValue: name) else {
                        let hint = Suggestion.nearest(to: name, among: ThemeRole.allCases.map(\.rawValue)).map { " (did you mean `\($0)`?)" } ?? ""
                        problems.append(ConfigProblem(file: path, line: line, problem: "unknown role `\(name)`\(hint)"))
                        continue
                    }
                    if let spec = parseRole(entry, source: source, line: line, problems: &problems) {
                        file.roles[role] = spec
                    }
                }
            default:
                if ThemeRole(rawValue: key) != nil {
                    problems.append(source.problem("role `\(key)` must be inside the [roles] table", key: key))
                } else {
                    let hint = Suggestion.nearest(to: key, among: settings + tables).map { " (did you mean `\($0)`?)" } ?? ""
                    problems.append(source.problem("unknown setting `\(key)`\(hint); a theme has name, inherits, [palette] and [roles]",
                                                   key: value.table == nil ? key : nil, table: value.table == nil ? nil : key))
                }
            }
        }
        return (problems.isEmpty ? file : nil, problems)
    }

    /// The entries of [roles], with unquoted dotted keys (`power.running = "green"`, which TOML
    /// reads as a table `power`) put back under their whole name.
    private static func roleEntries(_ table: TOMLTable) -> [(String, TOMLValueConvertible)] {
        var entries: [(String, TOMLValueConvertible)] = []
        for name in table.keys.sorted() {
            guard let entry = table[name] else { continue }
            if ThemeRole(rawValue: name) == nil, let nested = entry.table, !nested.inline,
               nested.keys.contains(where: { ThemeRole(rawValue: name + "." + $0) != nil }) {
                for inner in nested.keys.sorted() {
                    if let value = nested[inner] { entries.append((name + "." + inner, value)) }
                }
            } else {
                entries.append((name, entry))
            }
        }
        return entries
    }

    private static func parseRole(_ value: TOMLValueConvertible, source: TOMLSourceFile, line: Int?, problems: inout [ConfigProblem]) -> RoleSpec? {
        if value.string != nil || value.int != nil {
            return parseColor(value, allowPalette: true, source: source, line: line, problems: &problems).map { RoleSpec(foreground: $0) }
        }
        guard let table = value.table else {
            problems.append(ConfigProblem(file: source.path, line: line, problem: "a role is a colour (its foreground) or a table like { fg = \"#50fa7b\", bold = true }, found \(value.typeName)"))
            return nil
        }
        var spec = RoleSpec()
        var ok = true
        for key in table.keys.sorted() {
            guard let entry = table[key] else { continue }
            switch key {
            case "fg", "bg":
                guard let color = parseColor(entry, allowPalette: true, source: source, line: line, problems: &problems) else { ok = false; continue }
                if key == "fg" { spec.foreground = color } else { spec.background = color }
            case _ where attributeNames[key] != nil:
                guard let flag = entry.bool else {
                    problems.append(ConfigProblem(file: source.path, line: line, problem: "`\(key)` must be true or false, found \(entry.typeName)"))
                    ok = false
                    continue
                }
                spec.attributes[key] = flag
            default:
                let known = ["fg", "bg"] + attributeNames.keys.sorted()
                let hint = Suggestion.nearest(to: key, among: known).map { " (did you mean `\($0)`?)" } ?? ""
                problems.append(ConfigProblem(file: source.path, line: line, problem: "unknown style key `\(key)`\(hint); a role takes \(known.joined(separator: ", "))"))
                ok = false
            }
        }
        return ok ? spec : nil
    }

    private static func parseColor(_ value: TOMLValueConvertible, allowPalette: Bool, source: TOMLSourceFile, line: Int?, problems: inout [ConfigProblem]) -> ColorSpec? {
        if let number = value.int {
            guard let color = ThemeColor.index(number) else {
                problems.append(ConfigProblem(file: source.path, line: line, problem: "colour \(number) is out of range: xterm colours are 0-255"))
                return nil
            }
            return ColorSpec(value: .color(color), path: source.path, line: line)
        }
        guard let text = value.string else {
            problems.append(ConfigProblem(file: source.path, line: line, problem: "a colour is \"#rrggbb\", 0-255, a name such as \"green\" or \"bright-blue\", or \"default\"; found \(value.typeName)"))
            return nil
        }
        // A word may be a palette name, which wins over the colour names ("green" = "#98c379"),
        // so it is looked up once the palette of the whole inheritance chain is known.
        let isWord = text.first?.isLetter == true && text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." })
        if allowPalette, isWord, text != "default" {
            return ColorSpec(value: .palette(text), path: source.path, line: line)
        }
        if let color = ThemeColor.parse(text) { return ColorSpec(value: .color(color), path: source.path, line: line) }
        problems.append(ConfigProblem(file: source.path, line: line, problem: "bad colour \"\(text)\": write \"#rrggbb\", 0-255, a name such as \"green\" or \"bright-blue\", or \"default\""))
        return nil
    }
}
