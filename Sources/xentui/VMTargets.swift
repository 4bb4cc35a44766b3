import Inventory
import XAPI

/// One VM a command acts on, with its pool.
struct VMTarget: Sendable {
    var poolIndex: Int
    var ref: Ref<VMRecord>
    var record: VMRecord
}

/// Why targets or hosts could not be resolved; printed as is, exit 2.
struct TargetProblem: Error {
    var lines: [String]
}

/// Finds the VMs named on the command line across the opened pools.
struct VMTargetResolver {
    var pools: [OpenPool]

    /// The VMs, in the order named, each once: every TARGET (a uuid, or a name_label naming
    /// exactly one VM), then every VM the filter matches.
    /// A uuid may name any VM but a control domain; names and filters see only real VMs
    /// (templates, snapshots and control domains never).
    func resolve(_ names: [String], filter: Filter?) throws(TargetProblem) -> [VMTarget] {
        var chosen: [VMTarget] = []
        var seen: Set<String> = []
        func add(_ target: VMTarget) {
            let key = target.record.uuid.isEmpty ? "\(target.poolIndex)/\(target.ref.rawValue)" : target.record.uuid
            if seen.insert(key).inserted { chosen.append(target) }
        }
        var problems: [String] = []
        for name in names {
            let candidates = matches(name)
            switch candidates.count {
            case 1: add(candidates[0])
            case 0:
                problems.append(
                    "no VM has the uuid or name \(quoted(name)) in \(poolList) (templates, snapshots and control domains are not targets by name)")
            default:
                problems.append("\(quoted(name)) names \(candidates.count) VMs; give the uuid of the one you mean:")
                problems += candidates.map { "  " + describe($0) }
            }
        }
        if !problems.isEmpty { throw TargetProblem(lines: problems) }
        if let filter {
            for (index, pool) in pools.enumerated() {
                let refs = InventoryTree.sorted(
                    pool.inventory.vms.records.filter { InventoryTree.isShown($0.value) }.map(\.key),
                    name: { pool.inventory.vms[$0]?.name_label ?? "" })
                for ref in refs {
                    guard let record = pool.inventory.vms[ref], filter.matches(record.toXAPIValue()) else { continue }
                    add(VMTarget(poolIndex: index, ref: ref, record: record))
                }
            }
        }
        return chosen
    }

    private func matches(_ name: String) -> [VMTarget] {
        var byUUID: [VMTarget] = []
        var byName: [VMTarget] = []
        for (index, pool) in pools.enumerated() {
            for (ref, record) in pool.inventory.vms.records where !record.is_control_domain {
                if record.uuid.lowercased() == name.lowercased() {
                    byUUID.append(VMTarget(poolIndex: index, ref: ref, record: record))
                } else if record.name_label == name, InventoryTree.isShown(record) {
                    byName.append(VMTarget(poolIndex: index, ref: ref, record: record))
                }
            }
        }
        return byUUID.isEmpty ? byName : byUUID
    }

    /// The host named `name` (name_label or uuid) in the pool of `target`.
    func host(_ name: String, for target: VMTarget, option: String) throws(TargetProblem) -> ActionHost {
        let pool = pools[target.poolIndex]
        let hosts = pool.inventory.hosts.records.filter { _, host in
            host.uuid.lowercased() == name.lowercased() || host.name_label == name
        }
        if hosts.count == 1, let (ref, host) = hosts.elements.first {
            return ActionHost(ref: ref.rawValue, name: host.name_label, uuid: host.uuid)
        }
        let known = pool.inventory.hosts.records.values.map(\.name_label).sorted()
        let what = hosts.isEmpty ? "no host" : "\(hosts.count) hosts"
        throw TargetProblem(lines: [
            "\(option) \(quoted(name)): \(what) of that name or uuid in pool \(quoted(pool.connection.name))"
                + " (the pool of \(quoted(target.record.name_label)))",
            "  its hosts: " + (known.isEmpty ? "none" : known.map(quoted).joined(separator: ", ")),
        ])
    }

    /// `web-01 (uuid …, Running, pool prod)`.
    func describe(_ target: VMTarget) -> String {
        let record = target.record
        var kind = ""
        if record.is_a_template { kind = ", template" } else if record.is_a_snapshot { kind = ", snapshot" }
        return "\(quoted(record.name_label)) (uuid \(record.uuid), \(record.power_state.rawValue)\(kind),"
            + " pool \(quoted(pools[target.poolIndex].connection.name)))"
    }

    private var poolList: String {
        let names = pools.map { quoted($0.connection.name) }
        return names.count == 1 ? "pool " + names[0] : "pools " + names.joined(separator: ", ")
    }
}

/// A name as typed, quoted and made printable.
func quoted(_ text: String) -> String { "'" + PrintableText.escaped(text) + "'" }
