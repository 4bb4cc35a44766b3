import OrderedCollections
import XAPI

extension StateDB {
    /// One-to-many relations: xapi stores only the child's ref field and derives the parent's
    /// set from it, so older dumps lack the sets (VM.VIFs, SR.VDIs, host.resident_VMs, …).
    static let relations: [(child: String, field: String, parent: String, set: String)] = [
        ("VIF", "VM", "VM", "VIFs"), ("VIF", "network", "network", "VIFs"),
        ("VBD", "VM", "VM", "VBDs"), ("VBD", "VDI", "VDI", "VBDs"),
        ("console", "VM", "VM", "consoles"), ("crashdump", "VM", "VM", "crash_dumps"),
        ("VTPM", "VM", "VM", "VTPMs"), ("VGPU", "VM", "VM", "VGPUs"), ("VUSB", "VM", "VM", "VUSBs"),
        ("VM", "snapshot_of", "VM", "snapshots"), ("VM", "parent", "VM", "children"),
        ("VM", "resident_on", "host", "resident_VMs"),
        ("VDI", "SR", "SR", "VDIs"), ("VDI", "snapshot_of", "VDI", "snapshots"), ("crashdump", "VDI", "VDI", "crash_dumps"),
        ("PBD", "SR", "SR", "PBDs"), ("PBD", "host", "host", "PBDs"),
        ("PIF", "host", "host", "PIFs"), ("PIF", "network", "network", "PIFs"),
        ("host_cpu", "host", "host", "host_CPUs"), ("host_crashdump", "host", "host", "crashdumps"),
        ("host_patch", "host", "host", "patches"), ("PCI", "host", "host", "PCIs"), ("PGPU", "host", "host", "PGPUs"),
        ("PUSB", "host", "host", "PUSBs"), ("Bond", "master", "PIF", "bond_master_of"),
        ("VLAN", "tagged_PIF", "PIF", "VLAN_slave_of"),
    ]

    /// Rebuilds every parent set from its children (in the children's table order).
    static func relink(_ database: inout SimDatabase) {
        for relation in relations {
            guard let children = database.tables[relation.child], var parents = database.tables[relation.parent],
                !parents.isEmpty
            else { continue }
            var members = [String: [XAPIValue]]()
            for (ref, child) in children {
                guard let parent = child[relation.field]?.stringValue, parent != "OpaqueRef:NULL", parents[parent] != nil
                else { continue }
                members[parent, default: []].append(.string(ref))
            }
            for ref in parents.keys {
                parents[ref]?[relation.set] = .array(members[ref] ?? [])
            }
            database.tables[relation.parent] = parents
        }
    }
}
