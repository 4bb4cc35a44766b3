import Testing
@testable import UI

/// Bad theme files: problems name file and line, and `dark` is used instead.
@Suite struct ThemeErrorTests {
    func problems(_ text: String, extra: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("broken.toml", text)
        for (name, body) in extra { try folder.write(name + ".toml", body) }
        let result = ThemeLoader(userDirectory: folder.path).load("broken")
        #expect(result.theme.name == "dark", sourceLocation: sourceLocation)
        #expect(result.theme.styles.count == ThemeRole.allCases.count, sourceLocation: sourceLocation)
        #expect(!result.problems.isEmpty, sourceLocation: sourceLocation)
        return result.problems.map { "\(lastComponent($0.file)):\($0.line.map(String.init) ?? "-"): \($0.problem)" }
    }

    @Test func syntaxError() throws {
        let found = try problems("""
            [roles]
            text = "#ffffff
            """)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("broken.toml:2: TOML syntax error") == true, "\(found)")
    }

    @Test func unknownRoleWithSuggestion() throws {
        let found = try problems("""
            inherits = "dark"
            [roles]
            "power.runing" = "green"
            """)
        #expect(found == ["broken.toml:3: unknown role `power.runing` (did you mean `power.running`?)"])
    }

    @Test func badColours() throws {
        let found = try problems("""
            inherits = "dark"
            [palette]
            accent = "#12345"
            [roles]
            text = 300
            title = { fg = "bleu" }
            border = { fg = true }
            """)
        #expect(Set(found) == [
            "broken.toml:3: bad colour \"#12345\": write \"#rrggbb\", 0-255, a name such as \"green\" or \"bright-blue\", or \"default\"",
            "broken.toml:5: colour 300 is out of range: xterm colours are 0-255",
            "broken.toml:7: a colour is \"#rrggbb\", 0-255, a name such as \"green\" or \"bright-blue\", or \"default\"; found a boolean",
        ], "\(found)")
    }

    @Test func unknownPaletteName() throws {
        let found = try problems("""
            inherits = "dark"
            [roles]
            title = { fg = "bleu" }
            """)
        #expect(found == ["broken.toml:3: unknown colour `bleu` (did you mean `blue`?): not a colour name and not in [palette]"])
    }

    @Test func wrongTypes() throws {
        let found = try problems("""
            inherits = 1
            [roles]
            text = { fg = "red", bold = "yes" }
            title = ["red"]
            badge = { fg = "red", blink = true }
            """)
        #expect(Set(found) == [
            "broken.toml:1: `inherits` must be a string, found an integer",
            "broken.toml:3: `bold` must be true or false, found a string",
            "broken.toml:4: a role is a colour (its foreground) or a table like { fg = \"#50fa7b\", bold = true }, found a list",
            "broken.toml:5: unknown style key `blink`; a role takes fg, bg, bold, dim, italic, reverse, underline",
        ], "\(found)")
    }

    @Test func roleOutsideRolesAndUnknownSetting() throws {
        let found = try problems("""
            text = "red"
            colours = "x"
            """)
        #expect(Set(found) == [
            "broken.toml:1: role `text` must be inside the [roles] table",
            "broken.toml:2: unknown setting `colours`; a theme has name, inherits, [palette] and [roles]",
        ], "\(found)")
    }

    @Test func unknownInheritsAndCycle() throws {
        let unknown = try problems("inherits = \"nordd\"\n")
        #expect(unknown.count == 1)
        #expect(unknown.first?.hasPrefix("broken.toml:-: no theme named `nordd` (did you mean `nord`?)") == true, "\(unknown)")
        let cycle = try problems("inherits = \"other\"\n", extra: ["other": "inherits = \"broken\"\n"])
        #expect(cycle == ["broken.toml:-: themes inherit in a cycle: broken → other → broken"])
    }
}

private func lastComponent(_ path: String) -> String {
    String(path.split(separator: "/").last ?? "")
}
