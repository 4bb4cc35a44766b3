import XAPI

/// snapshot, clone, copy and destroy: new VM records with their disks, or their removal.
extension SimState {
    enum VMCopyKind: Equatable {
        case snapshot
        case clone
        /// A full copy; a NULL SR keeps each disk on its own SR.
        case copy(sr: String)
    }

    mutating func copyVM(_ source: String, name: String, kind: VMCopyKind, ignoring ignoredVDIs: [String]) throws(SimFailure)
        -> String
    {
        let original = try requireRecord("VM", source)
        let ref = newRef()
        let time = nowDateTime
        var vm = database.tables["VM"]?[source] ?? original
        vm["uuid"] = .string(newUUID())
        vm["name_label"] = .string(name)
        vm["power_state"] = "Halted"
        vm["resident_on"] = .string(nullRef)
        vm["domid"] = -1
        vm["current_operations"] = [:]
        vm["snapshots"] = []
        vm["VBDs"] = []
        vm["VIFs"] = []
        vm["consoles"] = []
        vm["guest_metrics"] = .string(nullRef)
        vm["is_default_template"] = false
        if kind == .snapshot {
            vm["is_a_snapshot"] = true
            vm["is_a_template"] = true
            vm["snapshot_of"] = .string(source)
            vm["snapshot_time"] = .dateTime(time)
        } else {
            vm["is_a_snapshot"] = false
            vm["snapshot_of"] = .string(nullRef)
        }
        if let metrics = database.tables["VM_metrics"]?[original.string("metrics")] {
            let metricsRef = newRef()
            var copy = metrics
            copy["uuid"] = .string(newUUID())
            copy["memory_actual"] = 0
            copy["VCPUs_number"] = 0
            insert("VM_metrics", metricsRef, copy)
            vm["metrics"] = .string(metricsRef)
        }
        insert("VM", ref, vm)

        for vbdRef in original.refs("VBDs") {
            guard var vbd = database.tables["VBD"]?[vbdRef] else { continue }
            let newVBD = newRef()
            var vdi = vbd.string("VDI")
            if !vbd.bool("empty"), vbd.string("type") != "CD", !isNullRef(vdi), !ignoredVDIs.contains(vdi),
                database.tables["VDI"]?[vdi] != nil
            {
                vdi = copyVDI(vdi, kind: kind, time: time)
            } else if ignoredVDIs.contains(vdi) {
                continue
            }
            vbd["uuid"] = .string(newUUID())
            vbd["VM"] = .string(ref)
            vbd["VDI"] = .string(vdi)
            vbd["currently_attached"] = false
            vbd["current_operations"] = [:]
            insert("VBD", newVBD, vbd)
            updateIfPresent("VDI", vdi) { $0.append(ref: newVBD, to: "VBDs") }
            updateIfPresent("VM", ref) { $0.append(ref: newVBD, to: "VBDs") }
        }
        for vifRef in original.refs("VIFs") {
            guard var vif = database.tables["VIF"]?[vifRef] else { continue }
            let newVIF = newRef()
            vif["uuid"] = .string(newUUID())
            vif["VM"] = .string(ref)
            vif["currently_attached"] = false
            vif["current_operations"] = [:]
            insert("VIF", newVIF, vif)
            updateIfPresent("network", vif.string("network")) { $0.append(ref: newVIF, to: "VIFs") }
            updateIfPresent("VM", ref) { $0.append(ref: newVIF, to: "VIFs") }
        }
        if kind == .snapshot { updateIfPresent("VM", source) { $0.append(ref: ref, to: "snapshots") } }
        refreshAllowedOperations(vm: ref)
        return ref
    }

    private mutating func copyVDI(_ source: String, kind: VMCopyKind, time: XAPIDateTime) -> String {
        guard var vdi = database.tables["VDI"]?[source] else { return source }
        let ref = newRef()
        vdi["uuid"] = .string(newUUID())
        vdi["VBDs"] = []
        vdi["snapshots"] = []
        vdi["current_operations"] = [:]
        if kind == .snapshot {
            vdi["is_a_snapshot"] = true
            vdi["snapshot_of"] = .string(source)
            vdi["snapshot_time"] = .dateTime(time)
        } else {
            vdi["is_a_snapshot"] = false
            vdi["snapshot_of"] = .string(nullRef)
        }
        if case .copy(let sr) = kind, !isNullRef(sr) { vdi["SR"] = .string(sr) }
        insert("VDI", ref, vdi)
        if kind == .snapshot { updateIfPresent("VDI", source) { $0.append(ref: ref, to: "snapshots") } }
        updateIfPresent("SR", vdi.string("SR")) { $0.append(ref: ref, to: "VDIs") }
        return ref
    }

    /// Removes a VM with its VBDs, VIFs, consoles and metrics; its disks stay, as in xapi.
    mutating func destroyVM(_ ref: String) throws(SimFailure) {
        let vm = try requireRecord("VM", ref)
        for vbd in vm.refs("VBDs") {
            let vdi = database.tables["VBD"]?[vbd]?.string("VDI")
            updateIfPresent("VDI", vdi) { $0.remove(ref: vbd, from: "VBDs") }
            delete("VBD", vbd)
        }
        for vif in vm.refs("VIFs") {
            let network = database.tables["VIF"]?[vif]?.string("network")
            updateIfPresent("network", network) { $0.remove(ref: vif, from: "VIFs") }
            delete("VIF", vif)
        }
        for console in vm.refs("consoles") { delete("console", console) }
        delete("VM_metrics", vm.string("metrics"))
        delete("VM_guest_metrics", vm.string("guest_metrics"))
        for snapshot in vm.refs("snapshots") { updateIfPresent("VM", snapshot) { $0["snapshot_of"] = .string(nullRef) } }
        updateIfPresent("VM", vm.string("snapshot_of")) { $0.remove(ref: ref, from: "snapshots") }
        updateIfPresent("host", vm.string("resident_on")) { $0.remove(ref: ref, from: "resident_VMs") }
        delete("VM", ref)
    }
}
