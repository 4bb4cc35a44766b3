import Testing
@testable import UI

/// Which-key, hints, help and read-only mode, all derived from the keymap and the action table.
@Suite struct KeymapViewsTests {
    let keymap = KeymapLoader(userDirectory: nil).load("default").keymap

    @Test func whichKeyAfterG() throws {
        guard case .prefix(let popup) = keymap.resolve(["g"], in: .tree) else {
            Issue.record("g is not a prefix")
            return
        }
        #expect(popup.title == "go to")
        let keys = popup.entries.map(\.key.name)
        #expect(Set(keys) == ["h", "p", "v", "s", "n", "t", "g"])
        let hosts = try #require(popup.entries.first { $0.key.name == "h" })
        #expect(hosts.action == "goto.hosts")
        #expect(hosts.description == ActionTable.definition("goto.hosts")?.description)
    }

    @Test func whichKeyAfterAListsOnlyAllowedActionsInTableOrder() throws {
        let running: Set<ActionID> = ["vm.shutdown", "vm.hard_shutdown", "vm.reboot", "vm.hard_reboot", "vm.pause", "vm.suspend", "vm.migrate", "vm.snapshot"]
        let popup = try #require(keymap.whichKey(after: ["a"], in: .tree, isAvailable: { running.contains($0) }))
        #expect(popup.title == "actions")
        #expect(popup.entries.map(\.key.name) == ["d", "D", "r", "R", "p", "z", "m", "n"])
        #expect(popup.entries.map(\.action) == ["vm.shutdown", "vm.hard_shutdown", "vm.reboot", "vm.hard_reboot", "vm.pause", "vm.suspend", "vm.migrate", "vm.snapshot"])

        let halted: Set<ActionID> = ["vm.start", "vm.start_on", "vm.clone", "vm.snapshot", "vm.destroy"]
        let haltedPopup = try #require(keymap.whichKey(after: ["a"], in: .tree, isAvailable: { halted.contains($0) }))
        #expect(haltedPopup.entries.map(\.key.name) == ["s", "S", "n", "c", "X"])
    }

    @Test func aPrefixWithNothingAllowedIsUnavailable() {
        let resolution = keymap.resolve(["a"], in: .tree, isAvailable: { _ in false })
        guard case .unavailable(let ids) = resolution else {
            Issue.record("expected unavailable, got \(resolution)")
            return
        }
        #expect(ids.contains("vm.start"))
    }

    @Test func whichKeyOnlyForPrefixes() {
        #expect(keymap.whichKey(after: ["j"], in: .tree) == nil)
        #expect(keymap.whichKey(after: ["a"], in: .popup) == nil)
        #expect(keymap.whichKey(after: ["a"], in: .log)?.entries.map(\.action) == ["task.cancel"])
    }

    @Test func contextBindingsComeBeforeGlobalOnes() {
        #expect(keymap.resolve(["enter"], in: .log) == .action("log.detail"))
        #expect(keymap.resolve(["enter"], in: .tree) == .action("open"))
        #expect(keymap.resolve(["h"], in: .details) == .action("help"))
        #expect(keymap.resolve(["q"], in: .details) == .action("quit"))
    }

    @Test func globalBindingsOnlyWhereTheActionApplies() {
        // `]` (next details tab) is global but means nothing in the log pane.
        #expect(keymap.resolve(["]"], in: .tree) == .action("details.next_tab"))
        #expect(keymap.resolve(["]"], in: .log) == .none)
    }

    @Test func hintBarFollowsTheSpec() {
        let hints = keymap.hints(for: .tree).map { "\($0.keys) \($0.label)" }
        #expect(hints == ["g h hosts", "g v VMs", "/ filter", ": command", "a actions", "? help", "q quit"])
        let log = keymap.hints(for: .log).map { "\($0.keys) \($0.label)" }
        #expect(log.first == "enter detail")
        #expect(log.contains("a actions"))
        #expect(keymap.hints(for: .popup).map { "\($0.keys) \($0.label)" } == ["y confirm", "q cancel"])
        #expect(keymap.hints(for: .command).map { "\($0.keys) \($0.label)" } == ["enter accept", "tab complete", "esc cancel"])
        #expect(!keymap.hints(for: .tree).map(\.label).contains("cancel"))
    }

    @Test func readOnlyHidesMutatingActionsEverywhere() {
        let readOnly = keymap.readOnly()
        #expect(readOnly.isReadOnly)
        #expect(readOnly.resolve(["a", "s"], in: .tree) == .none)
        #expect(readOnly.resolve(["a"], in: .tree) == .none)
        #expect(readOnly.whichKey(after: ["a"], in: .tree) == nil)
        #expect(readOnly.resolve(["g", "h"], in: .tree) == .action("goto.hosts"))
        #expect(!keymap.hints(for: .tree, readOnly: true).map(\.label).contains("actions"))
        #expect(!keymap.hints(for: .log, readOnly: true).map(\.label).contains("actions"))
        let helpActions = keymap.helpSections(readOnly: true).flatMap(\.entries).map(\.action)
        #expect(!helpActions.isEmpty)
        for id in helpActions { #expect(ActionTable.definition(id)?.mutating == false, "\(id)") }
        #expect(!keymap.helpSections(readOnly: true).map(\.group).contains(.vm))
        for id in readOnly.boundActions { #expect(ActionTable.definition(id)?.mutating == false, "\(id)") }
    }

    @Test func helpGroupsEveryBinding() throws {
        let sections = keymap.helpSections()
        #expect(sections.map(\.group) == ActionGroup.allCases)
        let views = try #require(sections.first { $0.group == .views })
        let hosts = try #require(views.entries.first { $0.action == "goto.hosts" })
        #expect(hosts.keys.map(\.description) == ["g h"])
        let navigation = try #require(sections.first { $0.group == .navigation })
        let down = try #require(navigation.entries.first { $0.action == "nav.down" })
        #expect(down.keys.map(\.description) == ["j", "down"])
        let vm = try #require(sections.first { $0.group == .vm })
        #expect(vm.entries.first { $0.action == "vm.destroy" }?.dangerous == true)
        #expect(vm.entries.first { $0.action == "vm.destroy" }?.keys.map(\.description) == ["a X"])
        let quit = try #require(sections.flatMap(\.entries).first { $0.action == "quit" })
        #expect(quit.keys.map(\.description) == ["q", "ctrl-c"])
    }
}
