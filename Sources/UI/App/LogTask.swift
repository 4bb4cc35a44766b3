import Foundation
import Inventory
import XAPI

/// A XAPI task as one line of the tasks & log pane, updated in place while it runs.
public struct LogTask: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        /// Pending (or being cancelled), with XAPI's progress from 0 to 1.
        case running(progress: Double)
        case succeeded
        /// The task's `error_info`: the code, then its parameters.
        case failed(code: String, params: [String])
        case cancelled
        /// The task disappeared while pending (destroyed by another client, or the pool was
        /// reloaded without it): how it ended is not known.
        case endedUnknown
    }

    /// The task's ref, unique within its pool.
    public var ref: String
    /// `VM.start` (XAPI's `Async.VM.start` without `Async.`).
    public var name: String
    /// What the task works on, when it could be resolved (see `TaskObjects`).
    public var object: TreeNodeID?
    /// The object's name, kept so that the line survives the object's removal.
    public var objectName: String
    public var outcome: Outcome
    /// The task's `created`, but never later than when the UI first saw it (the host's clock
    /// may run ahead of this one).
    public var started: Date
    /// The task's `finished`, between `started` and when the UI saw it end (when the task is
    /// gone: when the UI noticed).
    public var finished: Date?

    public var isRunning: Bool {
        if case .running = outcome { return true }
        return false
    }

    public var isFailure: Bool {
        if case .failed = outcome { return true }
        return false
    }

    /// `Async.VM.start` → `VM.start`.
    static func displayName(_ label: String) -> String {
        label.hasPrefix("Async.") ? String(label.dropFirst("Async.".count)) : label
    }

    static func outcome(of task: TaskRecord) -> Outcome {
        switch task.status {
        case .pending, .cancelling: return .running(progress: min(max(task.progress, 0), 1))
        case .success: return .succeeded
        case .cancelled: return .cancelled
        case .failure:
            return .failed(code: task.error_info.first ?? "UNKNOWN_ERROR", params: Array(task.error_info.dropFirst()))
        case .unknown(let status): return .failed(code: "UNKNOWN_STATUS", params: [status])
        }
    }

    static func date(_ time: XAPIDateTime) -> Date? {
        time == .epoch ? nil : Date(timeIntervalSince1970: TimeInterval(time.secondsSinceEpoch))
    }
}

/// The objects tasks are about, per pool: `other_config.applies_to` (set by the simulator and
/// by Xen Orchestra) first, then the VM or host whose `current_operations` holds the task's ref
/// (what xapi itself records for every operation on an object).
struct TaskObjects: Sendable {
    /// Task ref → the object whose `current_operations` names it, from VM and host records.
    private var operations: [String: TreeNodeID] = [:]

    /// Notes the operations of changed VMs and hosts (all of them after a reload).
    mutating func note(_ inventory: PoolInventory, pool: String, vms: some Sequence<Ref<VMRecord>>, hosts: some Sequence<Ref<HostRecord>>) {
        for ref in vms {
            guard let vm = inventory.vms[ref] else { continue }
            for task in vm.current_operations.keys { operations[task] = TreeNodeID(pool: pool, kind: .vm, ref: ref.rawValue) }
        }
        for ref in hosts {
            guard let host = inventory.hosts[ref] else { continue }
            for task in host.current_operations.keys { operations[task] = TreeNodeID(pool: pool, kind: .host, ref: ref.rawValue) }
        }
    }

    mutating func forget(_ task: String) { operations.removeValue(forKey: task) }

    /// The object and its name, or nil when nothing names it.
    func resolve(_ task: TaskRecord, ref: String, pool: String, in inventory: PoolInventory) -> (TreeNodeID, String)? {
        if let target = task.other_config["applies_to"], let found = Self.object(target, pool: pool, in: inventory) {
            return found
        }
        if let id = operations[ref], let name = Self.name(of: id, in: inventory) { return (id, name) }
        return nil
    }

    /// An object by ref among the classes the tree shows.
    static func object(_ ref: String, pool: String, in inventory: PoolInventory) -> (TreeNodeID, String)? {
        if inventory.pools[Ref(ref)] != nil {
            let id = TreeNodeID(pool: pool, kind: .pool)
            return name(of: id, in: inventory).map { (id, $0) }
        }
        for kind in [TreeNodeKind.vm, .host, .sr, .network] {
            let id = TreeNodeID(pool: pool, kind: kind, ref: ref)
            if let name = name(of: id, in: inventory) { return (id, name) }
        }
        return nil
    }

    static func name(of id: TreeNodeID, in inventory: PoolInventory) -> String? {
        switch id.kind {
        case .vm: inventory.vms[Ref(id.ref)]?.name_label
        case .host: inventory.hosts[Ref(id.ref)]?.name_label
        case .sr: inventory.srs[Ref(id.ref)]?.name_label
        case .network: inventory.networks[Ref(id.ref)]?.name_label
        case .pool: inventory.pools.records.values.first.map { $0.name_label.isEmpty ? inventory.name : $0.name_label } ?? inventory.name
        case .storageGroup, .networkGroup: nil
        }
    }

    /// The object an alert (`message`) is about, by class and uuid; a scan, but alerts are rare.
    static func object(ofAlert message: MessageRecord, pool: String, in inventory: PoolInventory) -> TreeNodeID? {
        guard !message.obj_uuid.isEmpty else { return nil }
        let uuid = message.obj_uuid
        switch message.cls.rawValue.lowercased() {
        case "vm":
            return inventory.vms.records.first { $0.value.uuid == uuid }.map { TreeNodeID(pool: pool, kind: .vm, ref: $0.key.rawValue) }
        case "host":
            return inventory.hosts.records.first { $0.value.uuid == uuid }.map { TreeNodeID(pool: pool, kind: .host, ref: $0.key.rawValue) }
        case "sr":
            return inventory.srs.records.first { $0.value.uuid == uuid }.map { TreeNodeID(pool: pool, kind: .sr, ref: $0.key.rawValue) }
        case "pool":
            return inventory.pools.records.first { $0.value.uuid == uuid }.map { _ in TreeNodeID(pool: pool, kind: .pool) }
        default: return nil
        }
    }
}
