import Foundation
import Inventory
import XAPI

/// Object actions (`a s`, `:vm start`): the targets (the marked VMs, else the selection), the
/// checks (`allowed_operations`, read-only), the host picker, the name prompt and the
/// confirmation, then one `QueuedAction` per target for the controller's performer. The state
/// stays a pure value: nothing here talks to a pool.
extension AppState {
    /// Whether the pool's objects may be changed (`--read-only`, or `read_only = true` for it).
    public func isReadOnly(pool: String) -> Bool { readOnly || readOnlyPools.contains(pool) }

    /// Whether the action's key is offered: some target allows it now.
    func isObjectActionAvailable(_ id: ActionID) -> Bool {
        guard let action = ObjectActionIDs.action(id) else { return false }
        return candidateTargets(for: action).contains { refusal(action, on: $0, force: false) == nil }
    }

    /// The marked VMs for a VM action when there are marks, else the selection when it is of
    /// the action's class.
    func candidateTargets(for action: ObjectAction) -> [TreeNodeID] {
        if action.targetClass == .vm, !marks.isEmpty { return markedInOrder }
        guard let row = selectedRow, row.id.kind == Self.kind(of: action.targetClass) else { return [] }
        return [row.id]
    }

    static func kind(of targetClass: ActionTargetClass) -> TreeNodeKind {
        switch targetClass {
        case .vm: .vm
        case .host: .host
        case .sr: .sr
        }
    }

    /// Why `action` cannot run on `id` now, or nil. `force` leaves `allowed_operations` to XAPI
    /// (`:vm … --force`), never read-only mode.
    func refusal(_ action: ObjectAction, on id: TreeNodeID, force: Bool) -> String? {
        guard let inventory = pool(named: id.pool)?.inventory else { return "its pool \(id.pool) is not connected" }
        let operations: [String]
        // The core's refusal decides; the popup and the log say it in a few words.
        var why = "\(action.allowedOperation ?? action.label) is not allowed on it now"
        switch id.kind {
        case .vm:
            guard let vm = inventory.vms[Ref(id.ref)] else { return "it no longer exists" }
            operations = vm.allowed_operations.map(\.rawValue)
            why = vm.current_operations.isEmpty
                ? "not allowed while \(Glyphs.powerName(vm.power_state).lowercased())"
                : "busy with \(vm.current_operations.values.map(\.rawValue).sorted().joined(separator: ", "))"

        case .host:
            guard let host = inventory.hosts[Ref(id.ref)] else { return "it no longer exists" }
            if action == .hostDisable, !host.enabled, !force { return "it is already disabled" }
            if action == .hostEnable, host.enabled, !force { return "it is already enabled" }
            operations = host.allowed_operations.map(\.rawValue)
        case .sr:
            guard let sr = inventory.srs[Ref(id.ref)] else { return "it no longer exists" }
            operations = sr.allowed_operations.map(\.rawValue)
        default:
            return "\(action.label) works on a \(action.targetClass.rawValue)"
        }
        if isReadOnly(pool: id.pool) { return readOnly ? "read-only mode" : "pool \(id.pool) is read-only" }
        if force { return nil }
        return ActionRequest.refusal(action, target: operations, readOnly: false).map { _ in why }
    }

    func objectName(_ id: TreeNodeID) -> String {
        pool(named: id.pool).flatMap { TaskObjects.name(of: id, in: $0.inventory) } ?? id.ref
    }

    func objectUUID(_ id: TreeNodeID) -> String {
        guard let inventory = pool(named: id.pool)?.inventory else { return "" }
        switch id.kind {
        case .vm: return inventory.vms[Ref(id.ref)]?.uuid ?? ""
        case .host: return inventory.hosts[Ref(id.ref)]?.uuid ?? ""
        case .sr: return inventory.srs[Ref(id.ref)]?.uuid ?? ""
        default: return ""
        }
    }

    // MARK: Setting an action up

    /// Starts `action` on `explicitTargets` (`:vm`), else on the marked VMs or the selection:
    /// targets that refuse it are skipped (said in the confirmation and the log), then the
    /// host picker, name prompt or confirmation opens as the action needs, or it is queued.
    mutating func beginAction(_ action: ObjectAction, targets explicitTargets: [TreeNodeID]? = nil, force: Bool = false, at time: Date) {
        pending.reset()
        let ids = explicitTargets ?? candidateTargets(for: action)
        guard !ids.isEmpty else {
            return logError("\(action.label): select a \(action.targetClass.rawValue) first (or mark VMs with x)", at: time)
        }
        var targets: [ActionTargetObject] = []
        var skipped: [SkippedTarget] = []
        for id in ids {
            let name = objectName(id)
            if let reason = refusal(action, on: id, force: force) {
                skipped.append(SkippedTarget(name: name, reason: reason))
            } else {
                targets.append(ActionTargetObject(id: id, name: name, uuid: objectUUID(id)))
            }
        }
        if action.needsHost, let pool = targets.first?.id.pool {
            for target in targets where target.id.pool != pool {
                skipped.append(SkippedTarget(name: target.name, reason: "it is in pool \(target.id.pool), the host is chosen in \(pool)"))
            }
            targets.removeAll { $0.id.pool != pool }
        }
        guard !targets.isEmpty else {
            let reasons = skipped.map { "\($0.name): \($0.reason)" }.joined(separator: "; ")
            return logError("cannot \(action.label) \(reasons)", at: time)
        }
        var flow = ActionFlow(action: action, targets: targets, skipped: skipped, stage: .confirm, host: nil, newName: nil)
        if action.needsHost {
            let hosts = hostChoices(for: action, targets: targets)
            guard !hosts.isEmpty else {
                return logError("\(action.label): no other enabled host in pool \(targets[0].id.pool)", at: time)
            }
            flow.stage = .pickHost(hosts: hosts, index: 0)
        } else if action.needsName {
            let name = flow.namesAreSuffixes
                ? String(ActionFlow.suggestedName(action, for: "", at: time))
                : ActionFlow.suggestedName(action, for: targets[0].name, at: time)
            flow.stage = .name(LineEditor(name))
        } else if !Self.needsConfirmation(flow) {
            return queue(flow, at: time)
        }
        actionFlow = flow
        popup = .action
    }

    /// Dangerous actions, and any action on more than one object (skipped ones included, so
    /// that the user sees what is left out).
    static func needsConfirmation(_ flow: ActionFlow) -> Bool {
        flow.action.isDangerous || flow.targets.count + flow.skipped.count > 1
    }

    /// The enabled hosts of the targets' pool, by name; migrating one VM leaves out its own host.
    func hostChoices(for action: ObjectAction, targets: [ActionTargetObject]) -> [HostChoice] {
        guard let first = targets.first, let entry = pool(named: first.id.pool) else { return [] }
        let inventory = entry.inventory
        let current: Ref<HostRecord>? = action == .migrate && targets.count == 1 ? inventory.vms[Ref(first.id.ref)]?.resident_on : nil
        let sources = action == .migrate ? Set(targets.compactMap { inventory.vms[Ref($0.id.ref)]?.resident_on }) : []
        return entry.tree.hosts.compactMap { node -> HostChoice? in
            guard node.ref != current, let host = inventory.hosts[node.ref], host.enabled else { return nil }
            let from = sources.filter { $0 != node.ref }.compactMap { inventory.hosts[$0] }
            return HostChoice(ref: node.ref.rawValue, name: host.name_label, uuid: host.uuid, freeMemory: Self.freeMemory(node.ref, host: host, in: inventory),
                              cpuWarning: MigrationCPUCheck.warning(from: from, to: host))
        }
    }

    /// host_metrics' free memory when reported (newer xapi sends 0), else the total less what
    /// the VMs running there take; nil when the host reports no metrics.
    static func freeMemory(_ ref: Ref<HostRecord>, host: HostRecord, in inventory: PoolInventory) -> Int64? {
        guard let metrics = inventory.hostMetrics[host.metrics], metrics.memory_total > 0 else { return nil }
        if metrics.memory_free > 0 { return metrics.memory_free }
        let used = inventory.vms.records.values.filter { $0.resident_on == ref && $0.power_state == .running }
            .reduce(into: Int64(0)) { $0 += $1.memory_dynamic_max }
        return max(0, metrics.memory_total - used)
    }

    // MARK: Keys while the popup is open

    /// Keys of the host picker, the name prompt and the confirmation (`y` confirms, any other key cancels).
    mutating func pressInActionPopup(_ key: String, keymap: Keymap, at time: Date) {
        guard var flow = actionFlow else {
            popup = nil
            return
        }
        switch flow.stage {
        case .confirm:
            closeActionPopup()
            if keymap.resolve([key], in: .popup) == .action("confirm") {
                queue(flow, at: time)
            } else {
                appendLog(LogPaneEntry(time: time, level: .info, kind: .action, pool: flow.targets[0].id.pool,
                                       text: "\(flow.action.label) of \(Self.targetSummary(flow.targets)) cancelled"))
            }
        case .pickHost(let hosts, let index):
            switch keymap.resolve([key], in: .popup) {
            case .action("nav.down"): flow.stage = .pickHost(hosts: hosts, index: min(index + 1, hosts.count - 1))
            case .action("nav.up"): flow.stage = .pickHost(hosts: hosts, index: max(index - 1, 0))
            case .action("nav.top"): flow.stage = .pickHost(hosts: hosts, index: 0)
            case .action("nav.bottom"): flow.stage = .pickHost(hosts: hosts, index: hosts.count - 1)
            case .action("open"), .action("confirm"):
                let host = hosts[index]
                flow.host = ActionHost(ref: host.ref, name: host.name, uuid: host.uuid.isEmpty ? nil : host.uuid)
                return advance(flow, at: time)
            case .action("back"): return cancelActionPopup(flow, at: time)
            default: break
            }
            actionFlow = flow
        case .name(var editor):
            switch keymap.resolve([key], in: .command) {
            case .action("input.accept"):
                let name = editor.text.trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { return }
                flow.newName = name
                return advance(flow, at: time)
            case .action("back"): return cancelActionPopup(flow, at: time)
            case .action("input.clear"): editor.set("")
            default: _ = editor.edit(key)
            }
            flow.stage = .name(editor)
            actionFlow = flow
        }
    }

    /// After a host or a name: the confirmation when needed, else the requests.
    private mutating func advance(_ flow: ActionFlow, at time: Date) {
        var flow = flow
        if Self.needsConfirmation(flow) {
            flow.stage = .confirm
            actionFlow = flow
        } else {
            closeActionPopup()
            queue(flow, at: time)
        }
    }

    private mutating func cancelActionPopup(_ flow: ActionFlow, at time: Date) {
        closeActionPopup()
        appendLog(LogPaneEntry(time: time, level: .info, kind: .action, pool: flow.targets[0].id.pool,
                               text: "\(flow.action.label) of \(Self.targetSummary(flow.targets)) cancelled"))
    }

    mutating func closeActionPopup() {
        actionFlow = nil
        popup = nil
    }

    /// `web-01`, `web-01 and web-02`, `3 VMs`.
    static func targetSummary(_ targets: [ActionTargetObject]) -> String {
        switch targets.count {
        case 1: targets[0].name
        case 2: "\(targets[0].name) and \(targets[1].name)"
        default: "\(targets.count) \(targets[0].id.kind == .vm ? "VMs" : "objects")"
        }
    }

    // MARK: Requests and their answers

    /// One request per target; each gets its line in the log pane at once, drawn as the task
    /// line it becomes when the performer knows the task's ref.
    mutating func queue(_ flow: ActionFlow, at time: Date) {
        let action = flow.action
        for target in flow.targets {
            let newName = flow.namesAreSuffixes ? flow.newName.map { target.name + $0 } : flow.newName
            let request: ActionRequest
            do {
                request = try ActionRequest(
                    action: action, pool: target.id.pool,
                    target: LogObject(className: action.targetClass.rawValue, uuid: target.uuid, name: target.name),
                    targetRef: target.id.ref, host: flow.host, newName: newName)
            } catch {
                logError("\(action.label) \(target.name): \(error.description)", at: time)
                continue
            }
            let id = nextActionID
            nextActionID += 1
            pendingRequests.append(QueuedAction(id: id, request: request))
            var shown = target.name
            if let host = flow.host { shown += " → " + host.name }
            let task = LogTask(ref: "", name: action.call, object: target.id, objectName: shown,
                               outcome: .running(progress: 0), started: time, finished: nil)
            var entry = LogPaneEntry(task: task, pool: target.id.pool)
            entry.kind = .action
            actionEntries[id] = logPane.count
            actionRequests[logPane.count] = request
            appendLog(entry)
        }
        if !flow.skipped.isEmpty {
            let list = flow.skipped.map { "\($0.name) (\($0.reason))" }.joined(separator: "; ")
            appendLog(LogPaneEntry(time: time, level: .warning, kind: .action, pool: flow.targets[0].id.pool,
                                   text: "\(action.label): skipped \(list)"))
        }
    }

    /// The controller's turn: the requests to hand to the performer, oldest first.
    public mutating func takeRequests() -> [QueuedAction] {
        defer { pendingRequests = [] }
        return pendingRequests
    }

    public mutating func takeCancels() -> [TaskCancelRequest] {
        defer { pendingCancels = [] }
        return pendingCancels
    }

    /// The performer started the request's task: its line becomes the task's line, which the
    /// event stream then moves on (progress, ✓ or ✗).
    public mutating func actionStarted(_ id: Int, task ref: String, at time: Date = Date()) {
        guard let index = actionEntries.removeValue(forKey: id) else { return }
        tick(at: time)
        if !logPane.adoptTask(at: index, ref: ref) {
            // The event stream was first: the task has its own line already.
            guard var entry = logPane.entries[safe: index], let task = entry.task else { return }
            entry = LogPaneEntry(time: task.started, level: .info, kind: .action, pool: entry.pool,
                                 text: "\(task.name) \(task.objectName): started, task \(ref.suffix(8))")
            logPane.replace(at: index, with: entry)
        }
    }

    /// The call failed before any task: the line ends ✗ with the code and its parameters
    /// (refs shown as names).
    public mutating func actionFailed(_ id: Int, error: XAPIError, at time: Date = Date()) {
        guard let index = actionEntries.removeValue(forKey: id), let entry = logPane.entries[safe: index], var task = entry.task else { return }
        tick(at: time)
        let inventory = pool(named: entry.pool)?.inventory
        let params = error.params.map { param in
            guard param.hasPrefix("OpaqueRef:"), let inventory else { return param }
            return TaskObjects.object(param, pool: entry.pool, in: inventory)?.1 ?? param
        }
        task.outcome = .failed(code: error.code, params: params)
        task.finished = max(task.started, time)
        var failed = LogPaneEntry(task: task, pool: entry.pool)
        failed.kind = .error
        // What the detail view and the log file need: the raw code and parameters, the call,
        // the object and the `xe` equivalent of the request.
        failed.error = [error.code] + error.params
        if let request = actionRequests[index] {
            failed.call = request.action.asyncCall
            failed.object = request.target
            failed.xe = request.xe.isEmpty ? nil : request.xe
        }
        logPane.replace(at: index, with: failed)
    }

    // MARK: Cancelling a task

    /// The selected task line of the focused log pane, when it runs, XAPI lets it be
    /// cancelled and its pool is not read-only.
    var cancellableTask: TaskCancelRequest? {
        guard focus == .log, let index = selectedLogIndex else { return nil }
        guard let entry = logPane.entries[safe: index], let task = entry.task, task.isRunning, !task.ref.isEmpty,
              !isReadOnly(pool: entry.pool),
              let record = pool(named: entry.pool)?.inventory.tasks[Ref(task.ref)],
              record.allowed_operations.contains(where: { $0.rawValue == "cancel" }) else { return nil }
        return TaskCancelRequest(pool: entry.pool, task: task.ref)
    }

    mutating func cancelTask(at time: Date) {
        guard let request = cancellableTask else {
            return logError("no task to cancel: select a running task that XAPI lets cancel in the log pane", at: time)
        }
        pendingCancels.append(request)
    }

    /// `task.cancel` failed: the task runs on, the error says why.
    public mutating func cancelFailed(_ request: TaskCancelRequest, error: XAPIError, at time: Date = Date()) {
        let name = logPane.task(pool: request.pool, ref: request.task).map { $0.task.map { "\($0.name) \($0.objectName)" } ?? "" } ?? request.task
        appendLog(LogPaneEntry(time: time, level: .error, kind: .error, pool: request.pool,
                               text: "cannot cancel \(name): \(([error.code] + error.params).joined(separator: " "))"))
    }
}

fileprivate extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
