import Foundation
import Inventory

/// Marks for bulk actions (`x`/`space`, XO and k9s): VMs only; with marks, VM actions apply
/// to every marked VM that allows them; `esc` or `u` clears them.
extension AppState {
    /// The marked VMs in pool order, then by name.
    var markedInOrder: [TreeNodeID] {
        marks.sorted { a, b in
            if a.pool != b.pool { return (pools.firstIndex { $0.name == a.pool } ?? 0) < (pools.firstIndex { $0.name == b.pool } ?? 0) }
            let (nameA, nameB) = (objectName(a), objectName(b))
            return nameA != nameB ? nameA.localizedStandardCompare(nameB) == .orderedAscending : a.ref < b.ref
        }
    }

    public func isMarked(_ id: TreeNodeID) -> Bool { marks.contains(id) }

    mutating func toggleMark(at time: Date) {
        guard let row = selectedRow else { return }
        guard row.id.kind == .vm else {
            return appendLog(LogPaneEntry(time: time, level: .warning, kind: .action, pool: row.id.pool,
                                          text: "marks are for VMs: \(row.name) is not one"))
        }
        if marks.remove(row.id) == nil { marks.insert(row.id) }
    }

    /// `*`: marks every VM the active filter matches (added to the marks already there).
    mutating func markFilterMatches(at time: Date) {
        guard filter != nil, let filterMatches else {
            return appendLog(LogPaneEntry(time: time, level: .warning, kind: .action, pool: "",
                                          text: "no filter to mark the matches of: / filters, then * marks every VM it matches"))
        }
        var added = 0
        for entry in pools {
            for ref in filterMatches[entry.name]?.vms ?? [] {
                if marks.insert(TreeNodeID(pool: entry.name, kind: .vm, ref: ref.rawValue)).inserted { added += 1 }
            }
        }
        appendLog(LogPaneEntry(time: time, level: .info, kind: .action, pool: "",
                               text: "marked \(Plural.count(added, "VM")) matching \(filterText) (\(marks.count) marked)"))
    }
}
