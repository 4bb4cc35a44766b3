import Foundation
import Inventory
import Testing
import XAPI
import XAPISim
@testable import UI

/// Typing a filter reuses earlier results (narrowing from the previous matches, and the history
/// for backspace); whatever the path, the rows must be those of the filter set afresh.
@Suite struct FilterTypingTests {
    /// The demo pools' records, as the UI sees them.
    static let demoPools: [PoolEntry] = SimDatabase.demoPools(seed: 1).enumerated().map { index, database in
        var inventory = PoolInventory(name: index == 0 ? "prod" : "lab")
        inventory.state = .live
        for (className, table) in database.tables {
            for (ref, record) in table {
                var decoder = XAPIValueDecoder(.structure(record))
                if let object = try? XAPIObject.decode(className: className, from: &decoder) {
                    inventory.upsert(object, ref: ref)
                }
            }
        }
        return PoolEntry(inventory: inventory)
    }

    func fresh(_ text: String, pools: [PoolEntry]) -> [TreeRow] {
        var state = AppState(pools: pools)
        state.setFilter(text)
        return state.rows
    }

    @Test(arguments: ["web-01", "power_state:running", "db-0 !halted", "tru", "name_label:db*"])
    func typedCharacterByCharacterThenErased(text: String) {
        let keymap = Keymap.builtInDefault
        var state = AppState(pools: Self.demoPools)
        state.press("/", keymap: keymap)
        var typed = ""
        for character in text {
            let key = character == " " ? "space" : String(character)
            state.press(key, keymap: keymap)
            typed.append(character)
            if state.filterError == nil {
                #expect(state.rows == fresh(typed, pools: Self.demoPools), "after typing \(typed)")
            }
        }
        while !typed.isEmpty {
            state.press("backspace", keymap: keymap)
            typed.removeLast()
            if state.filterError == nil {
                #expect(state.rows == fresh(typed, pools: Self.demoPools), "after erasing back to \(typed)")
            }
        }
    }

    /// A change to the pools makes earlier results stale: the history must not bring them back.
    @Test func earlierResultsAreForgottenWhenVMsChange() throws {
        let keymap = Keymap.builtInDefault
        var state = AppFixture.state()
        for key in ["/", "r", "u", "n"] { state.press(key, keymap: keymap) }
        let running = state.rows.filter { $0.id.kind == .vm }.count
        #expect(running > 0)
        state.press("backspace", keymap: keymap)
        state.press("backspace", keymap: keymap)
        state.press("backspace", keymap: keymap)
        // Every VM of lab halts, in place (the tree's shape stays).
        var lab = try #require(state.pool(named: "lab")).inventory
        var changed: Set<String> = []
        for (ref, vm) in lab.vms.records {
            var halted = vm
            halted.power_state = .halted
            halted.resident_on = vm.resident_on
            lab.vms.upsert(ref, halted)
            changed.insert(ref.rawValue)
        }
        state.apply(pool: "lab", kind: .events(["vm": changed]), inventory: lab, at: AppFixture.time)
        for key in ["r", "u", "n"] { state.press(key, keymap: keymap) }
        #expect(state.rows == fresh("run", pools: state.pools))
    }
}
