import Testing
@testable import UI

@Suite struct PendingKeysTests {
    let keymap = Keymap.builtInDefault

    @Test func prefixThenActionThenFresh() {
        var pending = PendingKeys()
        guard case .prefix(let popup) = pending.press("g", keymap: keymap, context: .tree) else {
            Issue.record("g should wait")
            return
        }
        #expect(popup.title == "go to")
        #expect(pending.isWaiting)
        #expect(pending.press("h", keymap: keymap, context: .tree) == .action("goto.hosts"))
        #expect(!pending.isWaiting)
        #expect(pending.press("j", keymap: keymap, context: .tree) == .action("nav.down"))
    }

    @Test func unboundKeyAfterAPrefixStartsOver() {
        var pending = PendingKeys()
        _ = pending.press("g", keymap: keymap, context: .tree)
        #expect(pending.press("z", keymap: keymap, context: .tree) == .none)
        #expect(!pending.isWaiting)
        #expect(pending.press("q", keymap: keymap, context: .tree) == .action("quit"))
    }

    @Test func escCancelsAPrefixWithoutGoingBack() {
        var pending = PendingKeys()
        _ = pending.press("a", keymap: keymap, context: .tree)
        #expect(pending.press("esc", keymap: keymap, context: .tree) == .none)
        #expect(pending.press("esc", keymap: keymap, context: .tree) == .action("back"))
    }

    @Test func builtInsAreThereWithoutFiles() {
        #expect(Keymap.builtInDefault.name == "default")
        #expect(Theme.builtInDark.name == "dark")
        #expect(Theme.builtInDark.styles.count == ThemeRole.allCases.count)
    }
}
