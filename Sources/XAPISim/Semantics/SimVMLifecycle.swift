import XAPI

/// The VM state machine of PROTOCOL.md §5, with xapi's checks and errors.
extension SimState {
    /// The power states (lowercase) each operation starts from.
    static let requiredPowerStates: [String: [String]] = [
        "start": ["halted"], "start_on": ["halted"], "resume": ["suspended"], "resume_on": ["suspended"],
        "clean_shutdown": ["running"], "shutdown": ["running"], "hard_shutdown": ["running", "paused", "suspended"],
        "clean_reboot": ["running"], "hard_reboot": ["running", "paused"], "suspend": ["running"], "pause": ["running"],
        "unpause": ["paused"], "pool_migrate": ["running"], "snapshot": ["halted", "running", "paused", "suspended"],
        "clone": ["halted"], "copy": ["halted"], "destroy": ["halted"],
    ]

    /// Operations allowed on templates and snapshots.
    static let templateOperations: Set<String> = ["clone", "copy", "destroy"]

    /// Raises the error xapi would give for this call, if any.
    func validate(_ action: SimAction) throws(SimFailure) {
        switch action.className {
        case "VM": try checkVM(action, withResources: true)
        default: _ = try requireRecord(action.className, action.ref)
        }
    }

    /// The checks of one VM operation; `withResources` also checks hosts and memory.
    func checkVM(_ action: SimAction, withResources: Bool) throws(SimFailure) {
        let ref = action.ref
        let operation = action.name
        let vm = try requireRecord("VM", ref)
        if (vm.bool("is_a_template") || vm.bool("is_a_snapshot")) && !Self.templateOperations.contains(operation) {
            throw SimFailure("VM_IS_TEMPLATE", ref, operation)
        }
        if let reason = vm.map("blocked_operations")[operation]?.stringValue {
            throw SimFailure("OPERATION_BLOCKED", ref, reason)
        }
        if let (task, other) = vm.map("current_operations").elements.first {
            throw SimFailure("OTHER_OPERATION_IN_PROGRESS", "VM", ref, other.stringValue ?? "", task)
        }
        let actual = vm.string("power_state").lowercased()
        if let expected = Self.requiredPowerStates[operation], !expected.contains(actual) {
            throw SimFailure("VM_BAD_POWER_STATE", ref, expected.joined(separator: ";"), actual)
        }
        guard withResources else { return }
        let args = action.arguments
        switch operation {
        case "start", "resume":
            _ = try args.bool(1)
            _ = try args.bool(2)
            _ = try chooseHost(for: ref)
        case "start_on", "resume_on", "pool_migrate":
            try checkHost(try args.string(1), for: ref)
            if operation == "pool_migrate" { _ = try args.map(2) } else { _ = (try args.bool(2), try args.bool(3)) }
        case "snapshot", "clone":
            _ = try args.string(1)
            if args.count > 2 { _ = try args.strings(2) }
        case "copy":
            _ = try args.string(1)
            let sr = try args.string(2)
            if !isNullRef(sr) { _ = try requireRecord("SR", sr) }
        default:
            break
        }
    }

    // MARK: Memory and hosts

    /// The memory a VM uses once running (its current footprint if it runs).
    func memoryFootprint(_ vm: XAPIStruct) -> Int64 {
        let actual = database.tables["VM_metrics"]?[vm.string("metrics")]?.int("memory_actual") ?? 0
        let state = vm.string("power_state")
        if actual > 0, state == "Running" || state == "Paused" { return actual }
        return memoryNeeded(vm)
    }

    func memoryNeeded(_ vm: XAPIStruct) -> Int64 {
        let dynamicMax = vm.int("memory_dynamic_max")
        return dynamicMax > 0 ? dynamicMax : vm.int("memory_static_max")
    }

    func freeMemory(host: String) -> Int64 {
        let total = database.tables["host_metrics"]?[database.tables["host"]?[host]?.string("metrics") ?? ""]?.int("memory_total")
            ?? Int64.max / 2
        var used: Int64 = 0
        for vm in (database.tables["VM"] ?? [:]).values where vm.string("resident_on") == host {
            let state = vm.string("power_state")
            if state == "Running" || state == "Paused" { used += memoryFootprint(vm) }
        }
        return total - used
    }

    func isLive(host: String) -> Bool {
        let metrics = database.tables["host"]?[host]?.string("metrics") ?? ""
        return database.tables["host_metrics"]?[metrics]?.bool("live") ?? true
    }

    func checkHost(_ host: String, for vmRef: String) throws(SimFailure) {
        let record = try requireRecord("host", host)
        guard isLive(host: host) else { throw SimFailure("HOST_OFFLINE", host) }
        guard record.bool("enabled") else { throw SimFailure("HOST_DISABLED", host) }
        let vm = try requireRecord("VM", vmRef)
        if vm.string("resident_on") == host { return }
        let needed = memoryNeeded(vm)
        let available = freeMemory(host: host)
        if needed > available { throw SimFailure("HOST_NOT_ENOUGH_FREE_MEMORY", String(needed), String(available)) }
    }

    /// The affinity host if it fits, else the live enabled host with the most free memory.
    func chooseHost(for vmRef: String) throws(SimFailure) -> String {
        let vm = try requireRecord("VM", vmRef)
        let needed = memoryNeeded(vm)
        let affinity = vm.string("affinity")
        if !isNullRef(affinity), (try? checkHost(affinity, for: vmRef)) != nil { return affinity }
        let candidates = (database.tables["host"] ?? [:]).filter { $0.value.bool("enabled") && isLive(host: $0.key) }.keys
        guard let best = candidates.max(by: { freeMemory(host: $0) < freeMemory(host: $1) }) else {
            throw SimFailure("NO_HOSTS_AVAILABLE")
        }
        let available = freeMemory(host: best)
        if needed > available { throw SimFailure("HOST_NOT_ENOUGH_FREE_MEMORY", String(needed), String(available)) }
        return best
    }

    // MARK: Applying

    mutating func apply(_ action: SimAction) throws(SimFailure) -> XAPIValue {
        let args = action.arguments
        let ref = action.ref
        switch (action.className, action.name) {
        case ("VM", "start"), ("VM", "resume"):
            try boot(ref, on: try chooseHost(for: ref), paused: try args.bool(1))
        case ("VM", "start_on"), ("VM", "resume_on"):
            try boot(ref, on: try args.string(1), paused: try args.bool(2))
        case ("VM", "clean_shutdown"), ("VM", "hard_shutdown"), ("VM", "shutdown"):
            try stop(ref, to: "Halted")
        case ("VM", "suspend"):
            try stop(ref, to: "Suspended")
        case ("VM", "clean_reboot"), ("VM", "hard_reboot"):
            let host = try requireRecord("VM", ref).string("resident_on")
            try boot(ref, on: host, paused: false)
        case ("VM", "pause"):
            try setPowerState(ref, "Paused")
        case ("VM", "unpause"):
            try setPowerState(ref, "Running")
        case ("VM", "pool_migrate"):
            try migrate(ref, to: try args.string(1))
        case ("VM", "snapshot"):
            return .string(try copyVM(ref, name: try args.string(1), kind: .snapshot, ignoring: args.count > 2 ? try args.strings(2) : []))
        case ("VM", "clone"):
            return .string(try copyVM(ref, name: try args.string(1), kind: .clone, ignoring: []))
        case ("VM", "copy"):
            return .string(try copyVM(ref, name: try args.string(1), kind: .copy(sr: try args.string(2)), ignoring: []))
        case ("VM", "destroy"):
            try destroyVM(ref)
            return .string("")
        case ("host", "disable"), ("host", "enable"):
            let enabled = action.name == "enable"
            try update("host", ref) { (host: inout XAPIStruct) throws(SimFailure) in host["enabled"] = .bool(enabled) }
        case ("SR", "scan"):
            _ = try requireRecord("SR", ref)
        default:
            throw SimFailure("MESSAGE_METHOD_UNKNOWN", action.methodName)
        }
        if action.className == "VM" { refreshAllowedOperations(vm: ref) }
        return .string("")
    }

    private mutating func setPowerState(_ ref: String, _ state: String) throws(SimFailure) {
        try update("VM", ref) { (vm: inout XAPIStruct) throws(SimFailure) in vm["power_state"] = .string(state) }
    }

    /// Starts (or restarts) a VM on `host`: new domain, fresh metrics, listed by the host.
    private mutating func boot(_ ref: String, on host: String, paused: Bool) throws(SimFailure) {
        let vm = try requireRecord("VM", ref)
        let previousHost = vm.string("resident_on")
        let domid = nextDomid(on: host)
        let time = nowDateTime
        try update("VM", ref) { (vm: inout XAPIStruct) throws(SimFailure) in
            vm["power_state"] = .string(paused ? "Paused" : "Running")
            vm["resident_on"] = .string(host)
            vm["domid"] = .int(domid)
        }
        let memory = memoryNeeded(vm)
        let vcpus = vm.int("VCPUs_at_startup")
        updateIfPresent("VM_metrics", vm.string("metrics")) { metrics in
            metrics["start_time"] = .dateTime(time)
            metrics["memory_actual"] = .int(memory)
            metrics["VCPUs_number"] = .int(vcpus)
        }
        updateIfPresent("VM_guest_metrics", vm.string("guest_metrics")) { $0["live"] = true }
        if previousHost != host { updateIfPresent("host", previousHost) { $0.remove(ref: ref, from: "resident_VMs") } }
        updateIfPresent("host", host) { $0.append(ref: ref, to: "resident_VMs") }
        createConsoles(vm: ref)
    }

    private mutating func stop(_ ref: String, to state: String) throws(SimFailure) {
        let vm = try requireRecord("VM", ref)
        try update("VM", ref) { (vm: inout XAPIStruct) throws(SimFailure) in
            vm["power_state"] = .string(state)
            vm["resident_on"] = .string(nullRef)
            vm["domid"] = .int(-1)
        }
        updateIfPresent("VM_metrics", vm.string("metrics")) { metrics in
            metrics["memory_actual"] = .int(0)
            metrics["VCPUs_number"] = .int(0)
        }
        updateIfPresent("VM_guest_metrics", vm.string("guest_metrics")) { $0["live"] = false }
        updateIfPresent("host", vm.string("resident_on")) { $0.remove(ref: ref, from: "resident_VMs") }
        destroyConsoles(vm: ref)
    }

    private mutating func migrate(_ ref: String, to host: String) throws(SimFailure) {
        let vm = try requireRecord("VM", ref)
        let from = vm.string("resident_on")
        guard from != host else { return }
        let domid = nextDomid(on: host)
        try update("VM", ref) { (vm: inout XAPIStruct) throws(SimFailure) in
            vm["resident_on"] = .string(host)
            vm["domid"] = .int(domid)
        }
        updateIfPresent("host", from) { $0.remove(ref: ref, from: "resident_VMs") }
        updateIfPresent("host", host) { $0.append(ref: ref, to: "resident_VMs") }
    }

    private func nextDomid(on host: String) -> Int64 {
        let used = (database.tables["VM"] ?? [:]).values.filter { $0.string("resident_on") == host }.map { $0.int("domid") }
        return max(used.max() ?? 0, 0) + 1
    }

    // MARK: allowed_operations

    /// The operations the simulator implements, in the order xapi lists them.
    static let vmOperations = [
        "snapshot", "clone", "copy", "start", "start_on", "pause", "unpause", "clean_shutdown", "clean_reboot",
        "hard_shutdown", "hard_reboot", "suspend", "resume", "resume_on", "pool_migrate", "shutdown", "destroy",
    ]

    /// Recomputes `allowed_operations` from the checks the operations themselves make.
    mutating func refreshAllowedOperations(vm ref: String) {
        let allowed = allowedOperations(vm: ref)
        updateIfPresent("VM", ref) { $0["allowed_operations"] = .array(allowed.map { .string($0) }) }
    }

    func allowedOperations(vm ref: String) -> [String] {
        Self.vmOperations.filter { operation in
            (try? checkVM(SimAction(className: "VM", name: operation, ref: ref, params: []), withResources: false)) != nil
        }
    }

    /// Makes every VM's `allowed_operations` true without recording changes (at load).
    mutating func initialiseAllowedOperations() {
        for ref in database.tables["VM"]?.keys ?? [] {
            let allowed = allowedOperations(vm: ref)
            database.tables["VM"]?[ref]?["allowed_operations"] = .array(allowed.map { .string($0) })
        }
    }
}
