import Testing
@testable import UI

/// Built-in keymaps, and user keymaps merged over them or inheriting from them.
@Suite struct KeymapLoaderTests {
    @Test func everyBuiltInLoadsWithoutProblems() {
        let loader = KeymapLoader(userDirectory: nil)
        #expect(loader.builtInNames == ["default", "emacs", "vim"])
        for name in loader.builtInNames {
            let result = loader.load(name)
            #expect(result.problems.isEmpty, "\(name): \(result.problems)")
            #expect(result.keymap.name == name)
        }
    }

    @Test func everyBuiltInBindingNamesARealActionThatApplies() {
        for (name, text) in BuiltInFiles.keymaps {
            let parsed = KeymapFile.parse(text, path: name)
            #expect(parsed.problems.isEmpty, "\(name): \(parsed.problems)")
            for (context, bindings) in parsed.file?.bindings ?? [:] {
                for case .actions(let ids) in bindings.values {
                    for id in ids { #expect(ActionTable.definition(id)?.applies(in: context) == true, "\(name) [\(context)] \(id)") }
                }
            }
        }
    }

    @Test func vimAddsVimKeysAndKeepsTheDefaultOnes() {
        let vim = KeymapLoader(userDirectory: nil).load("vim").keymap
        #expect(vim.resolve(["ctrl-f"], in: .tree) == .action("nav.page_down"))
        #expect(vim.resolve(["ctrl-b"], in: .tree) == .action("nav.page_up"))
        #expect(vim.resolve(["g", "g"], in: .tree) == .action("nav.top"))
        #expect(vim.resolve(["G"], in: .tree) == .action("nav.bottom"))
        #expect(vim.resolve(["/"], in: .tree) == .action("filter"))
        #expect(vim.resolve(["n"], in: .tree) == .action("search.next"))
        #expect(vim.resolve(["Z", "Z"], in: .tree) == .action("quit"))
        #expect(vim.resolve(["ctrl-w", "w"], in: .details) == .action("pane.next"))
        #expect(vim.resolve(["g", "h"], in: .tree) == .action("goto.hosts"))
    }

    @Test func emacsMovesJumpOffCtrlP() {
        let emacs = KeymapLoader(userDirectory: nil).load("emacs").keymap
        #expect(emacs.resolve(["ctrl-n"], in: .tree) == .action("nav.down"))
        #expect(emacs.resolve(["ctrl-p"], in: .tree) == .action("nav.up"))
        #expect(emacs.resolve(["ctrl-v"], in: .tree) == .action("nav.page_down"))
        #expect(emacs.resolve(["alt-v"], in: .tree) == .action("nav.page_up"))
        #expect(emacs.resolve(["alt-<"], in: .tree) == .action("nav.top"))
        #expect(emacs.resolve(["alt->"], in: .tree) == .action("nav.bottom"))
        #expect(emacs.resolve(["ctrl-s"], in: .tree) == .action("filter"))
        #expect(emacs.resolve(["ctrl-g"], in: .tree) == .action("back"))
        #expect(emacs.resolve(["ctrl-g"], in: .filter) == .action("back"))
        #expect(emacs.resolve(["ctrl-x", "b"], in: .tree) == .action("jump"))
        #expect(emacs.resolve(["alt-x"], in: .tree) == .action("command"))
        #expect(emacs.resolve(["ctrl-x", "ctrl-c"], in: .tree) == .action("quit"))
        let jumpKeys = emacs.sequences(for: "jump", in: .tree).map(\.description)
        #expect(jumpKeys == ["ctrl-x b"])
    }

    @Test func userFileNamedLikeABuiltInIsMergedOverIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("default.toml", """
            [global]
            "Q" = "quit"
            "q" = "none"
            "g h" = "goto.vms"
            [tree]
            "x" = ""
            """)
        let result = KeymapLoader(userDirectory: folder.path).load("default")
        #expect(result.problems.isEmpty, "\(result.problems)")
        let keymap = result.keymap
        #expect(keymap.resolve(["Q"], in: .tree) == .action("quit"))
        #expect(keymap.resolve(["q"], in: .tree) == .none)
        #expect(keymap.resolve(["ctrl-c"], in: .tree) == .action("quit"))
        #expect(keymap.resolve(["g", "h"], in: .tree) == .action("goto.vms"))
        #expect(keymap.resolve(["g", "v"], in: .tree) == .action("goto.vms"))
        #expect(keymap.resolve(["x"], in: .tree) == .none)
        #expect(keymap.resolve(["space"], in: .tree) == .action("mark"))
        #expect(keymap.resolve(["x"], in: .details) == .action("mark"))
        #expect(keymap.hints(for: .tree).last.map { "\($0.keys) \($0.label)" } == "Q quit")
    }

    @Test func aKeyInTheUserFileReplacesAPrefixOfTheBuiltIn() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("default.toml", """
            [tree]
            "g" = "nav.top"
            """)
        let keymap = KeymapLoader(userDirectory: folder.path).load("default").keymap
        #expect(keymap.resolve(["g"], in: .tree) == .action("nav.top"))
        #expect(keymap.resolve(["g", "h"], in: .tree) == .none)
        #expect(keymap.resolve(["g", "h"], in: .details) == .action("goto.hosts"))
    }

    @Test func newUserKeymapInheritsAndChains() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("mine.toml", """
            name = "mine"
            inherits = "vim"
            [global]
            "ctrl-f" = "jump"
            """)
        try folder.write("ours.toml", """
            inherits = "mine"
            [prefixes]
            "g" = "goto"
            """)
        let loader = KeymapLoader(userDirectory: folder.path)
        #expect(loader.userNames == ["mine", "ours"])
        let result = loader.load("ours")
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.keymap.name == "ours")
        #expect(result.keymap.resolve(["ctrl-f"], in: .tree) == .action("jump"))
        #expect(result.keymap.resolve(["Z", "Z"], in: .tree) == .action("quit"))
        #expect(result.keymap.resolve(["g", "h"], in: .tree) == .action("goto.hosts"))
        #expect(result.keymap.whichKey(after: ["g"], in: .tree)?.title == "goto")
    }

    @Test func aStandaloneUserKeymapHasOnlyItsOwnKeys() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("tiny.toml", """
            [global]
            "q" = "quit"
            """)
        let keymap = KeymapLoader(userDirectory: folder.path).load("tiny").keymap
        #expect(keymap.resolve(["q"], in: .log) == .action("quit"))
        #expect(keymap.resolve(["g", "h"], in: .tree) == .none)
    }
}
