import Testing
@testable import UI

/// Bad keymap files: every problem names the file and line, and the default keymap is used.
@Suite struct KeymapErrorTests {
    /// Loads `text` as the user keymap `broken` and returns its problems as `LINE: problem`.
    func problems(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("broken.toml", text)
        let result = KeymapLoader(userDirectory: folder.path).load("broken")
        #expect(result.keymap.name == "default", "falls back to default", sourceLocation: sourceLocation)
        #expect(result.keymap.resolve(["g", "h"], in: .tree) == .action("goto.hosts"), sourceLocation: sourceLocation)
        for problem in result.problems {
            #expect(problem.file == folder.path + "/broken.toml", sourceLocation: sourceLocation)
            #expect(problem.description.hasPrefix(folder.path + "/broken.toml:"), sourceLocation: sourceLocation)
        }
        return result.problems.map { "\($0.line.map(String.init) ?? "-"): \($0.problem)" }
    }

    @Test func syntaxError() throws {
        let found = try problems("""
            name = "broken"
            [global]
            "g h" = goto.hosts
            """)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("3: TOML syntax error") == true, "\(found)")
    }

    @Test func unknownTable() throws {
        let found = try problems("""
            [global]
            "q" = "quit"

            [trees]
            "j" = "nav.down"
            """)
        #expect(found == ["4: unknown table [trees] (did you mean [tree]?); the tables are [global], [tree], [details], [log], [popup], [filter], [command], [prefixes]"])
    }

    @Test func unknownActionWithSuggestion() throws {
        let found = try problems("""
            [tree]
            "j" = "nav.down"
            "a s" = "vm.strat"
            """)
        #expect(found == ["3: unknown action `vm.strat` (did you mean `vm.start`?)"])
    }

    @Test func badKeyName() throws {
        let found = try problems("""
            [global]
            "q" = "quit"
            "ctrl-shift-q" = "quit"
            """)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("3: unknown key name `ctrl-shift-q`") == true, "\(found)")
    }

    @Test func keyThatIsAlsoAPrefix() throws {
        let found = try problems("""
            [global]
            "g" = "nav.top"
            "g h" = "goto.hosts"
            """)
        #expect(found == ["3: \"g h\" can never be typed: \"g\" is bound on its own (line 2) in [global], so it cannot also start a longer sequence"])
    }

    @Test func sameSequenceTwice() throws {
        let found = try problems("""
            [global]
            "ctrl-d" = "nav.page_down"
            "C-d" = "quit"
            """)
        #expect(found.count == 1)
        #expect(found.first?.contains("same key sequence") == true, "\(found)")
        #expect(found.first?.hasPrefix("2: ") == true || found.first?.hasPrefix("3: ") == true, "\(found)")
    }

    @Test func wrongValueTypes() throws {
        let found = try problems("""
            name = 3
            [global]
            "q" = 42
            "j" = ["nav.down", 7]
            "k" = []
            """)
        #expect(Set(found) == [
            "1: `name` must be a string, found an integer",
            "3: expected an action id (a string such as \"goto.hosts\") or a list of them, found an integer",
            "4: a list of actions must hold action ids (strings), found an integer",
            "5: empty list of actions; write \"none\" to unbind the key",
        ], "\(found)")
    }

    @Test func actionInTheWrongContext() throws {
        let found = try problems("""
            [log]
            "a s" = "vm.start"
            [popup]
            "/" = "filter"
            """)
        #expect(Set(found) == [
            "2: action `vm.start` does not apply in [log]; bind it in [tree] or [details]",
            "4: action `filter` does not apply in [popup]; bind it in [tree] or [details] or [log]",
        ], "\(found)")
    }

    @Test func tableThatIsNotATable() throws {
        let found = try problems("""
            global = "q"
            colour = "red"
            """)
        #expect(Set(found) == [
            "1: `global` must be a table of bindings like [global], found a string",
            "2: unknown setting `colour`; bindings go in a table such as [global]",
        ], "\(found)")
    }

    @Test func unknownInheritsAndCycles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("a.toml", "inherits = \"b\"\n")
        try folder.write("b.toml", "inherits = \"a\"\n")
        try folder.write("c.toml", "inherits = \"vin\"\n")
        let loader = KeymapLoader(userDirectory: folder.path)
        let cycle = loader.load("a")
        #expect(cycle.keymap.name == "default")
        #expect(cycle.problems.map(\.problem) == ["keymaps inherit in a cycle: a → b → a"])
        let unknown = loader.load("c")
        #expect(unknown.problems.count == 1)
        #expect(unknown.problems.first?.problem.hasPrefix("no keymap named `vin` (did you mean `vim`?)") == true, "\(unknown.problems)")
        #expect(unknown.problems.first?.file == folder.path + "/c.toml")
        let missing = loader.load("nothing-like-it")
        #expect(missing.problems.count == 1)
        #expect(missing.keymap.name == "default")
    }

    @Test func problemsPrintAsFileLineProblem() {
        let problem = KeymapError(file: "/home/u/.config/xentui/keymaps/x.toml", line: 7, problem: "unknown action `foo`")
        #expect(problem.description == "/home/u/.config/xentui/keymaps/x.toml:7: unknown action `foo`")
        #expect(KeymapError(file: "f.toml", line: nil, problem: "p").description == "f.toml: p")
    }
}
