import Testing
@testable import UI

/// `:`, `ctrl-p`, `n`, `N` reach their actions in every built-in keymap, help lists them,
/// and the input lines bind their editing actions.
@Suite("Command, jump and match keys")
struct CommandKeymapTests {
    static let keymaps: [Keymap] = ["default", "vim", "emacs"].map { KeymapLoader(userDirectory: nil).load($0).keymap }

    @Test func builtInKeymapsBindTheActions() {
        for keymap in Self.keymaps {
            for id: ActionID in ["command", "jump", "search.next", "search.previous"] {
                #expect(!keymap.sequences(for: id, in: .tree).isEmpty, "\(keymap.name) binds \(id) in the tree")
            }
            for id: ActionID in ["input.accept", "input.complete", "back", "input.history_previous", "input.history_next"] {
                #expect(!keymap.sequences(for: id, in: .command).isEmpty, "\(keymap.name) binds \(id) in [command]")
            }
            let help = keymap.helpSections().flatMap(\.entries).map(\.action)
            for id: ActionID in ["command", "jump", "search.next", "search.previous", "input.complete"] {
                #expect(help.contains(id), "\(keymap.name) help lists \(id)")
            }
        }
    }

    @Test func defaultKeys() {
        let keymap = Keymap.builtInDefault
        #expect(keymap.resolve([":"], in: .tree) == .action("command"))
        #expect(keymap.resolve(["ctrl-p"], in: .tree) == .action("jump"))
        #expect(keymap.resolve(["n"], in: .tree) == .action("search.next"))
        #expect(keymap.resolve(["N"], in: .details) == .action("search.previous"))
        #expect(keymap.resolve(["ctrl-p"], in: .command) == .action("input.history_previous"))
        #expect(keymap.resolve(["ctrl-n"], in: .command) == .action("input.history_next"))
        #expect(keymap.resolve(["tab"], in: .command) == .action("input.complete"))
        // Letters are typed in the input lines, never actions.
        #expect(keymap.resolve(["q"], in: .command) == .none)
        #expect(keymap.resolve(["n"], in: .command) == .none)
    }

    /// The hint bar of the command line names enter, tab and esc.
    @Test func commandLineHints() {
        let hints = Keymap.builtInDefault.hints(for: .command).map { "\($0.keys) \($0.label)" }
        #expect(hints == ["enter accept", "tab complete", "esc cancel"])
    }
}
