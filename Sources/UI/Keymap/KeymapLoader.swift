import Foundation
import Inventory

/// A keymap ready to use, and what was wrong on the way (shown in the log pane).
public struct KeymapLoadResult: Sendable {
    public let keymap: Keymap
    public let problems: [KeymapError]
}

/// Finds keymaps by name: built-in ones (compiled into the binary) and the user's
/// `$XDG_CONFIG_HOME/xentui/keymaps/NAME.toml`.
///
/// - A user file named like a built-in is merged over it: its bindings win, `"none"` unbinds.
/// - Any other user file stands alone, or builds on `inherits = "NAME"` (chains allowed, cycles reported).
/// - Any problem anywhere in the chain: the built-in `default` is used, and the problems are returned.
public struct KeymapLoader: Sendable {
    public static let defaultName = "default"

    public var builtIns: [String: String]
    /// The user's keymap folder; nil reads no user files.
    public var userDirectory: String?

    public init(builtIns: [String: String] = BuiltInFiles.keymaps, userDirectory: String? = KeymapLoader.userDirectory()) {
        self.builtIns = builtIns
        self.userDirectory = userDirectory
    }

    /// `$XDG_CONFIG_HOME/xentui/keymaps`, falling back to `~/.config/xentui/keymaps`.
    public static func userDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        ConfigDirectory.xentui(environment: environment).map { $0 + "/keymaps" }
    }

    public var builtInNames: [String] { builtIns.keys.sorted() }

    /// Names of the user's keymap files (without `.toml`).
    public var userNames: [String] { ConfigDirectory.tomlNames(in: userDirectory) }

    public func load(_ name: String) -> KeymapLoadResult {
        var problems: [ConfigProblem] = []
        if let merged = bindings(for: name, chain: [], problems: &problems), problems.isEmpty {
            return KeymapLoadResult(keymap: Keymap(name: name, bindings: merged.bindings, prefixNames: merged.prefixNames), problems: [])
        }
        return KeymapLoadResult(keymap: Self.builtInDefault(builtIns), problems: problems)
    }

    /// The built-in default, which tests keep free of problems; empty if even that is unreadable.
    static func builtInDefault(_ builtIns: [String: String]) -> Keymap {
        let text = builtIns[defaultName] ?? ""
        let parsed = KeymapFile.parse(text, path: builtInPath(defaultName))
        return Keymap(name: defaultName, bindings: parsed.file?.bindings ?? [:], prefixNames: parsed.file?.prefixNames ?? [:])
    }

    static func builtInPath(_ name: String) -> String { "keymaps/\(name).toml (built in)" }

    private struct Layers {
        var bindings: [KeyContext: [KeySequence: KeyBinding]] = [:]
        var prefixNames: [KeySequence: String] = [:]

        mutating func apply(_ file: KeymapFile) {
            for (context, top) in file.bindings {
                bindings[context] = BindingTable.overlay(top, on: bindings[context] ?? [:])
            }
            prefixNames.merge(file.prefixNames) { _, new in new }
        }
    }

    private func bindings(for name: String, chain: [String], problems: inout [ConfigProblem]) -> Layers? {
        if chain.contains(name) {
            let path = userPath(name) ?? Self.builtInPath(name)
            problems.append(ConfigProblem(file: path, line: nil, problem: "keymaps inherit in a cycle: \((chain + [name]).joined(separator: " → "))"))
            return nil
        }
        var userText: (String, String)?
        if let path = userPath(name) {
            do { userText = (path, try String(contentsOfFile: path, encoding: .utf8)) } catch {
                problems.append(ConfigProblem(file: path, line: nil, problem: "cannot read the file: \(error.localizedDescription)"))
                return nil
            }
        }
        if let builtIn = builtIns[name] {
            var layers = Layers()
            let parsed = KeymapFile.parse(builtIn, path: Self.builtInPath(name))
            problems += parsed.problems
            guard let file = parsed.file else { return nil }
            if let inherits = file.inherits {
                guard let base = bindings(for: inherits, chain: chain + [name], problems: &problems) else { return nil }
                layers = base
            }
            layers.apply(file)
            if let (path, text) = userText {
                // Same name as a built-in: merged over it; its own `inherits` would be ambiguous.
                let user = KeymapFile.parse(text, path: path)
                problems += user.problems
                guard let userFile = user.file else { return nil }
                if let inherits = userFile.inherits, inherits != name {
                    problems.append(ConfigProblem(file: path, line: nil, problem: "`inherits = \"\(inherits)\"` is not allowed here: this file has the name of the built-in keymap `\(name)` and is merged over it; give it another name to inherit from `\(inherits)`"))
                    return nil
                }
                layers.apply(userFile)
            }
            return layers
        }
        guard let (path, text) = userText else {
            let known = (builtInNames + userNames).sorted()
            let requester = chain.last.map { userPath($0) ?? Self.builtInPath($0) }
            let hint = Suggestion.nearest(to: name, among: known).map { " (did you mean `\($0)`?)" } ?? ""
            problems.append(ConfigProblem(file: requester ?? (userPath(name) ?? "keymap"), line: nil,
                                          problem: "no keymap named `\(name)`\(hint); known keymaps: \(known.joined(separator: ", "))"))
            return nil
        }
        let parsed = KeymapFile.parse(text, path: path)
        problems += parsed.problems
        guard let file = parsed.file else { return nil }
        var layers = Layers()
        if let inherits = file.inherits {
            guard let base = bindings(for: inherits, chain: chain + [name], problems: &problems) else { return nil }
            layers = base
        }
        layers.apply(file)
        return layers
    }

    private func userPath(_ name: String) -> String? {
        guard let userDirectory else { return nil }
        let path = userDirectory + "/" + name + ".toml"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}

/// The xentui configuration folder and listing its TOML files.
enum ConfigDirectory {
    /// `$XDG_CONFIG_HOME/xentui`, falling back to `$HOME/.config/xentui`.
    static func xentui(environment: [String: String]) -> String? {
        XentuiPaths(environment: environment).configDirectory
    }

    static func tomlNames(in directory: String?) -> [String] {
        guard let directory, let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
    }
}
