import Testing
@testable import UI

/// The built-in `default` keymap is PRODUCT.md §3's table.
@Suite struct KeymapDefaultTests {
    let keymap: Keymap

    init() {
        let result = KeymapLoader(userDirectory: nil).load("default")
        #expect(result.problems.isEmpty, "\(result.problems)")
        keymap = result.keymap
    }

    func resolves(_ keys: String, _ action: ActionID, in context: KeyContext = .tree, sourceLocation: SourceLocation = #_sourceLocation) {
        let names = keys.split(separator: " ").map(String.init)
        #expect(keymap.resolve(names, in: context) == .action(action), "\(keys) in \(context)", sourceLocation: sourceLocation)
    }

    @Test func goToKeysOfXenOrchestra() {
        resolves("g h", "goto.hosts")
        resolves("g p", "goto.pools")
        resolves("g v", "goto.vms")
        resolves("g s", "goto.srs")
        resolves("g n", "goto.networks")
        resolves("g t", "log.focus")
    }

    @Test func movement() {
        resolves("g g", "nav.top")
        resolves("G", "nav.bottom")
        resolves("j", "nav.down")
        resolves("down", "nav.down")
        resolves("k", "nav.up")
        resolves("up", "nav.up")
        resolves("ctrl-d", "nav.page_down")
        resolves("pgdn", "nav.page_down")
        resolves("ctrl-u", "nav.page_up")
        resolves("pgup", "nav.page_up")
    }

    @Test func treeAndPanes() {
        resolves("h", "tree.fold")
        resolves("left", "tree.fold")
        resolves("l", "tree.unfold")
        resolves("right", "tree.unfold")
        resolves("enter", "open")
        resolves("enter", "log.detail", in: .log)
        resolves("tab", "pane.next")
        resolves("shift-tab", "pane.previous")
        resolves("esc", "back")
    }

    @Test func searchCommandsAndApplication() {
        resolves("/", "filter")
        resolves("n", "search.next")
        resolves("N", "search.previous")
        resolves("ctrl-p", "jump")
        resolves(":", "command")
        resolves("x", "mark")
        resolves("space", "mark")
        resolves("?", "help")
        resolves("q", "quit")
        resolves("ctrl-c", "quit")
    }

    @Test func helpAlsoOnHWhereItIsFree() {
        resolves("h", "help", in: .details)
        resolves("h", "help", in: .log)
        resolves("h", "tree.fold", in: .tree)
    }

    @Test func actionsMenuLetters() {
        for context in [KeyContext.tree, .details] {
            resolves("a s", "vm.start", in: context)
            resolves("a d", "vm.shutdown", in: context)
            resolves("a D", "vm.hard_shutdown", in: context)
            resolves("a r", "vm.reboot", in: context)
            resolves("a R", "vm.hard_reboot", in: context)
            resolves("a p", "vm.pause", in: context)
            resolves("a z", "vm.suspend", in: context)
            resolves("a m", "vm.migrate", in: context)
            resolves("a n", "vm.snapshot", in: context)
            resolves("a c", "vm.clone", in: context)
            resolves("a X", "vm.destroy", in: context)
        }
    }

    @Test func toggleLettersPickWhatTheVMAllows() {
        let paused: (ActionID) -> Bool = { ["vm.unpause", "vm.hard_shutdown", "vm.hard_reboot"].contains($0) }
        #expect(keymap.resolve(["a", "p"], in: .tree, isAvailable: paused) == .action("vm.unpause"))
        let suspended: (ActionID) -> Bool = { $0 == "vm.resume" }
        #expect(keymap.resolve(["a", "z"], in: .tree, isAvailable: suspended) == .action("vm.resume"))
        #expect(keymap.resolve(["a", "s"], in: .tree, isAvailable: suspended) == .unavailable(["vm.start", "sr.scan"]))
        let sr: (ActionID) -> Bool = { $0 == "sr.scan" }
        #expect(keymap.resolve(["a", "s"], in: .tree, isAvailable: sr) == .action("sr.scan"))
    }

    @Test func inputAndPopupContextsDoNotSeeGlobalKeys() {
        #expect(keymap.resolve(["q"], in: .filter) == .none)
        #expect(keymap.resolve(["j"], in: .command) == .none)
        #expect(keymap.resolve(["enter"], in: .filter) == .action("input.accept"))
        #expect(keymap.resolve(["tab"], in: .command) == .action("input.complete"))
        #expect(keymap.resolve(["esc"], in: .command) == .action("back"))
        #expect(keymap.resolve(["y"], in: .popup) == .action("confirm"))
        #expect(keymap.resolve(["q"], in: .popup) == .action("back"))
        #expect(keymap.resolve(["g", "h"], in: .popup) == .none)
    }

    @Test func everyActionIsReachable() {
        let unbound = ActionTable.all.map(\.id).filter { !keymap.boundActions.contains($0) }
        #expect(unbound.isEmpty, "not bound in default: \(unbound)")
    }

    @Test func unknownKeysAndSequencesResolveToNone() {
        #expect(keymap.resolve(["g", "z"], in: .tree) == .none)
        #expect(keymap.resolve(["F"], in: .tree) == .none)
        #expect(keymap.resolve(["not-a-key"], in: .tree) == .none)
        #expect(keymap.resolve([], in: .tree) == .none)
    }

    @Test func aliasesAreAcceptedWhenResolving() {
        #expect(keymap.resolve(["C-d"], in: .tree) == .action("nav.page_down"))
        #expect(keymap.resolve(["<Esc>"], in: .tree) == .action("back"))
    }
}
