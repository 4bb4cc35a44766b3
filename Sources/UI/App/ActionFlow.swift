import Foundation
import Inventory

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

    /// `20261125-0312` in UTC.
    static func stamp(_ time: Date) -> String {
        let seconds = Int(time.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let minute = (seconds - days * 86_400) / 60
        let (year, month, day) = civil(fromDays: days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)\(two(month))\(two(day))-\(two(minute / 60))\(two(minute % 60))"
    }

    /// Days since 1970-01-01 → (year, month, day), Howard Hinnant's civil_from_days.
    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
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
