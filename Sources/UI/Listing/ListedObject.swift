import Inventory
import XAPI

/// One object `xentui ls` prints, with what every format needs: the record as XAPI sends it
/// (for JSON and the filter), its pool and host, and its table cells.
public struct ListedObject: Sendable {
    /// The pool's name_label (the configured name when the pool record has none).
    public var pool: String
    /// For VMs: the resident host's name_label, nil when it runs nowhere.
    public var host: String?
    /// For VMs: the resident host's ref, for grouping in the tree.
    public var hostRef: String?
    public var name: String
    /// A short state for the tree line (power state, enabled, status…), may be empty.
    public var state: String
    /// The record's fields, named as XAPI names them.
    public var fields: XAPIValue
    /// Cells in the order of `ListingColumns.headers(for:)`.
    public var cells: [String]
}

/// The objects of one class in one pool, sorted by name, already filtered.
public struct ListedPool: Sendable {
    public var name: String
    /// Hosts by name (ref, name), for the tree.
    public var hosts: [(ref: String, name: String)]
    public var objects: [ListedObject]
}

/// Picks and describes the objects to list.
public struct InventoryListing: Sendable {
    public var kind: ListingClass
    public var filter: Filter?
    /// Include templates, control domains and snapshots.
    public var all: Bool

    public init(kind: ListingClass = .vm, filter: Filter? = nil, all: Bool = false) {
        self.kind = kind
        self.filter = filter
        self.all = all
    }

    /// The pools in the order given, each with its matching objects sorted by name.
    public func pools(_ inventories: [PoolInventory]) -> [ListedPool] {
        inventories.map(pool)
    }

    func pool(_ inventory: PoolInventory) -> ListedPool {
        let tree = InventoryTree(inventory)
        let poolName = tree.poolName
        let hosts = tree.hosts.map { (ref: $0.ref.rawValue, name: $0.name) }
        var objects: [ListedObject]
        switch kind {
        case .vm: objects = vms(inventory, pool: poolName)
        case .host: objects = listHosts(inventory, pool: poolName)
        case .pool: objects = listPools(inventory, pool: poolName)
        case .sr: objects = records(inventory.srs, name: \.name_label) { ref, sr in
            (sr.type, [sr.name_label, poolName, sr.type, yesNo(sr.shared), bytes(sr.physical_size),
                       bytes(sr.physical_utilisation), sr.uuid])
        }
        case .network: objects = records(inventory.networks, name: \.name_label) { _, network in
            (network.bridge, [network.name_label, poolName, network.bridge, network.uuid])
        }
        case .task: objects = records(inventory.tasks, name: \.name_label) { _, task in
            (task.status.rawValue, [task.name_label, poolName, task.status.rawValue,
                                    String(Int((task.progress * 100).rounded())) + "%", task.created.wireString, task.uuid])
        }
        case .message: objects = records(inventory.messages, name: \.name) { _, message in
            (String(message.priority), [message.name, poolName, String(message.priority), message.cls.rawValue,
                                        message.obj_uuid, message.timestamp.wireString, message.uuid])
        }
        }
        for index in objects.indices { objects[index].pool = poolName }
        if let filter { objects = objects.filter { filter.matches($0.fields) } }
        return ListedPool(name: poolName, hosts: hosts, objects: objects)
    }

    private func vms(_ inventory: PoolInventory, pool: String) -> [ListedObject] {
        let refs = inventory.vms.records.filter { all || InventoryTree.isShown($0.value) }.map(\.key)
        return InventoryTree.sorted(refs, name: { inventory.vms[$0]?.name_label ?? "" }).compactMap { ref in
            guard let vm = inventory.vms[ref] else { return nil }
            let host = vm.resident_on.isNull ? nil : inventory.hosts[vm.resident_on]
            let guest = vm.guest_metrics.isNull ? nil : inventory.vmGuestMetrics[vm.guest_metrics]
            // Windows reports `name|C:\Windows|\Device\…`: the part before the first bar is the OS.
            let osName = guest.map { $0.os_version["name"] ?? $0.os_version["distro"] ?? "" } ?? ""
            let os = String(osName.prefix { $0 != "|" })
            let ip = guest.flatMap { g in g.networks.keys.sorted().first { $0.hasSuffix("/ip") }.flatMap { g.networks[$0] } } ?? ""
            let power = vm.power_state.rawValue
            return ListedObject(
                pool: pool, host: host?.name_label, hostRef: host == nil ? nil : vm.resident_on.rawValue,
                name: vm.name_label, state: power, fields: vm.toXAPIValue(),
                cells: [vm.name_label, power, pool, host?.name_label ?? "", String(vm.VCPUs_at_startup),
                        bytes(vm.memory_static_max), os, ip, vm.uuid])
        }
    }

    private func listHosts(_ inventory: PoolInventory, pool: String) -> [ListedObject] {
        var residents: [Ref<HostRecord>: Int] = [:]
        for vm in inventory.vms.records.values where InventoryTree.isShown(vm) && !vm.resident_on.isNull {
            residents[vm.resident_on, default: 0] += 1
        }
        return records(inventory.hosts, name: \.name_label) { ref, host in
            let metrics = host.metrics.isNull ? nil : inventory.hostMetrics[host.metrics]
            let memory = metrics.map { bytes($0.memory_total) } ?? ""
            return (host.enabled ? "enabled" : "disabled",
                    [host.name_label, pool, host.address, yesNo(host.enabled), String(residents[ref] ?? 0), memory, host.uuid])
        }
    }

    private func listPools(_ inventory: PoolInventory, pool: String) -> [ListedObject] {
        let vmCount = inventory.vms.records.values.filter(InventoryTree.isShown).count
        return records(inventory.pools, name: \.name_label) { _, record in
            let master = record.master.isNull ? "" : inventory.hosts[record.master]?.name_label ?? ""
            return (master, [pool, master, String(inventory.hosts.count), String(vmCount), record.uuid])
        }.map { object in
            var object = object
            object.name = pool
            return object
        }
    }

    /// Every record of a store, by name, with its tree state and table cells.
    private func records<R: XAPIRecord>(
        _ store: RecordStore<R>, name: (R) -> String, describe: (Ref<R>, R) -> (state: String, cells: [String])
    ) -> [ListedObject] {
        InventoryTree.sorted(Array(store.refs), name: { store[$0].map(name) ?? "" }).compactMap { ref in
            guard let record = store[ref] else { return nil }
            let (state, cells) = describe(ref, record)
            return ListedObject(pool: "", host: nil, hostRef: nil, name: name(record), state: state,
                                fields: record.toXAPIValue(), cells: cells)
        }
    }
}

func yesNo(_ value: Bool) -> String { value ? "yes" : "no" }

/// Bytes in binary units with one decimal (`4.0 GiB`); empty for zero.
func bytes(_ value: Int64) -> String {
    guard value > 0 else { return value == 0 ? "" : String(value) }
    let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
    var amount = Double(value)
    var unit = 0
    while amount >= 1024, unit < units.count - 1 {
        amount /= 1024
        unit += 1
    }
    if unit == 0 { return "\(value) B" }
    let tenths = Int((amount * 10).rounded())
    return "\(tenths / 10).\(tenths % 10) \(units[unit])"
}
