import Foundation
import Terminal

/// A theme ready to use, and what was wrong on the way (shown in the log pane).
public struct ThemeLoadResult: Sendable {
    public let theme: Theme
    public let problems: [ThemeError]
}

/// Finds themes by name: built-in ones and the user's `$XDG_CONFIG_HOME/xentui/themes/NAME.toml`
/// (a user file wins over a built-in of the same name; `inherits` chains, cycles reported).
/// Any problem: the built-in `dark` theme is used, and the problems are returned.
public struct ThemeLoader: Sendable {
    public static let defaultName = "dark"
    /// What `NO_COLOR` selects.
    public static let noColorName = "mono"

    public var builtIns: [String: String]
    public var userDirectory: String?

    public init(builtIns: [String: String] = BuiltInFiles.themes, userDirectory: String? = ThemeLoader.userDirectory()) {
        self.builtIns = builtIns
        self.userDirectory = userDirectory
    }

    /// `$XDG_CONFIG_HOME/xentui/themes`, falling back to `~/.config/xentui/themes`.
    public static func userDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        ConfigDirectory.xentui(environment: environment).map { $0 + "/themes" }
    }

    /// The theme to use: `mono` when `NO_COLOR` is set (and not empty), else the one asked for, else `dark`.
    public static func themeName(requested: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return noColorName }
        return requested ?? defaultName
    }

    public var builtInNames: [String] { builtIns.keys.sorted() }
    public var userNames: [String] { ConfigDirectory.tomlNames(in: userDirectory) }

    public func load(_ name: String) -> ThemeLoadResult {
        var problems: [ConfigProblem] = []
        if let layers = specs(for: name, chain: [], problems: &problems), problems.isEmpty,
           let theme = Self.resolve(name: name, layers, problems: &problems), problems.isEmpty {
            return ThemeLoadResult(theme: theme, problems: [])
        }
        return ThemeLoadResult(theme: Self.builtInDark(builtIns), problems: problems)
    }

    static func builtInPath(_ name: String) -> String { "themes/\(name).toml (built in)" }

    /// The built-in dark theme, which tests keep free of problems.
    static func builtInDark(_ builtIns: [String: String]) -> Theme {
        var ignored: [ConfigProblem] = []
        let parsed = ThemeFile.parse(builtIns[defaultName] ?? "", path: builtInPath(defaultName))
        var layers = Layers()
        if let file = parsed.file { layers.apply(file) }
        return resolve(name: defaultName, layers, problems: &ignored) ?? Theme(name: defaultName, styles: [:])
    }

    struct Layers {
        var palette: [String: ColorSpec] = [:]
        var roles: [ThemeRole: RoleSpec] = [:]

        mutating func apply(_ file: ThemeFile) {
            palette.merge(file.palette) { _, new in new }
            for (role, spec) in file.roles { roles[role] = spec.over(roles[role]) }
        }
    }

    /// A user file named like a built-in is merged over it (as keymaps are); any other
    /// file builds on what it `inherits`.
    private func specs(for name: String, chain: [String], problems: inout [ConfigProblem]) -> Layers? {
        if chain.contains(name) {
            let path = userPath(name) ?? Self.builtInPath(name)
            problems.append(ConfigProblem(file: path, line: nil, problem: "themes inherit in a cycle: \((chain + [name]).joined(separator: " → "))"))
            return nil
        }
        var texts: [(path: String, text: String)] = []
        if let builtIn = builtIns[name] { texts.append((Self.builtInPath(name), builtIn)) }
        if let user = userPath(name) {
            do { texts.append((user, try String(contentsOfFile: user, encoding: .utf8))) } catch {
                problems.append(ConfigProblem(file: user, line: nil, problem: "cannot read the file: \(error.localizedDescription)"))
                return nil
            }
        }
        guard !texts.isEmpty else {
            let known = Array(Set(builtInNames + userNames)).sorted()
            let requester = chain.last.map { userPath($0) ?? Self.builtInPath($0) } ?? "theme"
            let hint = Suggestion.nearest(to: name, among: known).map { " (did you mean `\($0)`?)" } ?? ""
            problems.append(ConfigProblem(file: requester, line: nil, problem: "no theme named `\(name)`\(hint); known themes: \(known.joined(separator: ", "))"))
            return nil
        }
        var layers = Layers()
        for (index, (path, text)) in texts.enumerated() {
            let parsed = ThemeFile.parse(text, path: path)
            problems += parsed.problems
            guard let file = parsed.file else { return nil }
            if let inherits = file.inherits {
                if index > 0 {
                    guard inherits == name else {
                        problems.append(ConfigProblem(file: path, line: nil, problem: "`inherits = \"\(inherits)\"` is not allowed here: this file has the name of the built-in theme `\(name)` and is merged over it; give it another name to inherit from `\(inherits)`"))
                        return nil
                    }
                } else {
                    guard let base = specs(for: inherits, chain: chain + [name], problems: &problems) else { return nil }
                    layers = base
                }
            }
            layers.apply(file)
        }
        return layers
    }

    /// Colours resolved through the merged palette; an unknown palette name is a problem.
    static func resolve(name: String, _ layers: Layers, problems: inout [ConfigProblem]) -> Theme? {
        func color(_ spec: ColorSpec?) -> TerminalColor? {
            guard let spec else { return .default }
            switch spec.value {
            case .color(let color): return color
            case .palette(let paletteName):
                if let entry = layers.palette[paletteName], case .color(let color) = entry.value { return color }
                if let color = ThemeColor.parse(paletteName) { return color }
                let known = layers.palette.keys.sorted() + ThemeColor.names.keys.sorted()
                let hint = Suggestion.nearest(to: paletteName, among: known).map { " (did you mean `\($0)`?)" } ?? ""
                problems.append(ConfigProblem(file: spec.path, line: spec.line, problem: "unknown colour `\(paletteName)`\(hint): not a colour name and not in [palette]"))
                return nil
            }
        }
        var styles: [ThemeRole: CellStyle] = [:]
        for (role, spec) in layers.roles {
            guard let foreground = color(spec.foreground), let background = color(spec.background) else { continue }
            var attributes: TextAttributes = []
            for (key, on) in spec.attributes where on {
                if let attribute = ThemeFile.attributeNames[key] { attributes.insert(attribute) }
            }
            styles[role] = CellStyle(foreground: foreground, background: background, attributes: attributes)
        }
        return problems.isEmpty ? Theme(name: name, styles: styles) : nil
    }

    private func userPath(_ name: String) -> String? {
        guard let userDirectory else { return nil }
        let path = userDirectory + "/" + name + ".toml"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
