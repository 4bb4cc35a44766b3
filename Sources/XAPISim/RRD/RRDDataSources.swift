import OrderedCollections
import XAPI

/// One column of an /rrd_updates reply before the consolidation prefix:
/// `host:<uuid>:cpu0`, `vm:<uuid>:memory`, …
struct RRDDataSource: Sendable {
    let name: String
    let signal: RRDSignal
}

/// The data sources xcp-rrdd keeps for hosts, VMs and SRs, with plausible values.
struct RRDDataSources {
    let database: SimDatabase
    let seed: UInt64

    private func key(_ owner: String, _ source: String) -> UInt64 {
        StateDB.stableHash(owner + ":" + source) ^ seed
    }

    private func unit(_ owner: String, _ salt: String) -> Double { RRDSignal.unit(key(owner, salt)) }

    func host(_ ref: String, _ record: XAPIStruct) -> [RRDDataSource] {
        let uuid = record["uuid"]?.stringValue ?? ""
        let prefix = "host:" + uuid + ":"
        var sources = [RRDDataSource]()
        func add(_ name: String, _ base: Double, _ swing: Double, _ shape: RRDSignal.Shape) {
            sources.append(RRDDataSource(name: prefix + name, signal: RRDSignal(base: base, swing: swing, shape: shape, key: key(uuid, name))))
        }
        let cpuCount = max(record["host_CPUs"]?.arrayValue?.count ?? 0, Int(record["cpu_info"]?["cpu_count"]?.stringValue ?? "") ?? 0, 1)
        let load = 0.1 + 0.5 * unit(uuid, "load")
        for index in 0..<cpuCount { add("cpu\(index)", load, 0.15, .fraction) }
        add("cpu_avg", load, 0.12, .fraction)
        add("loadavg", load * Double(cpuCount) * 1.1, load * Double(cpuCount) * 0.4, .bounded(maximum: Double(cpuCount) * 4))

        // Memory: total from host_metrics, free = total - what resident domains use.
        let metrics = database["host_metrics"][record["metrics"]?.stringValue ?? ""]
        let total = Double(metrics?["memory_total"]?.intValue ?? 0) / 1024
        var used: Double = 0
        for vm in record["resident_VMs"]?.arrayValue ?? [] {
            guard let vmRecord = database["VM"][vm.stringValue ?? ""] else { continue }
            used += Double(memoryActual(vmRecord)) / 1024
        }
        let free = max(total - used, 0)
        add("memory_total_kib", total, 0, .constant)
        add("memory_free_kib", free * 0.97, free * 0.02, .bounded(maximum: max(free, 0)))

        // Physical interfaces (not VLANs) and their sum.
        var devices = [String]()
        for pif in record["PIFs"]?.arrayValue ?? [] {
            guard let pifRecord = database["PIF"][pif.stringValue ?? ""], pifRecord["physical"]?.boolValue ?? true,
                let device = pifRecord["device"]?.stringValue, !device.isEmpty, !devices.contains(device)
            else { continue }
            devices.append(device)
        }
        var aggregate: Double = 0
        for device in devices {
            let rate = 2e5 + 4e7 * unit(uuid, device)
            aggregate += rate
            add("pif_\(device)_rx", rate, rate * 0.6, .bounded(maximum: 1.25e9))
            add("pif_\(device)_tx", rate * 0.7, rate * 0.5, .bounded(maximum: 1.25e9))
        }
        add("pif_aggr_rx", aggregate, aggregate * 0.5, .bounded(maximum: 1.25e9 * Double(max(devices.count, 1))))
        add("pif_aggr_tx", aggregate * 0.7, aggregate * 0.4, .bounded(maximum: 1.25e9 * Double(max(devices.count, 1))))
        add("xapi_memory_usage_kib", 180_000, 20_000, .bounded(maximum: 1e6))
        add("xapi_free_memory_kib", 250_000, 30_000, .bounded(maximum: 1e6))
        add("xapi_open_fds", 60, 10, .bounded(maximum: 1024))
        return sources
    }

    func vm(_ ref: String, _ record: XAPIStruct) -> [RRDDataSource] {
        let uuid = record["uuid"]?.stringValue ?? ""
        let prefix = "vm:" + uuid + ":"
        var sources = [RRDDataSource]()
        func add(_ name: String, _ base: Double, _ swing: Double, _ shape: RRDSignal.Shape) {
            sources.append(RRDDataSource(name: prefix + name, signal: RRDSignal(base: base, swing: swing, shape: shape, key: key(uuid, name))))
        }
        let paused = record["power_state"]?.stringValue == "Paused"
        let metrics = database["VM_metrics"][record["metrics"]?.stringValue ?? ""]
        let vcpus = max(Int(metrics?["VCPUs_number"]?.intValue ?? 0), Int(record["VCPUs_at_startup"]?.intValue ?? 1), 1)
        // A paused domain uses no CPU.
        let load = paused ? 0 : 0.02 + 0.6 * unit(uuid, "load") * unit(uuid, "busy")
        let swing = paused ? 0 : 0.05 + 0.2 * unit(uuid, "swing")
        for index in 0..<vcpus { add("cpu\(index)", load, swing, paused ? .constant : .fraction) }
        add("cpu_usage", load, swing * 0.8, paused ? .constant : .fraction)
        let memory = Double(memoryActual(record))
        add("memory", memory, 0, .constant)
        add("memory_target", Double(record["memory_target"]?.intValue ?? 0) > 0 ? Double(record["memory_target"]?.intValue ?? 0) : memory, 0, .constant)
        let memoryKiB = memory / 1024
        let freeShare = 0.15 + 0.6 * unit(uuid, "free")
        add("memory_internal_free", memoryKiB * freeShare, memoryKiB * 0.08, .bounded(maximum: memoryKiB))

        for vif in record["VIFs"]?.arrayValue ?? [] {
            guard let device = database["VIF"][vif.stringValue ?? ""]?["device"]?.stringValue else { continue }
            let rate = paused ? 0 : 1e3 + 5e6 * unit(uuid, "vif" + device) * unit(uuid, "net")
            add("vif_\(device)_rx", rate, rate * 0.7, .bounded(maximum: 1.25e9))
            add("vif_\(device)_tx", rate * 0.6, rate * 0.5, .bounded(maximum: 1.25e9))
            add("vif_\(device)_rx_errors", 0, 0, .constant)
            add("vif_\(device)_tx_errors", 0, 0, .constant)
        }
        for vbd in record["VBDs"]?.arrayValue ?? [] {
            guard let vbdRecord = database["VBD"][vbd.stringValue ?? ""], vbdRecord["type"]?.stringValue != "CD",
                let device = vbdRecord["device"]?.stringValue, !device.isEmpty
            else { continue }
            let rate = paused ? 0 : 4e3 + 2e7 * unit(uuid, "vbd" + device) * unit(uuid, "disk")
            add("vbd_\(device)_read", rate, rate * 0.8, .bounded(maximum: 2e9))
            add("vbd_\(device)_write", rate * 0.5, rate * 0.4, .bounded(maximum: 2e9))
            add("vbd_\(device)_read_latency", 200 + 800 * unit(uuid, device + "lat"), 150, .bounded(maximum: 1e6))
            add("vbd_\(device)_write_latency", 400 + 1500 * unit(uuid, device + "wlat"), 300, .bounded(maximum: 1e6))
            add("vbd_\(device)_iops_total", rate / 8192, rate / 16384, .bounded(maximum: 1e6))
        }
        return sources
    }

    func sr(_ record: XAPIStruct) -> [RRDDataSource] {
        let uuid = record["uuid"]?.stringValue ?? ""
        let prefix = "sr:" + uuid + ":"
        let size = Double(record["physical_size"]?.intValue ?? 0)
        let used = Double(record["physical_utilisation"]?.intValue ?? 0)
        return [
            RRDDataSource(name: prefix + "size", signal: RRDSignal(base: size, swing: 0, shape: .constant, key: 0)),
            RRDDataSource(name: prefix + "physical_utilisation", signal: RRDSignal(base: used, swing: 0, shape: .constant, key: 0)),
            RRDDataSource(name: prefix + "io_throughput_read", signal: RRDSignal(base: 2e7 * unit(uuid, "r"), swing: 1e7 * unit(uuid, "r"), shape: .bounded(maximum: 4e9), key: key(uuid, "io_throughput_read"))),
            RRDDataSource(name: prefix + "io_throughput_write", signal: RRDSignal(base: 1e7 * unit(uuid, "w"), swing: 5e6 * unit(uuid, "w"), shape: .bounded(maximum: 4e9), key: key(uuid, "io_throughput_write"))),
        ]
    }

    /// Bytes a running domain occupies: VM_metrics.memory_actual, else dynamic max.
    func memoryActual(_ record: XAPIStruct) -> Int64 {
        let actual = database["VM_metrics"][record["metrics"]?.stringValue ?? ""]?["memory_actual"]?.intValue ?? 0
        return actual > 0 ? actual : record["memory_dynamic_max"]?.intValue ?? 0
    }
}
