import Testing
@testable import UI

@MainActor @Suite("Scratch") struct ScratchDump {
    func dump(_ name: String, _ keys: [String], setup: (inout AppState) -> Void = { _ in }) {
        var state = AppFixture.state()
        setup(&state)
        let screen = AppFixture.screen(&state, keys: keys)
        print("=== \(name)")
        print(screen.joined(separator: "\n"))
    }
    @Test func all() {
        dump("gotoTab", [":", "g", "o", "t", "o", "space", "tab"])
        dump("gotoWebTab", [":", "g", "o", "t", "o", "space", "w", "e", "b", "tab"])
        dump("gotoWebEnter", [":", "g", "o", "t", "o", "space", "w", "e", "b", "tab", "1", "enter"])
        dump("nonsense", [":", "n", "o", "n", "s", "e", "n", "s", "e", "enter", ":", "v", "m", "space", "s", "t", "a", "r", "t", "enter"])
        dump("jump", ["ctrl-p", "w", "b"])
        dump("jumpEnter", ["ctrl-p", "w", "b", "down", "enter"])
        dump("haltedN", ["/"] + "power_state:halted".map(String.init) + ["enter", "n"])
        dump("hostsFiltered", ["g", "h", "/"] + "host".map(String.init))
        dump("syntaxError", ["/"] + "power_state:halted (".map(String.init))
    }
}
