import Testing
@testable import UI

@Suite struct KeyStrokeTests {
    @Test func canonicalNamesParseToThemselves() {
        for name in ["a", "G", "?", "/", ":", "<", ">", "[", "]", "+", "-", "ctrl-d", "ctrl-c", "alt-x", "alt-<", "alt->",
                     "enter", "esc", "tab", "shift-tab", "backspace", "up", "down", "left", "right", "home", "end",
                     "pgup", "pgdn", "f1", "f12", "space", "alt-enter", "ctrl-space"] {
            #expect(KeyStroke(parsing: name)?.name == name, "\(name)")
            #expect(KeyStroke(canonical: name) != nil, "\(name)")
        }
    }

    @Test func aliasesAreNormalised() {
        let cases: [String: String] = [
            "C-d": "ctrl-d", "<C-d>": "ctrl-d", "Ctrl+D": "ctrl-d", "ctrl-D": "ctrl-d", "M-x": "alt-x", "A-x": "alt-x",
            "<Esc>": "esc", "<CR>": "enter", "return": "enter", "Enter": "enter", "escape": "esc", "PageDown": "pgdn",
            "PageUp": "pgup", "backtab": "shift-tab", "S-tab": "shift-tab", "<Space>": "space", "F5": "f5",
        ]
        for (alias, canonical) in cases {
            #expect(KeyStroke(parsing: alias)?.name == canonical, "\(alias)")
            #expect(KeyStroke(canonical: alias) == nil, "\(alias) is not canonical")
        }
    }

    @Test func badNamesAreRejected() {
        for name in ["", "ctrl-", "ctrl-1", "hyper-x", "f13", "entr", "shift-a", "alt-ctrl-x", "a b"] {
            #expect(KeyStroke(parsing: name) == nil, "\(name)")
        }
    }

    @Test func sequences() {
        #expect(KeySequence(parsing: "g h")?.names == ["g", "h"])
        #expect(KeySequence(parsing: "  g   h ")?.names == ["g", "h"])
        #expect(KeySequence(parsing: "C-x C-c")?.description == "ctrl-x ctrl-c")
        #expect(KeySequence(parsing: "") == nil)
        #expect(KeySequence(parsing: "g hh") == nil)
        #expect(KeySequence.badWords(in: "g hh zz") == ["hh", "zz"])
    }
}
