import Foundation
import Testing
import Inventory

private let path = "/home/u/.config/xentui/config.toml"

private func parse(_ text: String) throws(ConfigError) -> XentuiConfig {
    try XentuiConfig(parsing: text, path: path)
}

private let pinA = "sha256//" + String(repeating: "A", count: 43) + "="

@Suite struct ConfigParsingTests {
    @Test func fullConfig() throws {
        let config = try parse("""
            # xentui
            theme = "nord"
            keymap = "default"
            log_pane_height = 8

            [[pool]]
            name = "prod"
            url = "https://10.0.0.1"
            password_command = "pass show xcp/prod"
            pin = "\(pinA)"
            read_only = true
            accent = "red"

            [[pool]]
            name = "lab"   # the test pool
            url = "http://lab.example.org:8080/"
            user = "admin"
            password_file = "/run/secrets/lab"
            accent = "#FF8800"

            [[pool]]
            name = "v6"
            url = "https://[fe80::1]:443"
            accent = 196
            """)
        #expect(config.theme == "nord")
        #expect(config.keymap == "default")
        #expect(config.logPaneHeight == 8)
        #expect(config.pools.map(\.name) == ["prod", "lab", "v6"])
        let prod = try #require(config.pool(named: "prod"))
        #expect(prod.url == PoolURL(isSecure: true, host: "10.0.0.1", port: nil))
        #expect(prod.user == "root")
        #expect(prod.password == .command("pass show xcp/prod"))
        #expect(prod.pin == pinA)
        #expect(prod.readOnly)
        #expect(prod.accent == .named("red"))
        #expect(prod.line == 6)
        let lab = try #require(config.pool(named: "lab"))
        #expect(lab.url.description == "http://lab.example.org:8080")
        #expect(lab.user == "admin")
        #expect(lab.password == .file("/run/secrets/lab"))
        #expect(lab.pin == nil)
        #expect(!lab.readOnly)
        #expect(lab.accent == .rgb(255, 136, 0))
        #expect(config.pools[2].url.description == "https://[fe80::1]:443")
        #expect(config.pools[2].accent == .indexed(196))
    }

    @Test func emptyAndMissing() throws {
        #expect(try parse("") == XentuiConfig(path: path))
        let missing = try XentuiConfig.load(path: "/nonexistent-\(UInt64.random(in: 0...UInt64.max))/config.toml")
        #expect(missing.pools.isEmpty && missing.theme == nil)
    }

    @Test func loadsTheFileConfigNames() throws {
        let scratch = ConfigScratch()
        defer { scratch.remove() }
        let file = try scratch.write("mine.toml", "theme = \"nord\"\n", mode: 0o600)
        #expect(try XentuiConfig.load(for: ConnectionOptions(configPath: file)).theme == "nord")
        try FileManager.default.createDirectory(atPath: scratch.folder + "/xentui", withIntermediateDirectories: true)
        _ = try scratch.write("xentui/config.toml", "keymap = \"vim\"\n", mode: 0o600)
        let config = try XentuiConfig.load(for: ConnectionOptions(), environment: ["XDG_CONFIG_HOME": scratch.folder])
        #expect(config.keymap == "vim" && config.path == scratch.folder + "/xentui/config.toml")
    }

    @Test func defaultPath() {
        #expect(XentuiConfig.defaultPath(environment: ["XDG_CONFIG_HOME": "/x/cfg", "HOME": "/home/u"]) == "/x/cfg/xentui/config.toml")
        #expect(XentuiConfig.defaultPath(environment: ["HOME": "/home/u"]) == "/home/u/.config/xentui/config.toml")
    }

    /// (file text, line, problem)
    static let errors: [(String, Int, String)] = [
        ("theme = \"dark\"\nlog_pane_height = \"big\"\n", 2, "log_pane_height must be an integer, not a string"),
        ("log_pane_height = 0\n", 1, "log_pane_height must be from 1 to 1000, not 0"),
        ("theme = 3\n", 1, "theme must be a string, not an integer"),
        ("# c\nthemes = \"dark\"\n", 2, "unknown key \"themes\" (expected one of: theme, keymap, log_pane_height, pool)"),
        ("theme = \"dark\"\n\n[colors]\nx = 1\n", 3, "unknown key \"colors\" (expected one of: theme, keymap, log_pane_height, pool)"),
        ("[[pool]]\nname = \"a\"\nurl = \"https://h\"\npasword_file = \"/p\"\n", 4,
         "unknown key \"pasword_file\" in [[pool]] (expected one of: name, url, user, password_command, password_file, pin, read_only, accent)"),
        ("[[pool]]\nname = \"a\"\nurl = \"https://h\"\n\n[[pool]]\nurl = \"https://g\"\n", 5, "[[pool]] needs a name"),
        ("[[pool]]\nname = \"a\"\n", 1, "[[pool]] \"a\" needs a url"),
        ("[[pool]]\nname = \"a\"\nurl = \"https://h\"\n[[pool]]\n  name = \"a\"\n  url = \"https://g\"\n", 5,
         "duplicate pool name \"a\" (first at line 2)"),
        ("[[pool]]\nname = \"a\"\nurl = \"https://h\"\npassword_file = \"/p\"\npassword_command = \"pass a\"\n", 5,
         "give password_command or password_file, not both"),
        ("[[pool]]\nname = \"a\"\nurl = \"ftp://h\"\n", 3, "bad url \"ftp://h\": expected https://host[:port] or http://host[:port]"),
        ("[[pool]]\nname = \"a\"\nurl = \"https://h:99999\"\n", 3, "bad url \"https://h:99999\": the port must be a number from 1 to 65535"),
        ("[[pool]]\nname = \"a\"\nurl = \"https://root:pw@h\"\n", 3,
         "bad url \"https://root:pw@h\": a user or password does not belong in the url (use user and password_file)"),
        ("[[pool]]\nname = \"a\"\nurl = \"https://h/api\"\n", 3, "bad url \"https://h/api\": expected no path after the host"),
        ("[[pool]]\nname = \"a\"\nurl = \"https://\"\n", 3, "bad url \"https://\": no host"),
        ("[[pool]]\nname = \"a\"\nurl = \"https://h\"\npin = \"md5//abc\"\n", 4,
         "bad pin \"md5//abc\": expected sha256//BASE64 (the base64 of a SHA-256 digest)"),
        ("[[pool]]\nname = \"a\"\nurl = \"https://h\"\npin = \"sha256//AAAA\"\n", 4,
         "bad pin \"sha256//AAAA\": a SHA-256 digest has 32 bytes, this one has 3"),
        ("[[pool]]\nname = \"a\"\nurl = \"https://h\"\npin = \"sha256//%%%\"\n", 4, "bad pin \"sha256//%%%\": \"%%%\" is not base64"),
        ("[[pool]]\nname = \"a\"\nurl = \"https://h\"\naccent = \"purple-ish\"\n", 4,
         "bad accent \"purple-ish\": expected #rrggbb, 0-255 or a colour name (black, red, green, yellow, blue, magenta, cyan, white, bright-black, bright-red, bright-green, bright-yellow, bright-blue, bright-magenta, bright-cyan, bright-white, grey, gray, default)"),
        ("[[pool]]\nname = \"a\"\nurl = \"https://h\"\naccent = 300\n", 4,
         "bad accent \"300\": expected #rrggbb, 0-255 or a colour name (black, red, green, yellow, blue, magenta, cyan, white, bright-black, bright-red, bright-green, bright-yellow, bright-blue, bright-magenta, bright-cyan, bright-white, grey, gray, default)"),
        ("[[pool]]\nname = \"a\"\nurl = \"https://h\"\nread_only = \"yes\"\n", 4, "read_only must be true or false, not a string"),
        ("pool = 3\n", 1, "pool must be a list of [[pool]] tables, not an integer"),
    ]

    @Test(arguments: errors.indices)
    func error(_ index: Int) {
        let (text, line, problem) = Self.errors[index]
        #expect(throws: ConfigError(path: path, line: line, problem: problem)) { try parse(text) }
    }

    @Test func syntaxErrorsCarryTheirLine() throws {
        do {
            _ = try parse("theme = \"dark\"\n\n[[pool]]\nname = \"a\nurl = 3\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.path == path)
            #expect(error.line == 4)  // the unclosed string
            #expect(error.description.hasPrefix("\(path):4: "))
        }
    }

    @Test func earliestErrorIsReported() {
        // Unknown keys are checked first, yet the error on line 1 is the one reported.
        #expect(throws: ConfigError(path: path, line: 1, problem: "theme must be a string, not a boolean")) {
            try parse("theme = true\naaa = 1\n")
        }
    }
}
