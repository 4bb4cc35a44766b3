import XAPI

/// Turns the data sources of one `/rrd_updates` reply into the metrics xentui shows, per
/// object uuid and row. Only AVERAGE columns of hosts and VMs are read; data sources xentui
/// does not know (`runstate_*`, `xapi_*`, SRs, newer ones) are ignored, and a value that is
/// NaN or missing leaves a gap.
public struct StatsSample: Sendable {
    public enum ObjectClass: String, Sendable { case host, vm }

    /// uuid → (class, rows of (time, metric values)).
    public private(set) var objects: [String: (objectClass: ObjectClass, rows: [(time: Int64, metrics: [StatsMetric: Double])])] = [:]

    public init(_ updates: RRDUpdates) {
        // Columns of each object, by data source name.
        var columns: [String: (ObjectClass, [String: Int])] = [:]
        for (index, entry) in updates.legend.enumerated() where entry.consolidation == "AVERAGE" {
            guard let objectClass = ObjectClass(rawValue: entry.objectClass), !entry.uuid.isEmpty else { continue }
            columns[entry.uuid, default: (objectClass, [:])].1[entry.name] = index
        }
        // A host's disk traffic: its resident VMs' (all VMs of a reply are resident on its host).
        let hostUUIDs = columns.filter { $0.value.0 == .host }.map(\.key)
        for (uuid, (objectClass, names)) in columns {
            var rows: [(Int64, [StatsMetric: Double])] = []
            rows.reserveCapacity(updates.rows.count)
            for row in updates.rows {
                var metrics: [StatsMetric: Double] = [:]
                switch objectClass {
                case .vm: metrics = Self.vmMetrics(names, row.values)
                case .host: metrics = Self.hostMetrics(names, row.values)
                }
                rows.append((row.time, metrics))
            }
            objects[uuid] = (objectClass, rows)
        }
        if hostUUIDs.count == 1, let host = hostUUIDs.first, var hostObject = objects[host] {
            let vms = objects.values.filter { $0.objectClass == .vm }
            for (index, row) in hostObject.rows.enumerated() {
                for metric in [StatsMetric.diskRead, .diskWrite] {
                    let parts = vms.compactMap { index < $0.rows.count ? $0.rows[index].metrics[metric] : nil }
                    hostObject.rows[index].metrics[metric] = Self.sum(parts)
                }
                _ = row
            }
            objects[host] = hostObject
        }
    }

    static func vmMetrics(_ names: [String: Int], _ values: [Double]) -> [StatsMetric: Double] {
        func value(_ name: String) -> Double? { names[name].flatMap { $0 < values.count ? values[$0] : nil } }
        var metrics: [StatsMetric: Double] = [:]
        metrics[.cpu] = value("cpu_usage") ?? mean(matching(names, values) { isNumbered($0, prefix: "cpu") })
        if let memory = value("memory") {
            metrics[.memoryTotal] = memory
            // memory_internal_free is in KiB, and reported only with guest tools.
            if let free = value("memory_internal_free"), free.isFinite {
                metrics[.memory] = max(memory - free * 1024, 0)
            } else {
                metrics[.memory] = memory
            }
        }
        metrics[.networkReceive] = sum(matching(names, values) { $0.hasPrefix("vif_") && $0.hasSuffix("_rx") })
        metrics[.networkSend] = sum(matching(names, values) { $0.hasPrefix("vif_") && $0.hasSuffix("_tx") })
        metrics[.diskRead] = sum(matching(names, values) { isVBDRate($0, "_read") })
        metrics[.diskWrite] = sum(matching(names, values) { isVBDRate($0, "_write") })
        return metrics.filter { !$0.value.isNaN }
    }

    static func hostMetrics(_ names: [String: Int], _ values: [Double]) -> [StatsMetric: Double] {
        func value(_ name: String) -> Double? { names[name].flatMap { $0 < values.count ? values[$0] : nil } }
        var metrics: [StatsMetric: Double] = [:]
        metrics[.cpu] = value("cpu_avg") ?? mean(matching(names, values) { isNumbered($0, prefix: "cpu") })
        if let total = value("memory_total_kib"), total.isFinite {
            metrics[.memoryTotal] = total * 1024
            if let free = value("memory_free_kib"), free.isFinite { metrics[.memory] = max(total - free, 0) * 1024 }
        }
        func physical(_ suffix: String) -> Double {
            value("pif_aggr" + suffix)
                ?? sum(matching(names, values) { $0.hasPrefix("pif_") && $0.hasSuffix(suffix) && $0 != "pif_aggr" + suffix })
        }
        metrics[.networkReceive] = physical("_rx")
        metrics[.networkSend] = physical("_tx")
        return metrics.filter { !$0.value.isNaN }
    }

    /// `vbd_xvda_read`, not `vbd_xvda_read_latency`, `vbd_xvda_iops_read` or `…_io_throughput_read`.
    static func isVBDRate(_ name: String, _ suffix: String) -> Bool {
        name.hasPrefix("vbd_") && name.hasSuffix(suffix) && !name.contains("_iops_") && !name.contains("_io_throughput_")
    }

    /// `cpu0`, `cpu12`.
    static func isNumbered(_ name: String, prefix: String) -> Bool {
        name.hasPrefix(prefix) && name.count > prefix.count && name.dropFirst(prefix.count).allSatisfy(\.isASCIIDigit)
    }

    static func matching(_ names: [String: Int], _ values: [Double], _ wanted: (String) -> Bool) -> [Double] {
        names.filter { wanted($0.key) && $0.value < values.count }.map { values[$0.value] }
    }

    /// The sum of the finite parts; NaN (a gap) when none is.
    static func sum(_ parts: [Double]) -> Double {
        let finite = parts.filter(\.isFinite)
        return finite.isEmpty ? .nan : finite.reduce(0, +)
    }

    static func mean(_ parts: [Double]) -> Double {
        let finite = parts.filter(\.isFinite)
        return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
