import TestSupport
import OrderedCollections
import Testing
import XAPI
@testable import XAPISim

private func isUUID(_ text: String) -> Bool {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.map(\.count) == [8, 4, 4, 4, 12] else { return false }
    return parts.allSatisfy { $0.allSatisfy { $0.isHexDigit && !$0.isUppercase } }
}

/// Whether `value` has the wire shape of `type` (ints as .int, maps as structs, …).
private func matches(_ value: XAPIValue, _ type: XAPIFieldType) -> Bool {
    switch (type, value) {
    case (.string, .string), (.enumeration, .string), (.ref, .string), (.int, .int), (.float, .double), (.bool, .bool),
        (.datetime, .dateTime):
        return true
    case (.set(let element), .array(let items)): return items.allSatisfy { matches($0, element) }
    case (.map(_, let valueType), .structure(let map)): return map.values.allSatisfy { matches($0, valueType) }
    default: return false
    }
}

private func regularVMs(_ db: SimDatabase) -> [(String, XAPIStruct)] {
    db["VM"].filter {
        $0.value["is_a_template"] == .bool(false) && $0.value["is_a_snapshot"] == .bool(false)
            && $0.value["is_control_domain"] == .bool(false)
    }.map { ($0.key, $0.value) }
}

@Suite(.ownThread) struct DataGeneratorTests {
    @Test func deterministicForASeed() {
        let a = SimDatabase.generate(pools: 2, hosts: 3, vms: 50, seed: 42)
        let b = SimDatabase.generate(pools: 2, hosts: 3, vms: 50, seed: 42)
        let c = SimDatabase.generate(pools: 2, hosts: 3, vms: 50, seed: 43)
        #expect(a == b)
        #expect(a != c)
        // A pool does not depend on how many pools follow it.
        #expect(SimDatabase.generate(pools: 1, hosts: 3, vms: 50, seed: 42)[0] == a[0])
    }

    @Test func countsAndNames() {
        let pools = SimDatabase.generate(pools: 7, hosts: 4, vms: 120, seed: 7)
        #expect(pools.count == 7)
        #expect(pools.map { $0["pool"].values.first?["name_label"]?.stringValue ?? "" }
            == ["prod", "lab", "dev", "staging", "dr", "edge", "pool-07"])
        for db in pools {
            #expect(db["pool"].count == 1)
            #expect(db["host"].count == 4)
            #expect(regularVMs(db).count == 120)
            #expect(db["VM"].values.filter { $0["is_control_domain"] == .bool(true) }.count == 4)
            #expect(db["VM"].values.contains { $0["is_default_template"] == .bool(true) && $0["name_label"] == .string("Debian Bookworm 12") })
            #expect(db["task"].isEmpty)
            #expect(!db["message"].isEmpty)
        }
        let demo = SimDatabase.demoPools(seed: 1)
        #expect(demo.map { $0["host"].count } == [8, 3])
        #expect(demo.map { regularVMs($0).count }.reduce(0, +) == 360)
        #expect(Set(pools.flatMap { $0["host"].values.compactMap { $0["name_label"]?.stringValue } }).count == 28)
    }

    @Test func everyFieldIsASchemaFieldOfTheRightType() throws {
        let db = SimDatabase.generate(pools: 1, hosts: 3, vms: 200, seed: 5)[0]
        for (className, table) in db.tables {
            let schema = try #require(XAPISchema.lookup(className), "unknown class \(className)")
            var types = [String: XAPIFieldType]()
            for field in schema.fields { types[field.name] = field.type }
            for (ref, record) in table {
                #expect(ref.hasPrefix("OpaqueRef:") && isUUID(String(ref.dropFirst(10))))
                #expect(isUUID(record["uuid"]?.stringValue ?? ""), "\(className) \(ref) uuid")
                for (field, value) in record {
                    guard let type = types[field] else {
                        Issue.record("\(className).\(field) is not in the schema")
                        continue
                    }
                    #expect(matches(value, type), "\(className).\(field) = \(value) is not a \(type)")
                }
            }
        }
    }

    @Test func referencesResolveAndAgreeBothWays() {
        let db = SimDatabase.generate(pools: 1, hosts: 5, vms: 400, seed: 11)[0]
        // Every ref field points at an existing object of its class (or NULL).
        for (className, table) in db.tables {
            guard let schema = XAPISchema.lookup(className) else { continue }
            for field in schema.fields {
                let targetClass: String
                switch field.type {
                case .ref(let target), .set(.ref(let target)): targetClass = target
                default: continue
                }
                for (ref, record) in table {
                    let values = record[field.name].map { $0.arrayValue ?? [$0] } ?? []
                    for value in values {
                        let target = value.stringValue ?? ""
                        #expect(target == "OpaqueRef:NULL" || db[targetClass][target] != nil,
                                "\(className) \(ref).\(field.name) → missing \(targetClass) \(target)")
                    }
                }
            }
        }
        // Sets the generator wrote equal the ones derived from the children.
        var relinked = db
        StateDB.relink(&relinked)
        for relation in StateDB.relations {
            for (ref, record) in db[relation.parent] {
                let written = Set(record[relation.set]?.arrayValue?.compactMap(\.stringValue) ?? [])
                let derived = Set(relinked[relation.parent][ref]?[relation.set]?.arrayValue?.compactMap(\.stringValue) ?? [])
                #expect(written == derived, "\(relation.parent) \(ref).\(relation.set)")
            }
        }
    }

    @Test func powerStatesPlacementAndMemory() throws {
        let db = SimDatabase.generate(pools: 1, hosts: 4, vms: 1000, seed: 3)[0]
        let vms = regularVMs(db)
        var states = [String: Int]()
        var used = [String: Int64]()
        for (_, vm) in db["VM"] {
            let state = vm["power_state"]?.stringValue ?? ""
            let host = vm["resident_on"]?.stringValue ?? ""
            if state == "Running" || state == "Paused" {
                #expect(db["host"][host] != nil)
                #expect((vm["domid"]?.intValue ?? -1) >= 0)
                used[host, default: 0] += vm["memory_dynamic_max"]?.intValue ?? 0
                let consoles = vm["consoles"]?.arrayValue?.compactMap { db["console"][$0.stringValue ?? ""]?["protocol"]?.stringValue }
                // A text console for PV guests and dom0, as xapi makes them; HVM guests only have rfb.
                let text = vm["is_control_domain"]?.boolValue == true || vm["domain_type"]?.stringValue == "pv"
                #expect(consoles.map(Set.init) == (text ? ["rfb", "vt100"] : ["rfb"]))
            } else {
                #expect(host == "OpaqueRef:NULL")
            }
            let staticMin = vm["memory_static_min"]?.intValue ?? -1, dynamicMin = vm["memory_dynamic_min"]?.intValue ?? -1
            let dynamicMax = vm["memory_dynamic_max"]?.intValue ?? -1, staticMax = vm["memory_static_max"]?.intValue ?? -1
            #expect(staticMin <= dynamicMin && dynamicMin <= dynamicMax && dynamicMax <= staticMax)
        }
        for (_, vm) in vms { states[vm["power_state"]?.stringValue ?? "", default: 0] += 1 }
        #expect((states["Running"] ?? 0) > 600)
        #expect((states["Halted"] ?? 0) > 50)
        #expect((states["Suspended"] ?? 0) > 10)
        #expect((states["Paused"] ?? 0) > 5)
        for (ref, host) in db["host"] {
            let total = db["host_metrics"][host["metrics"]?.stringValue ?? ""]?["memory_total"]?.intValue ?? 0
            #expect(used[ref, default: 0] <= total, "host \(ref) overcommitted")
        }
        // Some guests lack PV drivers or guest metrics; one has blocked operations; some have snapshots.
        let guestMetrics = vms.compactMap { db["VM_guest_metrics"][$0.1["guest_metrics"]?.stringValue ?? ""] }
        #expect(guestMetrics.contains { $0["PV_drivers_detected"] == .bool(false) })
        #expect(guestMetrics.contains { $0["networks"]?["0/ip"] != nil && $0["os_version"]?["distro"] != nil })
        #expect(vms.filter { $0.1["power_state"] == .string("Running") && $0.1["guest_metrics"] == .string("OpaqueRef:NULL") }.count > 0)
        #expect(vms.filter { $0.1["blocked_operations"] != .structure([:]) }.count == 1)
        let snapshots = db["VM"].values.filter { $0["is_a_snapshot"] == .bool(true) }
        #expect(!snapshots.isEmpty)
        for snapshot in snapshots {
            #expect(snapshot["power_state"] == .string("Halted"))
            #expect(db["VM"][snapshot["snapshot_of"]?.stringValue ?? ""] != nil)
        }
    }

    @Test func allowedOperationsFitThePowerState() throws {
        let known = Set(try #require(XAPISchema.enums["vm_operations"]))
        let db = SimDatabase.generate(pools: 1, hosts: 2, vms: 300, seed: 9)[0]
        for (_, vm) in regularVMs(db) {
            let ops = Set(vm["allowed_operations"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            #expect(ops.isSubset(of: known), "\(ops.subtracting(known))")
            switch vm["power_state"]?.stringValue {
            case "Halted": #expect(ops.contains("start") && !ops.contains("hard_shutdown"))
            case "Running": #expect(ops.contains("hard_shutdown") && !ops.contains("start"))
            case "Suspended": #expect(ops.contains("resume") && !ops.contains("start"))
            case "Paused": #expect(ops.contains("unpause"))
            default: Issue.record("bad power state")
            }
        }
    }

    @Test func storageSizesAgreeWithDisks() {
        let db = SimDatabase.generate(pools: 2, hosts: 3, vms: 300, seed: 21)[1]
        for (ref, sr) in db["SR"] {
            let vdis = db["VDI"].values.filter { $0["SR"] == .string(ref) }
            let allocated = vdis.reduce(Int64(0)) { $0 + ($1["virtual_size"]?.intValue ?? 0) }
            #expect(sr["virtual_allocation"] == .int(allocated))
            #expect((sr["physical_utilisation"]?.intValue ?? 0) <= (sr["physical_size"]?.intValue ?? 0))
        }
        let hosts = db["host"].count
        #expect(db["SR"].values.filter { $0["name_label"] == .string("Local storage") }.count == hosts)
        #expect(db["SR"].values.contains { $0["content_type"] == .string("iso") && $0["shared"] == .bool(true) })
        #expect(db["PBD"].count == hosts * 3)
        #expect(db["PIF"].values.filter { $0["management"] == .bool(true) }.count == hosts)
    }

    /// Doubling the guests must roughly double the time (a quadratic step would quadruple it).
    /// Debug builds are ~50× slower than release, so absolute times are not asserted here.
    @Test func generationTimeGrowsLinearly() {
        _ = SimDatabase.generate(pools: 1, hosts: 20, vms: 200, seed: 1)  // warm up lazy statics
        // CPU time, not wall-clock time: in a parallel run the other suites' load varies between the two.
        let small = threadCPUTime { _ = SimDatabase.generate(pools: 1, hosts: 20, vms: 1_500, seed: 1) }
        let large = threadCPUTime { _ = SimDatabase.generate(pools: 1, hosts: 20, vms: 6_000, seed: 1) }
        #expect(large < small * 8, "1,500 guests: \(small), 6,000 guests: \(large)")
    }
}
