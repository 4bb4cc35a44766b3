import XAPI

/// The tree the UI shows for one pool: hosts (by name) with their running VMs (by name),
/// VMs that run nowhere under the pool, then SRs and networks. Templates, control domains
/// and snapshots stay in the stores but not in the tree. A pure function of the inventory.
public struct InventoryTree: Sendable, Equatable {
    public struct HostNode: Sendable, Equatable {
        public var ref: Ref<HostRecord>
        public var name: String
        /// Running, paused (and any other resident) VMs on this host, by name.
        public var vms: [Ref<VMRecord>]
    }

    public var poolName: String
    public var pool: Ref<PoolRecord>?
    public var hosts: [HostNode]
    /// Halted and suspended VMs, and VMs resident on a host the inventory does not know.
    public var unplacedVMs: [Ref<VMRecord>]
    public var srs: [Ref<SRRecord>]
    public var networks: [Ref<NetworkRecord>]

    public init(_ inventory: PoolInventory) {
        pool = inventory.pools.refs.first
        let poolRecordName = pool.flatMap { inventory.pools[$0]?.name_label } ?? ""
        poolName = poolRecordName.isEmpty ? inventory.name : poolRecordName

        var byHost: [Ref<HostRecord>: [Ref<VMRecord>]] = [:]
        var unplaced: [Ref<VMRecord>] = []
        for (ref, vm) in inventory.vms.records where Self.isShown(vm) {
            if !vm.resident_on.isNull, inventory.hosts[vm.resident_on] != nil {
                byHost[vm.resident_on, default: []].append(ref)
            } else {
                unplaced.append(ref)
            }
        }
        let vmName = { (ref: Ref<VMRecord>) in inventory.vms[ref]?.name_label ?? "" }
        hosts = Self.sorted(Array(inventory.hosts.refs), name: { inventory.hosts[$0]?.name_label ?? "" }).map { ref in
            HostNode(ref: ref, name: inventory.hosts[ref]?.name_label ?? "", vms: Self.sorted(byHost[ref] ?? [], name: vmName))
        }
        unplacedVMs = Self.sorted(unplaced, name: vmName)
        srs = Self.sorted(Array(inventory.srs.refs), name: { inventory.srs[$0]?.name_label ?? "" })
        networks = Self.sorted(Array(inventory.networks.refs), name: { inventory.networks[$0]?.name_label ?? "" })
    }

    /// Real VMs only: not templates, not dom0s, not snapshots.
    public static func isShown(_ vm: VMRecord) -> Bool {
        !vm.is_a_template && !vm.is_control_domain && !vm.is_a_snapshot
    }

    /// By name, case-insensitively, with numbers in natural order (`vm-2` before `vm-10`); refs break ties.
    public static func sorted<T>(_ refs: [Ref<T>], name: (Ref<T>) -> String) -> [Ref<T>] {
        let keyed = refs.map { (ref: $0, key: NameKey($0.rawValue, name($0))) }
        return keyed.sorted { $0.key < $1.key }.map(\.ref)
    }
}

/// A sort key for names: case-insensitive, runs of digits compared as numbers.
struct NameKey: Comparable {
    enum Part: Comparable {
        case number(Int, String)
        case text(String)
    }
    var parts: [Part]
    var tieBreak: String

    init(_ tieBreak: String, _ name: String) {
        self.tieBreak = tieBreak
        parts = []
        var current = ""
        var inDigits = false
        for c in name.lowercased() {
            let digit = c.isASCII && c.isNumber
            if !current.isEmpty, digit != inDigits {
                parts.append(Self.part(current, digits: inDigits))
                current = ""
            }
            inDigits = digit
            current.append(c)
        }
        if !current.isEmpty { parts.append(Self.part(current, digits: inDigits)) }
    }

    private static func part(_ text: String, digits: Bool) -> Part {
        if digits, let value = Int(text) { return .number(value, text) }
        return .text(text)
    }

    static func < (a: NameKey, b: NameKey) -> Bool {
        if a.parts != b.parts { return a.parts.lexicographicallyPrecedes(b.parts) }
        return a.tieBreak < b.tieBreak
    }
}
