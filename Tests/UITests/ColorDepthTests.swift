import Foundation
import Terminal
import Testing
@testable import UI

@Suite struct ColorDepthTests {
    @Test func exactPaletteColoursMapToThemselves() {
        #expect(ColorMapping.nearestIndexed(0, 0, 0) == 16)
        #expect(ColorMapping.nearestIndexed(255, 255, 255) == 231)
        #expect(ColorMapping.nearestIndexed(0x5f, 0x87, 0xaf) == 67)
        #expect(ColorMapping.nearestIndexed(0x80, 0x80, 0x80) == 244)
        #expect(ColorMapping.nearestANSI(205, 0, 0) == 1)
        #expect(ColorMapping.nearestANSI(250, 250, 250) == 15)
        #expect(ColorMapping.nearestANSI(0x98, 0xc3, 0x79) == 10, "a pastel green stays green")
        #expect(ColorMapping.nearestANSI(0x2f, 0x7d, 0x2d) == 2)
        #expect(ColorMapping.nearestANSI(0xd1, 0x9a, 0x66) == 11, "orange leans yellow")
        #expect(ColorMapping.nearestANSI(0x6b, 0x73, 0x80) == 8)
        #expect(ColorMapping.nearestANSI(0xd4, 0xd8, 0xdf) == 7)
        #expect(ColorMapping.nearestANSI(0x1e, 0x22, 0x2a) == 0)
        #expect(ColorMapping.nearestANSI(0x26, 0x8b, 0xd2) == 4)
        #expect(ColorMapping.nearestANSI(0xc6, 0x78, 0xdd) == 13)
        #expect(ColorMapping.nearestANSI(0x2a, 0xa1, 0x98) == 6)
        for index in UInt8(16)...UInt8(255) {
            let (r, g, b) = ColorMapping.rgb(ofIndexed: index)
            #expect(ColorMapping.rgb(ofIndexed: ColorMapping.nearestIndexed(r, g, b)) == ColorMapping.rgb(ofIndexed: index), "\(index)")
        }
    }

    @Test func depthMapping() {
        #expect(ColorMapping.resolve(.rgb(1, 2, 3), for: .truecolor) == .rgb(1, 2, 3))
        #expect(ColorMapping.resolve(.rgb(255, 255, 255), for: .indexed256) == .indexed(231))
        #expect(ColorMapping.resolve(.rgb(250, 10, 10), for: .ansi16) == .ansi(1))
        #expect(ColorMapping.resolve(.indexed(196), for: .ansi16) == .ansi(1))
        #expect(ColorMapping.resolve(.rgb(0xe0, 0x6c, 0x75), for: .ansi16) == .ansi(9))
        #expect(ColorMapping.resolve(.indexed(4), for: .ansi16) == .ansi(4))
        #expect(ColorMapping.resolve(.ansi(3), for: .none) == .default)
        #expect(ColorMapping.resolve(.default, for: .indexed256) == .default)
    }

    /// In 256 colours every coloured built-in theme keeps what it means: text stands out from
    /// the background, the selection shows, and the four power states stay four colours.
    @Test func builtInThemesSurviveXterm256() {
        let loader = ThemeLoader(userDirectory: nil)
        for name in loader.builtInNames where name != "mono" {
            let theme = loader.load(name).theme
            let depth = ColorDepth.indexed256
            func fg(_ role: ThemeRole) -> TerminalColor { ColorMapping.resolve(theme.style(role).foreground, for: depth) }
            func bg(_ role: ThemeRole) -> TerminalColor { ColorMapping.resolve(theme.style(role).background, for: depth) }
            #expect(fg(.text) != bg(.background), "\(name): text on background")
            #expect(bg(.selection) != bg(.background), "\(name): selection")
            #expect(bg(.selectionUnfocused) != bg(.background) || theme.style(.selectionUnfocused).attributes != [], "\(name): unfocused selection")
            let power = [fg(.powerRunning), fg(.powerHalted), fg(.powerPaused), fg(.powerSuspended)]
            #expect(Set(power).count == 4, "\(name): power states \(power)")
            let tasks = [fg(.taskRunning), fg(.taskSuccess), fg(.taskFailure)]
            #expect(Set(tasks).count == 3, "\(name): task states")
            let usage = [fg(.usageLow), fg(.usageMid), fg(.usageHigh)]
            #expect(Set(usage).count == 3, "\(name): usage levels")
            #expect(fg(.border) != fg(.borderFocus), "\(name): focused border")
        }
    }

    /// Text on the background stays readable (WCAG contrast ≥ 4.5) in truecolor and in 256 colours;
    /// the colours that carry meaning stay visible (≥ 3, and ≥ 2.5 once mapped to 256 colours:
    /// Nord's and Solarized's own reds sit near that).
    @Test func builtInThemesHaveReadableText() {
        let loader = ThemeLoader(userDirectory: nil)
        for name in loader.builtInNames where name != "mono" {
            let theme = loader.load(name).theme
            for depth in [ColorDepth.truecolor, .indexed256] {
                guard let background = rgb(ColorMapping.resolve(theme.style(.background).background, for: depth)) else {
                    Issue.record("\(name) has no background colour")
                    continue
                }
                func check(_ role: ThemeRole, _ minimum: Double) {
                    guard let foreground = rgb(ColorMapping.resolve(theme.style(role).foreground, for: depth)) else { return }
                    let own = rgb(ColorMapping.resolve(theme.style(role).background, for: depth))
                    let ratio = contrast(foreground, own ?? background)
                    #expect(ratio >= minimum, "\(name) \(role.rawValue) at \(depth): contrast \(ratio)")
                }
                check(.text, 4.5)
                check(.textDim, 2.5)
                check(.powerHalted, 2.5)
                for role in [ThemeRole.powerRunning, .powerPaused, .powerSuspended, .statusError, .statusWarn, .title, .hintKey, .taskRunning] {
                    check(role, depth == .truecolor ? 3 : 2.5)
                }
            }
        }
    }

    /// In 256 colours, 16 colours and none, every built-in theme still shows the selection,
    /// keeps text off its own background, and tells the four power states apart.
    @Test func adaptedThemesStayFaithful() {
        let loader = ThemeLoader(userDirectory: nil)
        for name in loader.builtInNames {
            for depth in [ColorDepth.indexed256, .ansi16, .none] {
                let theme = loader.load(name).theme.adapted(to: depth)
                let screen = theme.style(.background)
                let selection = theme.style(.selection)
                #expect(selection.background != screen.background || selection.attributes.contains(.reverse), "\(name) at \(depth): selection")
                let unfocused = theme.style(.selectionUnfocused)
                #expect(unfocused.background != screen.background || !unfocused.attributes.isEmpty, "\(name) at \(depth): unfocused selection")
                for role in ThemeRole.allCases where role != .background {
                    let style = theme.style(role)
                    let under = style.background == .default ? screen.background : style.background
                    #expect(style.foreground == .default || style.foreground != under, "\(name) at \(depth): \(role.rawValue) invisible")
                }
                if depth != .none && name != "mono" {
                    let power = [ThemeRole.powerRunning, .powerHalted, .powerPaused, .powerSuspended].map { theme.style($0).foreground }
                    #expect(Set(power).count == 4, "\(name) at \(depth): power states \(power)")
                    let outcome = [ThemeRole.taskRunning, .taskSuccess, .taskFailure].map { theme.style($0).foreground }
                    #expect(Set(outcome).count == 3, "\(name) at \(depth): task outcomes \(outcome)")
                }
                if depth == .none {
                    #expect(!theme.usesColor, "\(name) without colours")
                }
            }
        }
    }

    private func rgb(_ color: TerminalColor) -> (UInt8, UInt8, UInt8)? {
        switch color {
        case .rgb(let r, let g, let b): return (r, g, b)
        case .indexed(let index), .ansi(let index): return ColorMapping.rgb(ofIndexed: index)
        case .default: return nil
        }
    }

    private func contrast(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Double {
        func luminance(_ c: (UInt8, UInt8, UInt8)) -> Double {
            func channel(_ v: UInt8) -> Double {
                let s = Double(v) / 255
                return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
        }
        let (la, lb) = (luminance(a), luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }
}
