import XAPI
import Foundation
import TOMLKit

/// The config file, `$XDG_CONFIG_HOME/xentui/config.toml`:
///
///     theme = "dark"
///     keymap = "default"
///     log_pane_height = 8
///
///     [[pool]]
///     name = "prod"
///     url = "https://10.0.0.1"
///     user = "root"                          # default
///     password_command = "pass show xcp/prod" # or password_file = "~/.xcp-prod"
///     pin = "sha256//…"                      # learned on first use
///     read_only = true
///     accent = "red"
///
/// Unknown keys are errors (a typo such as `pasword_file` must not pass silently), as are
/// wrong types; every error names the file and the line.
public struct XentuiConfig: Sendable, Hashable {
    public var theme: String?
    public var keymap: String?
    public var logPaneHeight: Int?
    public var pools: [PoolConfig]
    /// The file this was read from, nil for a config made in memory.
    public var path: String?

    public init(theme: String? = nil, keymap: String? = nil, logPaneHeight: Int? = nil,
                pools: [PoolConfig] = [], path: String? = nil) {
        self.theme = theme
        self.keymap = keymap
        self.logPaneHeight = logPaneHeight
        self.pools = pools
        self.path = path
    }

    public func pool(named name: String) -> PoolConfig? { pools.first { $0.name == name } }

    /// The default location: `$XDG_CONFIG_HOME/xentui/config.toml`, else `~/.config/xentui/config.toml`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        XentuiPaths(environment: environment).configFile ?? NSHomeDirectory() + "/.config/xentui/config.toml"
    }

    /// Reads the file `--config` names, else the default one.
    public static func load(
        for options: ConnectionOptions, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigError) -> XentuiConfig {
        try load(path: options.configPath ?? defaultPath(environment: environment))
    }

    /// Reads the config file; a missing file is an empty config, not an error.
    public static func load(path: String) throws(ConfigError) -> XentuiConfig {
        guard FileManager.default.fileExists(atPath: path) else { return XentuiConfig(path: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(path: path, line: nil, problem: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(path: path, line: nil, problem: "the file is not UTF-8 text")
        }
        return try XentuiConfig(parsing: text, path: path)
    }

    /// Parses config text; `path` is only used in errors and kept in `path`.
    public init(parsing text: String, path: String) throws(ConfigError) {
        let table: TOMLTable
        do {
            table = try CheckedTOML.table(text)
        } catch let error as TOMLParseError {
            throw ConfigError(path: path, line: error.source.begin.line, problem: error.description)
        } catch let error as CheckedTOML.HeaderError {
            throw ConfigError(path: path, line: error.line, problem: error.description)
        } catch {
            throw ConfigError(path: path, line: nil, problem: "\(error)")
        }
        var reader = ConfigReader(path: path, lines: ConfigLines(text))
        self = reader.read(table)
        if let first = reader.errors.min(by: { ($0.line ?? 0) < ($1.line ?? 0) }) { throw first }
    }
}

/// Walks the parsed table, collecting every problem with its line.
private struct ConfigReader {
    let path: String
    let lines: ConfigLines
    var errors: [ConfigError] = []

    static let topKeys = ["theme", "keymap", "log_pane_height", "pool"]
    static let poolKeys = ["name", "url", "user", "password_command", "password_file", "pin", "read_only", "accent"]

    mutating func read(_ table: TOMLTable) -> XentuiConfig {
        var config = XentuiConfig(path: path)
        let top = lines.topLevel
        func topLine(_ key: String) -> Int {
            top.entry(key)?.line ?? lines.sections.first { $0.header == key || $0.header?.hasPrefix(key + ".") == true }?.line ?? 1
        }
        for key in table.keys where !Self.topKeys.contains(key) {
            fail(topLine(key), "unknown key \"\(key)\" (expected one of: \(Self.topKeys.joined(separator: ", ")))")
        }
        config.theme = string(table["theme"], "theme", line: topLine("theme"))
        config.keymap = string(table["keymap"], "keymap", line: topLine("keymap"))
        if let value = table["log_pane_height"] {
            if let n = value.int, value.type == .int {
                if n >= 1, n <= 1000 { config.logPaneHeight = n } else {
                    fail(topLine("log_pane_height"), "log_pane_height must be from 1 to 1000, not \(n)")
                }
            } else {
                fail(topLine("log_pane_height"), "log_pane_height must be an integer, not \(Self.kind(value.type))")
            }
        }
        if let value = table["pool"] {
            guard let array = value.array, value.type == .array else {
                fail(topLine("pool"), "pool must be a list of [[pool]] tables, not \(Self.kind(value.type))")
                return config
            }
            let sections = lines.arrayTables("pool")
            var seen: [String: Int] = [:]
            for (index, element) in array.enumerated() {
                let section = index < sections.count ? sections[index] : nil
                let header = section?.line ?? topLine("pool")
                guard let poolTable = element.table, element.type == .table else {
                    fail(header, "each pool must be a table, not \(Self.kind(element.type))")
                    continue
                }
                guard let pool = readPool(poolTable, section: section, header: header) else { continue }
                if let first = seen[pool.name] {
                    fail(section?.entry("name")?.line ?? header, "duplicate pool name \"\(pool.name)\" (first at line \(first))")
                    continue
                }
                seen[pool.name] = section?.entry("name")?.line ?? header
                config.pools.append(pool)
            }
        }
        return config
    }

    private mutating func readPool(_ table: TOMLTable, section: ConfigLines.Section?, header: Int) -> PoolConfig? {
        func line(_ key: String) -> Int { section?.entry(key)?.line ?? header }
        let errorsBefore = errors.count
        for key in table.keys where !Self.poolKeys.contains(key) {
            fail(line(key), "unknown key \"\(key)\" in [[pool]] (expected one of: \(Self.poolKeys.joined(separator: ", ")))")
        }
        let name = string(table["name"], "name", line: line("name"))
        if table["name"] == nil { fail(header, "[[pool]] needs a name") }
        if name?.isEmpty == true { fail(line("name"), "the pool name is empty") }
        var url: PoolURL?
        if let text = string(table["url"], "url", line: line("url")) {
            switch PoolURL.parse(text) {
            case .success(let parsed): url = parsed
            case .failure(let error): fail(line("url"), error.problem)
            }
        } else if table["url"] == nil {
            fail(header, "[[pool]] \(name.map { "\"\($0)\" " } ?? "")needs a url")
        }
        let user = string(table["user"], "user", line: line("user")) ?? "root"
        var password = PasswordSource.none
        let command = string(table["password_command"], "password_command", line: line("password_command"))
        let file = string(table["password_file"], "password_file", line: line("password_file"))
        if command != nil, file != nil {
            fail(max(line("password_command"), line("password_file")), "give password_command or password_file, not both")
        } else if let command {
            password = .command(command)
        } else if let file {
            password = .file(ConfigReader.expandingTilde(file))
        }
        let pin = string(table["pin"], "pin", line: line("pin"))
        if let pin, let problem = PoolPin.problem(with: pin) { fail(line("pin"), problem) }
        var readOnly = false
        if let value = table["read_only"] {
            if let b = value.bool, value.type == .bool { readOnly = b } else {
                fail(line("read_only"), "read_only must be true or false, not \(Self.kind(value.type))")
            }
        }
        var accent: ConfigColor?
        if let value = table["accent"] {
            let text: String? = value.type == .int ? value.int.map(String.init) : value.type == .string ? value.string : nil
            if let text, let color = ConfigColor(text) { accent = color } else {
                fail(line("accent"), "bad accent \(text.map { "\"\($0)\"" } ?? "(\(Self.kind(value.type)))"): expected #rrggbb, 0-255 or a colour name (\(ConfigColor.names.joined(separator: ", ")))")
            }
        }
        guard errors.count == errorsBefore, let name, let url else { return nil }
        return PoolConfig(name: name, url: url, user: user, password: password, pin: pin,
                          readOnly: readOnly, accent: accent, line: header)
    }

    private mutating func string(_ value: TOMLValueConvertible?, _ key: String, line: Int) -> String? {
        guard let value else { return nil }
        guard value.type == .string, let s = value.string else {
            fail(line, "\(key) must be a string, not \(Self.kind(value.type))")
            return nil
        }
        return s
    }

    private mutating func fail(_ line: Int, _ problem: String) {
        errors.append(ConfigError(path: path, line: line, problem: problem))
    }

    static func kind(_ type: TOMLType) -> String {
        let name = type == .bool ? "boolean" : type.description
        return ("aeiou".contains(name.first ?? "x") ? "an " : "a ") + name
    }

    static func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return home + path.dropFirst()
    }
}
