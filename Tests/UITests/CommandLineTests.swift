import Inventory
import Testing
import XAPI
@testable import UI

/// The `:` line's pieces: editing, completion, history, running.
@Suite("Command line")
struct CommandLineTests {
    @Test func lineEditorMovesAndDeletes() {
        var editor = LineEditor("goto web")
        for key in ["left", "left", "backspace"] {
            let edited = editor.edit(key)
            #expect(edited)
        }
        #expect(editor.text == "goto eb" && editor.cursor == 5)
        _ = editor.edit("x")
        #expect(editor.text == "goto xeb")
        _ = editor.edit("ctrl-w")
        #expect(editor.text == "goto eb" && editor.cursor == 5)
        let enterEdits = editor.edit("enter")
        #expect(!enterEdits)
    }

    @Test func commandNamesComplete() {
        let none: (String) -> [String] = { _ in [] }
        #expect(CommandCompletion.complete("go", arguments: none) == .init(text: "goto ", candidates: [], found: true))
        #expect(CommandCompletion.complete("he", arguments: none) == .init(text: "help", candidates: [], found: true))
        #expect(CommandCompletion.complete("q", arguments: none) == .init(text: "q", candidates: ["q", "quit"], found: true))
        #expect(CommandCompletion.complete("zz", arguments: none).found == false)
    }

    @Test func argumentsCompleteCaseInsensitivelyToTheCommonPrefix() {
        let names = ["web-01", "web-02", "Web-old", "db"]
        let result = CommandCompletion.complete("goto WEB", arguments: { $0 == "goto" ? names : [] })
        #expect(result.text == "goto web-")
        #expect(result.candidates == ["web-01", "web-02", "Web-old"])
        #expect(CommandCompletion.complete("goto d", arguments: { _ in names }).text == "goto db")
        #expect(CommandCompletion.complete("theme so", arguments: { _ in ["solarized-dark", "dark"] }).text == "theme solarized-dark")
    }

    @Test func filterCompletesItsLastWord() {
        let words = CommandCompletion.filterWords
        let result = CommandCompletion.complete("filter tags:prod !po", arguments: { $0 == "filter" ? words : [] })
        #expect(result.text == "filter tags:prod !power_state:")
        #expect(result.candidates.count == 4)
        #expect(CommandCompletion.complete("filter (name_l", arguments: { _ in words }).text == "filter (name_label:")
    }

    @Test func historyRecallsOldestLastAndRestoresTheDraft() {
        var state = AppFixture.state()
        for line in ["log", "goto web-01"] {
            state.handle("command")
            for character in line { _ = state.typeIntoInput(String(character), keymap: .builtInDefault) }
            state.handle("input.accept")
        }
        #expect(state.commandHistory == ["log", "goto web-01"])
        state.handle("command")
        _ = state.typeIntoInput("g", keymap: .builtInDefault)
        state.handle("input.history_previous")
        #expect(state.command?.text == "goto web-01")
        state.handle("input.history_previous")
        state.handle("input.history_previous")
        #expect(state.command?.text == "log")
        state.handle("input.history_next")
        #expect(state.command?.text == "goto web-01")
        state.handle("input.history_next")
        #expect(state.command?.text == "g")
        state.handle("back")
        #expect(state.command == nil)
    }

    @Test func filterCommandSetsOrClearsAndRejectsBadSyntax() {
        var state = AppFixture.state()
        state.run("filter power_state:halted", at: AppFixture.time)
        #expect(state.filterText == "power_state:halted")
        state.run("filter power_state:(", at: AppFixture.time)
        #expect(state.filterText == "power_state:halted")
        #expect(state.log.last?.text == ":filter: unclosed group at column 13")
        state.run("filter", at: AppFixture.time)
        #expect(state.filter == nil)
    }

    @Test func gotoFindsByUUIDAndReportsUnknownNames() {
        var prod = AppFixture.prod
        var net = prod.networks[Ref("OpaqueRef:net0")]!
        net.uuid = "0f5c1f3e-1111-2222-3333-444455556666"
        prod.networks.upsert(Ref("OpaqueRef:net0"), net)
        var state = AppState(pools: [PoolEntry(inventory: AppFixture.lab), PoolEntry(inventory: prod)])
        state.run("goto 0f5c1f3e-1111-2222-3333-444455556666", at: AppFixture.time)
        #expect(state.selectedRow?.name == "Pool-wide network 0")
        state.run("goto nfs-vm", at: AppFixture.time)
        #expect(state.selectedRow?.name == "Pool-wide network 0")
        #expect(state.log.last?.text == ":goto: nothing named nfs-vm in any pool (did you mean nfs-vms?)")
    }

    @Test func themeCycleAsksTheControllerForTheNextTheme() {
        var state = AppFixture.state()
        state.themeNames = ["dark", "light", "mono"]
        state.handle("theme.cycle")
        #expect(state.requestedTheme == "light")
        state.themeRequestHandled(loaded: "light")
        state.handle("theme.cycle")
        #expect(state.requestedTheme == "mono")
    }
}
