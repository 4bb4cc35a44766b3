import Terminal
import Testing
@testable import UI

@Suite struct ThemeTests {
    let loader = ThemeLoader(userDirectory: nil)

    @Test func everyBuiltInLoadsWithEveryRole() {
        #expect(loader.builtInNames == ["dark", "high-contrast", "light", "mono", "nord", "solarized-dark"])
        for name in loader.builtInNames {
            let result = loader.load(name)
            #expect(result.problems.isEmpty, "\(name): \(result.problems)")
            #expect(result.theme.name == name)
            for role in ThemeRole.allCases {
                #expect(result.theme.styles[role] != nil, "\(name) has no \(role.rawValue)")
            }
        }
    }

    /// The light theme's `text = "fg"` must not let a dark terminal's background through the
    /// tree while the details pane is white: every cell of a pane is on the theme's background.
    @Test func panesAreOneColourInTheLightTheme() {
        let light = loader.load("light").theme
        let canvas = light.style(.background).background
        #expect(canvas != .default)
        for role in [ThemeRole.text, .textDim, .border, .powerRunning, .powerHalted, .hintText] {
            #expect(light.style(role).background == canvas, "\(role) is not on the light background")
        }
        #expect(light.style(.selection).background != canvas)
    }

    @Test func darkIsTheDefaultAndLooksAsDesigned() {
        let dark = loader.load("dark").theme
        #expect(dark.style(.powerRunning).foreground == .rgb(0x98, 0xc3, 0x79))
        #expect(dark.declared(.statusError) == CellStyle(foreground: .rgb(0xe0, 0x6c, 0x75), attributes: .bold))
        // A role without a background of its own sits on the theme's background.
        #expect(dark.style(.statusError) == CellStyle(foreground: .rgb(0xe0, 0x6c, 0x75), background: .rgb(0x1e, 0x22, 0x2a), attributes: .bold))
        #expect(dark.style(.selection).background == .rgb(0x2f, 0x3d, 0x54))
        #expect(dark.style(.background).background == .rgb(0x1e, 0x22, 0x2a))
        #expect(ThemeLoader.defaultName == "dark")
    }

    @Test func solarizedAndNordUseTheirRealPalettes() {
        let solarized = loader.load("solarized-dark").theme
        #expect(solarized.style(.background).background == .rgb(0x00, 0x2b, 0x36))
        #expect(solarized.style(.text).foreground == .rgb(0x83, 0x94, 0x96))
        #expect(solarized.style(.powerRunning).foreground == .rgb(0x85, 0x99, 0x00))
        let nord = loader.load("nord").theme
        #expect(nord.style(.background).background == .rgb(0x2e, 0x34, 0x40))
        #expect(nord.style(.statusError).foreground == .rgb(0xbf, 0x61, 0x6a))
    }

    @Test func monoHasNoColoursAndStillTellsStatesApart() {
        let mono = loader.load("mono").theme
        #expect(!mono.usesColor)
        for role in ThemeRole.allCases {
            #expect(mono.style(role).foreground == .default && mono.style(role).background == .default, "\(role)")
        }
        #expect(mono.style(.selection).attributes.contains(.reverse))
        #expect(mono.style(.powerRunning) != mono.style(.powerHalted))
        #expect(mono.style(.powerPaused) != mono.style(.powerSuspended))
    }

    @Test func noColorSelectsMono() {
        #expect(ThemeLoader.themeName(requested: "nord", environment: ["NO_COLOR": "1"]) == "mono")
        #expect(ThemeLoader.themeName(requested: "nord", environment: ["NO_COLOR": ""]) == "nord")
        #expect(ThemeLoader.themeName(requested: nil, environment: [:]) == "dark")
    }

    @Test func colourForms() {
        #expect(ThemeColor.parse("#50fa7b") == .rgb(0x50, 0xfa, 0x7b))
        #expect(ThemeColor.parse("#FFF") == .rgb(255, 255, 255))
        #expect(ThemeColor.parse("red") == .ansi(1))
        #expect(ThemeColor.parse("bright-blue") == .ansi(12))
        #expect(ThemeColor.parse("gray") == .ansi(8))
        #expect(ThemeColor.parse("default") == .default)
        #expect(ThemeColor.parse("208") == .indexed(208))
        #expect(ThemeColor.parse("#12345") == nil)
        #expect(ThemeColor.parse("#gggggg") == nil)
        #expect(ThemeColor.parse("reddish") == nil)
        #expect(ThemeColor.index(256) == nil)
    }

    @Test func poolAccentColoursTheTitle() {
        let dark = loader.load("dark").theme
        let prod = dark.poolTitleStyle(accent: ThemeColor.parse("red"))
        #expect(prod.foreground == .ansi(1))
        #expect(prod.attributes.contains(.bold))
        #expect(dark.poolTitleStyle(accent: nil) == dark.style(.title))
        let mono = loader.load("mono").theme
        #expect(mono.poolTitleStyle(accent: .ansi(1)).foreground == .default)
        #expect(mono.poolTitleStyle(accent: .ansi(1)).attributes.contains(.underline))
    }

    @Test func styleOverABase() {
        let dark = loader.load("dark").theme
        let glyph = dark.style(.powerRunning, over: dark.style(.selection))
        #expect(glyph.foreground == dark.style(.powerRunning).foreground)
        #expect(glyph.background == dark.style(.selection).background)
        #expect(glyph.attributes.contains(.bold))
    }

    @Test func inheritsChainsAndLateBoundPalette() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("greener.toml", """
            inherits = "dark"
            [palette]
            green = "#00ff00"
            [roles]
            title = { underline = true }
            """)
        try folder.write("greenest.toml", """
            name = "greenest"
            inherits = "greener"
            [roles]
            "power.halted" = { fg = 244, dim = true }
            title = { bold = false }
            """)
        let result = ThemeLoader(userDirectory: folder.path).load("greenest")
        #expect(result.problems.isEmpty, "\(result.problems)")
        let theme = result.theme
        // dark's roles that name the palette's green follow the child's redefinition
        #expect(theme.style(.powerRunning).foreground == .rgb(0, 255, 0))
        #expect(theme.declared(.powerHalted) == CellStyle(foreground: .indexed(244), attributes: .dim))
        #expect(theme.style(.title).attributes == [.underline])
        #expect(theme.style(.title).foreground == .rgb(0x61, 0xaf, 0xef))
        #expect(theme.style(.text) == loader.load("dark").theme.style(.text))
    }

    @Test func userFileNamedLikeABuiltInIsMergedOverIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("dark.toml", """
            [roles]
            selection = { bg = "#444444" }
            """)
        let result = ThemeLoader(userDirectory: folder.path).load("dark")
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.theme.style(.selection).background == .rgb(0x44, 0x44, 0x44))
        #expect(result.theme.style(.selection).attributes.contains(.bold))
        #expect(result.theme.style(.powerRunning).foreground == .rgb(0x98, 0xc3, 0x79))
    }

    @Test func dottedRoleKeysNeedNoQuotes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("plain.toml", """
            inherits = "dark"
            [roles]
            power.running = "#00ff00"
            power.halted = { fg = "red", bold = true }
            """)
        let result = ThemeLoader(userDirectory: folder.path).load("plain")
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.theme.style(.powerRunning).foreground == .rgb(0, 255, 0))
        // "red" is dark's palette entry, which wins over the ANSI colour name
        #expect(result.theme.declared(.powerHalted) == CellStyle(foreground: .rgb(0xe0, 0x6c, 0x75), attributes: .bold))
    }

    @Test func rolesForPowerStatesAndUsage() {
        #expect(ThemeRole.power("Running") == .powerRunning)
        #expect(ThemeRole.power("halted") == .powerHalted)
        #expect(ThemeRole.power("Paused") == .powerPaused)
        #expect(ThemeRole.power("Suspended") == .powerSuspended)
        #expect(ThemeRole.power("Crashed") == nil)
        #expect(ThemeRole.usage(0.2) == .usageLow)
        #expect(ThemeRole.usage(0.75) == .usageMid)
        #expect(ThemeRole.usage(0.95) == .usageHigh)
    }
}
