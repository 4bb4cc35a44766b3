import Testing
@testable import Terminal

@Suite("Key names")
struct KeyEventNameTests {
    @Test("Canonical names of keys")
    func names() {
        let expected: [(KeyEvent, String)] = [
            (.char("a"), "a"), (.char("G"), "G"), (.char(" "), "space"), (.char("-"), "-"),
            (.ctrl("d"), "ctrl-d"), (.alt("x"), "alt-x"), (.key(.enter), "enter"), (.key(.escape), "esc"),
            (.key(.tab), "tab"), (.key(.tab, .shift), "shift-tab"), (.key(.backspace), "backspace"),
            (.key(.up), "up"), (.key(.down), "down"), (.key(.left), "left"), (.key(.right), "right"),
            (.key(.home), "home"), (.key(.end), "end"), (.key(.pageUp), "pgup"), (.key(.pageDown), "pgdn"),
            (.key(.insert), "insert"), (.key(.delete), "delete"), (.key(.function(1)), "f1"),
            (.key(.function(12)), "f12"), (.key(.up, .ctrl), "ctrl-up"),
            (.key(.left, [.shift, .alt, .ctrl]), "ctrl-alt-shift-left"), (.key(.character(" "), .ctrl), "ctrl-space"),
        ]
        for (event, name) in expected {
            #expect(event.name == name)
            #expect(KeyEvent(name: name) == event, "parsing \(name)")
        }
    }

    @Test("Every decoded key's name parses back to the same key")
    func roundTrip() {
        var decoder = KeyDecoder()
        let esc = "\u{1B}"
        let input = "aZ9 ~\u{3}\u{7F}\t\r" + esc + "x" + esc + "[1;5A" + esc + "[Z" + esc + "[5~" + esc + "OP" + esc + "[24;3~" + esc + "[3~"
        let events = decoder.feed(Array(input.utf8)) + decoder.flush()
        #expect(events.count == 16)
        for event in events {
            #expect(KeyEvent(name: event.name) == event, "\(event.name)")
        }
    }

    @Test("Aliases and spellings people write in keymap files")
    func aliases() {
        #expect(KeyEvent(name: "Ctrl-D") == .ctrl("d"))
        #expect(KeyEvent(name: "ctrl+c") == .ctrl("c"))
        #expect(KeyEvent(name: "C-x") == .ctrl("x"))
        #expect(KeyEvent(name: "M-x") == .alt("x"))
        #expect(KeyEvent(name: "escape") == .key(.escape))
        #expect(KeyEvent(name: "Return") == .key(.enter))
        #expect(KeyEvent(name: "PageUp") == .key(.pageUp))
        #expect(KeyEvent(name: "backtab") == .key(.tab, .shift))
        #expect(KeyEvent(name: "del") == .key(.delete))
        #expect(KeyEvent(name: "ctrl--") == .ctrl("-"))
        #expect(KeyEvent(name: " ") == .char(" "))
        #expect(KeyEvent(name: "中") == .char("中"))
    }

    @Test("Unknown names are rejected")
    func unknown() {
        #expect(KeyEvent(name: "") == nil)
        #expect(KeyEvent(name: "ctrl-") == nil)
        #expect(KeyEvent(name: "hyper-x") == nil)
        #expect(KeyEvent(name: "f0") == nil)
        #expect(KeyEvent(name: "f99") == nil)
        #expect(KeyEvent(name: "enterr") == nil)
    }
}
