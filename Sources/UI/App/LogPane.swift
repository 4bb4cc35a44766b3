import Foundation
import Inventory
import XAPI

/// A task's identity across pools.
struct TaskKey: Hashable, Sendable {
    var pool: String
    var ref: String
}

/// The tasks & log pane's content: entries in arrival order (nothing is ever removed), with
/// the entries of XAPI tasks indexed by (pool, task ref) so that a progress event updates its
/// line in place in O(1); and what the tree's badges need (running tasks and unread errors per
/// object).
public struct LogPane: Sendable {
    public private(set) var entries: [LogPaneEntry] = []
    private var taskIndex: [TaskKey: Int] = [:]
    /// Tasks still running, to end them when their pool reloads without them.
    private var running: [String: Set<String>] = [:]
    private var objects: [String: TaskObjects] = [:]
    private var tasksByObject: [TreeNodeID: [Int]] = [:]
    private var tasksByPool: [String: [Int]] = [:]
    /// Pending tasks per object they concern (the tree's ⟳ badge).
    public private(set) var runningTasks: [TreeNodeID: Int] = [:]
    /// Failed tasks and error alerts per object that the user has not looked at since: selecting
    /// the object clears them (`markRead`); an error about the selected object is read at once.
    public private(set) var unreadErrors: [TreeNodeID: Int] = [:]

    /// Entries for the persistent log not yet handed to its writer (`takeUnsaved`): every
    /// appended entry, and a task's start and its end, not its progress. Kept only while
    /// `recordsUnsaved` is set, so a UI without a log file does not accumulate them.
    private(set) var unsaved: [LogPaneEntry] = []
    var recordsUnsaved = false

    public init() {}

    /// Hands the entries written since the last call to the caller (the log writer).
    mutating func takeUnsaved() -> [LogPaneEntry] {
        defer { unsaved = [] }
        return unsaved
    }

    private mutating func keepUnsaved(_ entry: LogPaneEntry) {
        if recordsUnsaved, entry.provenance == .thisRun { unsaved.append(entry) }
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
    public var hasRunningTasks: Bool { running.values.contains { !$0.isEmpty } }

    /// The entry of a task, if the pane has one.
    public func task(pool: String, ref: String) -> LogPaneEntry? {
        taskIndex[TaskKey(pool: pool, ref: ref)].map { entries[$0] }
    }

    /// The task entries concerning an object (a pool's node: every task of the pool), oldest first.
    public func tasks(concerning id: TreeNodeID) -> [LogPaneEntry] {
        let indexes = id.kind == .pool ? tasksByPool[id.pool] ?? [] : tasksByObject[id] ?? []
        return indexes.map { entries[$0] }
    }

    mutating func append(_ entry: LogPaneEntry) {
        entries.append(entry)
        keepUnsaved(entry)
    }

    /// A user's action line becomes its task's line once the task's ref is known, so that
    /// the event stream updates it in place; false when the task has a line of its own already.
    mutating func adoptTask(at index: Int, ref: String) -> Bool {
        guard entries.indices.contains(index), var task = entries[index].task else { return false }
        let key = TaskKey(pool: entries[index].pool, ref: ref)
        guard taskIndex[key] == nil else { return false }
        task.ref = ref
        entries[index].task = task
        taskIndex[key] = index
        tasksByPool[key.pool, default: []].append(index)
        if let id = task.object { tasksByObject[id, default: []].append(index) }
        count(task, +1)
        running[key.pool, default: []].insert(ref)
        return true
    }

    /// Rewrites a line that is not (yet) a tracked task's, e.g. an action that failed to start.
    /// An action's line changed (its call failed before any task): the new line is written to
    /// the log file too.
    mutating func replace(at index: Int, with entry: LogPaneEntry) {
        guard entries.indices.contains(index) else { return }
        entries[index] = entry
        keepUnsaved(entry)
    }

    mutating func markRead(_ id: TreeNodeID) {
        unreadErrors.removeValue(forKey: id)
    }

    /// An alert (`message`) that is an error (priority 1-2) counts as unread on its object.
    mutating func noteAlert(_ message: MessageRecord, pool: String, in inventory: PoolInventory, selected: TreeNodeID?) {
        guard message.priority <= 2, let id = TaskObjects.object(ofAlert: message, pool: pool, in: inventory), id != selected else { return }
        unreadErrors[id, default: 0] += 1
    }

    /// Follows a pool's tasks after a change: `changed` holds the refs of changed VMs, hosts and
    /// tasks by lowercase class, or is nil after a (re)load, when every task is looked at and
    /// running tasks the pool no longer has end as unknown. Returns how many entries were added.
    @discardableResult
    mutating func track(pool: String, inventory: PoolInventory, changed: [String: Set<String>]?, at time: Date, selected: TreeNodeID?) -> Int {
        let before = entries.count
        var taskObjects = objects[pool] ?? TaskObjects()
        if let changed {
            taskObjects.note(inventory, pool: pool, vms: (changed["vm"] ?? []).map { Ref<VMRecord>($0) },
                             hosts: (changed["host"] ?? []).map { Ref<HostRecord>($0) })
        } else {
            taskObjects = TaskObjects()
            taskObjects.note(inventory, pool: pool, vms: inventory.vms.refs, hosts: inventory.hosts.refs)
        }
        objects[pool] = taskObjects
        if let changed {
            let refs = (changed["task"] ?? []).map { (ref: $0, created: inventory.tasks[Ref($0)]?.created ?? .epoch) }
            for (ref, _) in refs.sorted(by: { ($0.created, $0.ref) < ($1.created, $1.ref) }) {
                update(ref, inventory.tasks[Ref(ref)], pool: pool, inventory: inventory, at: time, selected: selected)
            }
        } else {
            let tasks = inventory.tasks.records.sorted { ($0.value.created, $0.key.rawValue) < ($1.value.created, $1.key.rawValue) }
            for (ref, task) in tasks {
                update(ref.rawValue, task, pool: pool, inventory: inventory, at: time, selected: selected)
            }
            for ref in (running[pool] ?? []).sorted() where inventory.tasks[Ref(ref)] == nil {
                update(ref, nil, pool: pool, inventory: inventory, at: time, selected: selected)
            }
        }
        return entries.count - before
    }

    /// One task's new record (nil: it is gone).
    private mutating func update(_ ref: String, _ record: TaskRecord?, pool: String, inventory: PoolInventory, at time: Date,
                                 selected: TreeNodeID?) {
        let key = TaskKey(pool: pool, ref: ref)
        guard let index = taskIndex[key], var task = entries[index].task else {
            guard let record, record.subtask_of.isNull else { return }  // a subtask shows through its parent
            add(key, record, inventory: inventory, at: time, selected: selected)
            return
        }
        let old = task
        if let record {
            if task.object == nil, let (id, name) = objects[pool]?.resolve(record, ref: ref, pool: pool, in: inventory) {
                task.object = id
                task.objectName = name
            }
            if task.isRunning { task.outcome = Self.outcome(of: record, pool: pool, in: inventory) }
        } else {
            objects[pool]?.forget(ref)
            if task.isRunning { task.outcome = .endedUnknown }
        }
        if !task.isRunning, task.finished == nil { task.finished = Self.finished(record, started: task.started, seen: time) }
        guard task != old else { return }
        count(old, -1)
        count(task, +1)
        if task.isFailure, !old.isFailure, let id = task.object, id != selected { unreadErrors[id, default: 0] += 1 }
        if !task.isRunning { running[pool]?.remove(ref) }
        if task.object != old.object, let id = task.object { tasksByObject[id, default: []].append(index) }
        entries[index] = Self.entry(task, pool: pool, inventory: inventory)
        if !task.isRunning, old.isRunning { keepUnsaved(entries[index]) }
    }

    private mutating func add(_ key: TaskKey, _ record: TaskRecord, inventory: PoolInventory, at time: Date, selected: TreeNodeID?) {
        let resolved = objects[key.pool]?.resolve(record, ref: key.ref, pool: key.pool, in: inventory)
        let outcome = Self.outcome(of: record, pool: key.pool, in: inventory)
        // The host's `created` and `finished` (whole seconds, on the host's clock), kept
        // between the start and the moment the UI saw them, so that a skewed clock cannot
        // make a duration negative or a start lie in the future.
        let started = min(LogTask.date(record.created) ?? time, time)
        var task = LogTask(ref: key.ref, name: LogTask.displayName(record.name_label), object: resolved?.0,
                           objectName: resolved?.1 ?? "", outcome: outcome, started: started, finished: nil)
        if !task.isRunning { task.finished = Self.finished(record, started: started, seen: time) }
        let index = entries.count
        entries.append(Self.entry(task, pool: key.pool, inventory: inventory))
        keepUnsaved(entries[index])
        taskIndex[key] = index
        tasksByPool[key.pool, default: []].append(index)
        if let id = task.object { tasksByObject[id, default: []].append(index) }
        count(task, +1)
        if task.isRunning { running[key.pool, default: []].insert(key.ref) }
        if task.isFailure, let id = task.object, id != selected { unreadErrors[id, default: 0] += 1 }
    }

    /// A task's line with what its detail view and the persistent log need: the object by
    /// class, uuid and name, and the `xe` command of the call on that object.
    static func entry(_ task: LogTask, pool: String, inventory: PoolInventory) -> LogPaneEntry {
        var entry = LogPaneEntry(task: task, pool: pool)
        guard let id = task.object else { return entry }
        let uuid = TaskObjects.uuid(of: id, in: inventory)
        entry.object = LogObject(className: id.kind.xapiClassName, uuid: uuid, name: task.objectName)
        if id.kind != .pool {
            entry.xe = XeCommand.line(call: task.name, params: [.string(id.ref)]) { ref in
                ref == id.ref ? uuid : nil
            }
        }
        return entry
    }

    static func finished(_ record: TaskRecord?, started: Date, seen: Date) -> Date {
        guard let record, let finished = LogTask.date(record.finished) else { return seen }
        return max(started, min(finished, seen))
    }

    /// The task's outcome, with the refs in its error parameters replaced by the objects' names.
    static func outcome(of record: TaskRecord, pool: String, in inventory: PoolInventory) -> LogTask.Outcome {
        let outcome = LogTask.outcome(of: record)
        guard case .failed(let code, let params) = outcome else { return outcome }
        let named = params.map { param in
            param.hasPrefix("OpaqueRef:") ? TaskObjects.object(param, pool: pool, in: inventory)?.1 ?? param : param
        }
        return .failed(code: code, params: named)
    }

    private mutating func count(_ task: LogTask, _ delta: Int) {
        guard task.isRunning, let id = task.object else { return }
        let value = (runningTasks[id] ?? 0) + delta
        runningTasks[id] = value > 0 ? value : nil
    }
}
