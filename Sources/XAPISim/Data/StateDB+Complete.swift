import OrderedCollections
import XAPI

extension StateDB {
    /// Adds what a dump at rest lacks but a live pool has, without inventing hosts or VMs:
    /// - every host gets host_metrics (missing ones are made up), all `live` (the simulator
    ///   runs every host), with a memory_total that holds its resident VMs when the dump has 0;
    /// - every VM gets VM_metrics (made up when its ref dangles);
    /// - a VM_guest_metrics ref that dangles becomes NULL;
    /// - a missing pool record is made, with the first host as master.
    /// - the sets xapi derives from one-to-many relations are rebuilt (`relink`).
    /// Made-up refs and uuids derive from the owner's ref, so loading is deterministic.
    static func complete(_ database: inout SimDatabase, schema: (String) -> XAPIClassSchema?) {
        defer { relink(&database) }
        let null = "OpaqueRef:NULL"
        let vms = database["VM"]

        // Memory each host's resident VMs use, for hosts whose metrics say nothing.
        var residentMemory = [String: Int64]()
        for record in vms.values {
            guard let host = record["resident_on"]?.stringValue, host != null,
                let state = record["power_state"]?.stringValue, state == "Running" || state == "Paused"
            else { continue }
            residentMemory[host, default: 0] += record["memory_static_max"]?.intValue ?? 0
        }

        var hostMetrics = database["host_metrics"]
        var hosts = database["host"]
        for (hostRef, host) in hosts {
            var rng = SimRandom(seed: stableHash(hostRef))
            let metricsRef = host["metrics"]?.stringValue ?? null
            let needed = residentMemory[hostRef] ?? 0
            let estimate = max(16 * SimSize.gib, (needed * 5 / 4 + 16 * SimSize.gib - 1) / (16 * SimSize.gib) * (16 * SimSize.gib))
            if metricsRef != null, var metrics = hostMetrics[metricsRef] {
                metrics["live"] = .bool(true)
                if (metrics["memory_total"]?.intValue ?? 0) <= 0 { metrics["memory_total"] = .int(estimate) }
                hostMetrics[metricsRef] = metrics
            } else {
                let ref = metricsRef != null ? metricsRef : "OpaqueRef:" + rng.uuid()
                var metrics = schema("host_metrics")?.defaultRecord ?? [:]
                metrics["uuid"] = .string(rng.uuid())
                metrics["memory_total"] = .int(estimate)
                metrics["live"] = .bool(true)
                metrics["last_updated"] = .dateTime(.epoch)
                metrics["other_config"] = .structure([:])
                hostMetrics[ref] = metrics
                hosts[hostRef]?["metrics"] = .string(ref)
            }
        }
        database["host_metrics"] = hostMetrics
        database["host"] = hosts

        var vmMetrics = database["VM_metrics"]
        let guestMetrics = database["VM_guest_metrics"]
        var updatedVMs = vms
        for (vmRef, vm) in vms {
            let metricsRef = vm["metrics"]?.stringValue ?? null
            if metricsRef == null || vmMetrics[metricsRef] == nil {
                var rng = SimRandom(seed: stableHash(vmRef))
                let ref = metricsRef != null ? metricsRef : "OpaqueRef:" + rng.uuid()
                let state = vm["power_state"]?.stringValue ?? "Halted"
                let live = state == "Running" || state == "Paused"
                var metrics = schema("VM_metrics")?.defaultRecord ?? [:]
                metrics["uuid"] = .string(rng.uuid())
                metrics["memory_actual"] = .int(live ? vm["memory_dynamic_max"]?.intValue ?? 0 : 0)
                metrics["VCPUs_number"] = .int(live ? vm["VCPUs_at_startup"]?.intValue ?? 0 : 0)
                metrics["start_time"] = .dateTime(.epoch)
                metrics["other_config"] = .structure([:])
                vmMetrics[ref] = metrics
                updatedVMs[vmRef]?["metrics"] = .string(ref)
            }
            if let guest = vm["guest_metrics"]?.stringValue, guest != null, guestMetrics[guest] == nil {
                updatedVMs[vmRef]?["guest_metrics"] = .string(null)
            }
        }
        database["VM_metrics"] = vmMetrics
        if !vms.isEmpty { database["VM"] = updatedVMs }

        if database["pool"].isEmpty, let master = hosts.keys.first {
            var rng = SimRandom(seed: stableHash(master))
            var pool = schema("pool")?.defaultRecord ?? [:]
            pool["uuid"] = .string(rng.uuid())
            pool["name_label"] = .string("")
            pool["master"] = .string(master)
            database["pool"] = ["OpaqueRef:" + rng.uuid(): pool]
        }
    }

    /// FNV-1a, stable across runs (Swift's Hasher is randomly seeded per process).
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
