import Foundation
import Inventory
import XAPI

/// One object an action is about to run on.
public struct ActionTargetObject: Hashable, Sendable {
    public var id: TreeNodeID
    public var name: String
    public var uuid: String
}

/// An object left out of a bulk action, and why (`db-old: start is not in its allowed_operations now`).
public struct SkippedTarget: Hashable, Sendable {
    public var name: String
    public var reason: String
}

/// A host the host picker offers (`start on`, `migrate`), with its free memory when known.
public struct HostChoice: Hashable, Sendable {
    public var ref: String
    public var name: String
    public var uuid: String
    public var freeMemory: Int64?
    /// Migrating there may fail: the host lacks CPU features of the VMs' hosts (`MigrationCPUCheck`).
    public var cpuWarning: String? = nil
}

/// An object action between its key and its requests: the targets that allow it, those
/// skipped, and what is still to ask (a host, a name, a confirmation).
public struct ActionFlow: Hashable, Sendable {
    public enum Stage: Hashable, Sendable {
        /// Choose a host of the targets' pool (`index` is the highlighted one).
        case pickHost(hosts: [HostChoice], index: Int)
        /// Type the new VM's name; with several targets it is a suffix added to each name.
        case name(LineEditor)
        /// `y` runs it, any other key cancels.
        case confirm
    }

    public var action: ObjectAction
    public var targets: [ActionTargetObject]
    public var skipped: [SkippedTarget]
    public var stage: Stage
    public var host: ActionHost?
    /// The name typed for snapshot and clone (a suffix with several targets).
    public var newName: String?

    /// Whether the name is a suffix added to each target's name.
    public var namesAreSuffixes: Bool { targets.count > 1 }

    /// Snapshot and clone names as XO and XenCenter suggest them: `web-01-snap-20261125-0312`.
    static func suggestedName(_ action: ObjectAction, for name: String, at time: Date) -> String {
        let word = action == .clone ? "clone" : "snap"
        return "\(name)-\(word)-\(stamp(time))"
    }

    /// `20261125-0312` in UTC, from XAPI's own date form (`20261125T03:12:45Z`).
    static func stamp(_ time: Date) -> String {
        let wire = XAPIDateTime(secondsSinceEpoch: Int64(time.timeIntervalSince1970.rounded(.down))).wireString
        let date = wire.prefix(8)
        let clock = wire.dropFirst(9).prefix(5).replacingOccurrences(of: ":", with: "")
        return "\(date)-\(clock)"
    }
}

/// A confirmed action's request, with the id its answer comes back with.
public struct QueuedAction: Hashable, Sendable {
    public var id: Int
    public var request: ActionRequest
}

/// `task.cancel` asked for on a task line.
public struct TaskCancelRequest: Hashable, Sendable {
    public var pool: String
    public var task: String
}
