import Foundation

/// Every folder and file xentui reads or writes, following the XDG base directories:
/// an `XDG_*` variable counts only when it is an absolute path (as the spec says), else the
/// `$HOME` fallback applies. Nil when neither is available.
public struct XentuiPaths: Sendable, Hashable {
    /// `$XDG_CONFIG_HOME/xentui`, else `~/.config/xentui`.
    public var configDirectory: String?
    /// The folder of the persistent log: `$XENTUI_STATE_DIR`, else `$XDG_STATE_HOME/xentui`,
    /// else `~/.local/state/xentui`.
    public var stateDirectory: String?
    /// `$XDG_CACHE_HOME/xentui`, else `~/.cache/xentui`.
    public var cacheDirectory: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        func base(_ variable: String, fallback: String) -> String? {
            if let value = environment[variable], value.hasPrefix("/") { return value }
            return home.map { $0 + "/" + fallback }
        }
        configDirectory = base("XDG_CONFIG_HOME", fallback: ".config").map { $0 + "/xentui" }
        if let state = environment["XENTUI_STATE_DIR"], !state.isEmpty {
            stateDirectory = state
        } else {
            stateDirectory = base("XDG_STATE_HOME", fallback: ".local/state").map { $0 + "/xentui" }
        }
        cacheDirectory = base("XDG_CACHE_HOME", fallback: ".cache").map { $0 + "/xentui" }
    }

    /// `config.toml` in the config folder.
    public var configFile: String? { configDirectory.map { $0 + "/config.toml" } }
    public var themeDirectory: String? { configDirectory.map { $0 + "/themes" } }
    public var keymapDirectory: String? { configDirectory.map { $0 + "/keymaps" } }
    /// `log.jsonl` in the state folder.
    public var logFile: String? { stateDirectory.map { $0 + "/log.jsonl" } }
}
