import Foundation
import Inventory

/// `:vm ACTION [NAME…] [--force]`: the `a` menu's VM actions from the command line. Without
/// names it acts on the marked VMs or the selection; the same checks and confirmation apply.
/// `--force` leaves `allowed_operations` to XAPI (its refusal is then logged as an error).
extension AppState {
    /// Every shown VM's name in every pool, for completion.
    var vmNames: [String] {
        pools.flatMap { entry in entry.inventory.vms.records.values.filter(InventoryTree.isShown).map(\.name_label) }
    }

    mutating func runVM(_ argument: String, at time: Date) {
        var words = argument.split(separator: " ").map(String.init)
        let actions = ObjectActionIDs.vmCommandNames.joined(separator: ", ")
        guard let word = words.first else { return logError(":vm needs an action: \(actions)", at: time) }
        guard let action = ObjectActionIDs.vmAction(named: word) else {
            let hint = Suggestion.nearest(to: word, among: ObjectActionIDs.vmCommandNames).map { " (did you mean \($0)?)" } ?? ""
            return logError(":vm: unknown action \(word)\(hint); the actions are \(actions)", at: time)
        }
        words.removeFirst()
        let force = words.contains("--force")
        words.removeAll { $0 == "--force" }
        var targets: [TreeNodeID] = []
        if words.isEmpty {
            targets = candidateTargets(for: action)
            guard !targets.isEmpty else { return logError(":vm \(word): name a VM (tab completes), mark some, or select one", at: time) }
        } else {
            let whole = ObjectLookup.find(words.joined(separator: " "), in: pools).filter { $0.kind == .vm }
            if !whole.isEmpty {
                targets = whole
            } else {
                for name in words {
                    let found = ObjectLookup.find(name, in: pools).filter { $0.kind == .vm }
                    guard !found.isEmpty else {
                        let hint = Suggestion.nearest(to: name, among: vmNames).map { " (did you mean \($0)?)" } ?? ""
                        return logError(":vm \(word): no VM named \(name) in any pool\(hint)", at: time)
                    }
                    targets += found.filter { !targets.contains($0) }
                }
            }
        }
        if let refusal = readOnlyRefusal(targets) {
            return appendLog(LogPaneEntry(time: time, level: .error, kind: .error, pool: targets.first?.pool ?? "",
                                          text: ":vm \(word) refused: \(refusal)"))
        }
        beginAction(action, targets: targets, force: force, at: time)
    }

    /// Why nothing may change on any of `targets`, when that is so.
    func readOnlyRefusal(_ targets: [TreeNodeID]) -> String? {
        if readOnly { return "xentui runs read-only (--read-only), nothing that changes a pool runs" }
        let pools = Set(targets.map(\.pool))
        guard !pools.isEmpty, pools.allSatisfy(readOnlyPools.contains) else { return nil }
        let names = pools.sorted().joined(separator: ", ")
        return "pool \(names) is read-only (read_only = true in the config), nothing that changes it runs"
    }
}
