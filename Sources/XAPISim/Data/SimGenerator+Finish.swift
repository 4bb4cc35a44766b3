import OrderedCollections
import XAPI

/// The last steps: alerts in the message log, and SR sizes that agree with their VDIs.
extension SimPoolGenerator {
    mutating func makeMessages() {
        let count = min(8 + vmCount / 50, 60)
        let running = messageSubjects.filter { $0.live }
        for _ in 0..<count {
            let ref = newRef()
            let time = now - Int64(rng.int(60...(7 * 86_400)))
            let host = hostsInfo.isEmpty ? nil : rng.pick(hostsInfo)
            let guest = messageSubjects.isEmpty ? nil : rng.pick(running.isEmpty ? messageSubjects : running)
            let kind = rng.weighted([("VM_STARTED", 4), ("VM_SHUTDOWN", 2), ("VM_REBOOTED", 2), ("ALARM_CPU", 2),
                                     ("ALARM_MEMORY", 1), ("HOST_CLOCK_SKEW_DETECTED", 1), ("POOL_MASTER_TRANSITION", 1)])
            var name = kind
            var priority: Int64 = 5
            var cls = "VM"
            var subject = guest?.uuid ?? ""
            var body = ""
            switch kind {
            case "VM_STARTED": body = "VM '\(guest?.name ?? "")' started on host '\(host?.name ?? "")'"
            case "VM_SHUTDOWN": body = "VM '\(guest?.name ?? "")' shut down"
            case "VM_REBOOTED": body = "VM '\(guest?.name ?? "")' rebooted"
            case "ALARM_CPU":
                name = "ALARM"; priority = 3
                body = "value: 0.\(rng.int(91...99))0000\nconfig:\n<variable>\n\t<name value=\"cpu_usage\"/>\n\t<alarm_trigger_level value=\"0.9\"/>\n\t<alarm_trigger_period value=\"60\"/>\n\t<alarm_auto_inhibit_period value=\"3600\"/>\n</variable>\n"
            case "ALARM_MEMORY":
                name = "ALARM"; priority = 3; cls = "Host"; subject = host?.uuid ?? ""
                body = "value: \(rng.int(100_000...400_000)).000000\nconfig:\n<variable>\n\t<name value=\"memory_free_kib\"/>\n\t<alarm_trigger_level value=\"524288\"/>\n</variable>\n"
            case "HOST_CLOCK_SKEW_DETECTED":
                priority = 3; cls = "Host"; subject = host?.uuid ?? ""
                body = "The clock on server '\(host?.name ?? "")' is not synchronized with the clock on the pool master by \(rng.int(5...60)) seconds"
            default:
                priority = 4; cls = "Pool"; subject = tables["pool"]?[poolRef]?["uuid"]?.stringValue ?? ""
                body = "The pool master changed to server '\(hostsInfo.first?.name ?? "")'"
            }
            insert("message", ref, [
                "uuid": .string(rng.uuid()), "name": .string(name), "priority": .int(priority), "cls": .string(cls),
                "obj_uuid": .string(subject), "timestamp": SimField.time(time), "body": .string(body),
            ])
        }
    }

    /// SR sizes follow from their VDIs; every SR keeps free room.
    mutating func finishStorageSizes() {
        var virtual = [String: Int64]()
        var physical = [String: Int64]()
        for record in (tables["VDI"] ?? [:]).values {
            guard let sr = record["SR"]?.stringValue else { continue }
            virtual[sr, default: 0] += record["virtual_size"]?.intValue ?? 0
            physical[sr, default: 0] += record["physical_utilisation"]?.intValue ?? 0
        }
        guard let refs = tables["SR"]?.keys else { return }
        for sr in refs {
            let used = physical[sr] ?? 0
            let allocated = virtual[sr] ?? 0
            var size = tables["SR"]?[sr]?["physical_size"]?.intValue ?? 0
            if size < used + used / 3 {
                // Shared arrays come in whole TiB.
                size = (used + used / 3 + SimSize.tib - 1) / SimSize.tib * SimSize.tib
                size = max(size, 4 * SimSize.tib)
            }
            tables["SR"]?[sr]?["physical_size"] = .int(size)
            tables["SR"]?[sr]?["physical_utilisation"] = .int(used)
            tables["SR"]?[sr]?["virtual_allocation"] = .int(allocated)
        }
    }
}
