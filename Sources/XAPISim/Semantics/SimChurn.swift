import XAPI

/// Background activity (`--churn`): the kinds of change a live pool shows all the time.
extension SimState {
    /// How long the churn's finished tasks stay visible, and how many alerts it keeps.
    static let churnTaskLifetime: Double = 30
    static let churnMessageLimit = 1000

    mutating func churnStep(_ random: inout SimRandom) {
        collectChurnLeftovers()
        let vms = (database.tables["VM"] ?? [:]).filter { entry in
            let vm = entry.value
            return !vm.bool("is_a_template") && !vm.bool("is_a_snapshot") && !vm.bool("is_control_domain")
                && vm.map("current_operations").isEmpty
        }
        let running = vms.filter { $0.value.string("power_state") == "Running" }.keys
        switch random.next() % 6 {
        case 0:
            // A reboot, run as a task like a user's would be.
            guard let vm = running.randomElement(using: &random) else { return }
            if let task = try? startTask(SimAction(className: "VM", name: "clean_reboot", ref: vm, params: []), session: "") {
                churnTasks.append(task)
            }
        case 1, 2:
            guard let vm = running.randomElement(using: &random), let metrics = database.tables["VM"]?[vm]?.string("metrics"),
                let record = database.tables["VM_metrics"]?[metrics]
            else { return }
            let target = database.tables["VM"]?[vm]?.int("memory_dynamic_max") ?? record.int("memory_actual")
            let wobble = Int64(random.next() % 64) * 1_048_576
            updateIfPresent("VM_metrics", metrics) { $0["memory_actual"] = .int(max(target - wobble, 0)) }
        case 3:
            guard let sr = database.tables["SR"]?.keys.elements.randomElement(using: &random) else { return }
            if let task = try? startTask(SimAction(className: "SR", name: "scan", ref: sr, params: []), session: "") {
                churnTasks.append(task)
            }
        case 4:
            guard let (ref, vm) = vms.elements.randomElement(using: &random) else { return }
            let alerts = [("VM_STARTED", 5), ("HA_STATEFILE_APPROACHING_TIMEOUT", 2), ("VM_CLONED", 5), ("ALARM", 3)]
            let (name, priority) = alerts[Int(random.next() % UInt64(alerts.count))]
            addMessage(
                name: name, priority: Int64(priority), className: "VM", objectUUID: vm.string("uuid"),
                body: "\(name) on \(vm.string("name_label")) (\(ref))")
        default:
            guard let vm = vms.keys.randomElement(using: &random) else { return }
            let note = "changed at \(nowDateTime.wireString)"
            updateIfPresent("VM", vm) { $0["name_description"] = .string(note) }
        }
    }

    /// Destroys the churn's tasks some time after they end, and its oldest alerts beyond the limit,
    /// so that a long run does not grow without bound.
    private mutating func collectChurnLeftovers() {
        let cutoff = now - Self.churnTaskLifetime
        var expired: [String] = []
        var kept: [String] = []
        for ref in churnTasks {
            guard let task = database.tables["task"]?[ref] else { continue }
            guard task.string("status") != "pending", task.string("status") != "cancelling",
                let finished = task["finished"].flatMap({ value -> XAPIDateTime? in
                    if case .dateTime(let date) = value { return date }
                    return nil
                }),
                Double(finished.secondsSinceEpoch) < cutoff
            else {
                kept.append(ref)
                continue
            }
            expired.append(ref)
        }
        churnTasks = kept
        for ref in expired { delete("task", ref) }
        let messages = database.tables["message"] ?? [:]
        if messages.count > Self.churnMessageLimit {
            for ref in messages.keys.prefix(messages.count - Self.churnMessageLimit) { delete("message", ref) }
        }
    }
}
