import Inventory
import Testing

/// XDG paths: absolute XDG variables win, relative ones are ignored, HOME is the fallback,
/// XENTUI_STATE_DIR overrides the log folder.
struct XentuiPathsTests {
    @Test func xdgVariablesWin() {
        let paths = XentuiPaths(environment: [
            "HOME": "/home/u", "XDG_CONFIG_HOME": "/c", "XDG_STATE_HOME": "/s", "XDG_CACHE_HOME": "/k",
        ])
        #expect(paths.configFile == "/c/xentui/config.toml")
        #expect(paths.themeDirectory == "/c/xentui/themes")
        #expect(paths.keymapDirectory == "/c/xentui/keymaps")
        #expect(paths.logFile == "/s/xentui/log.jsonl")
        #expect(paths.cacheDirectory == "/k/xentui")
    }

    @Test func homeFallbackAndRelativeVariablesIgnored() {
        let paths = XentuiPaths(environment: ["HOME": "/home/u", "XDG_CONFIG_HOME": "relative"])
        #expect(paths.configFile == "/home/u/.config/xentui/config.toml")
        #expect(paths.logFile == "/home/u/.local/state/xentui/log.jsonl")
        #expect(paths.cacheDirectory == "/home/u/.cache/xentui")
        #expect(XentuiConfig.defaultPath(environment: ["HOME": "/home/u"]) == "/home/u/.config/xentui/config.toml")
    }

    @Test func stateDirectoryOverride() {
        let paths = XentuiPaths(environment: ["HOME": "/home/u", "XDG_STATE_HOME": "/s", "XENTUI_STATE_DIR": "/var/x"])
        #expect(paths.logFile == "/var/x/log.jsonl")
    }

    @Test func nothingKnown() {
        let paths = XentuiPaths(environment: [:])
        #expect(paths.configFile == nil && paths.logFile == nil && paths.cacheDirectory == nil)
    }
}
