import Foundation
import Testing
@testable import UI

/// XAPI tasks in the tasks & log pane and as tree badges, driven through a simulated pool.
@MainActor @Suite("Golden screens: live tasks")
struct LiveTaskScreenTests {
    static func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    @Test func dump() throws {
        var state = AppFixture.state()
        let sim = try SimTaskDriver()
        try sim.sync(into: &state)
        _ = try sim.start("clean_shutdown", vm: "OpaqueRef:web-01")
        _ = try sim.start("start", vm: "OpaqueRef:web-02", [.bool(false), .bool(false)])
        sim.advance(4)
        try sim.sync(into: &state)
        print(AppFixture.screen(&state).joined(separator: "\n"))
        print(state.log)
    }
}
