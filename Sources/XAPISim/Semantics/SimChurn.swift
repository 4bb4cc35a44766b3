import XAPI

/// Background activity (`--churn`): the kinds of change a live pool shows all the time.
extension SimState {
    mutating func churnStep(_ random: inout SimRandom) {
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
            _ = try? startTask(SimAction(className: "VM", name: "clean_reboot", ref: vm, params: []), session: "")
        case 1, 2:
            guard let vm = running.randomElement(using: &random), let metrics = database.tables["VM"]?[vm]?.string("metrics"),
                let record = database.tables["VM_metrics"]?[metrics]
            else { return }
            let target = database.tables["VM"]?[vm]?.int("memory_dynamic_max") ?? record.int("memory_actual")
            let wobble = Int64(random.next() % 64) * 1_048_576
            updateIfPresent("VM_metrics", metrics) { $0["memory_actual"] = .int(max(target - wobble, 0)) }
        case 3:
            guard let sr = database.tables["SR"]?.keys.elements.randomElement(using: &random) else { return }
            _ = try? startTask(SimAction(className: "SR", name: "scan", ref: sr, params: []), session: "")
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
}
