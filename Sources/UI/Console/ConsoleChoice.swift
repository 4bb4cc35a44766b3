import Inventory
import XAPI

/// A text console the user asked to attach to; the controller opens it.
public struct ConsoleRequest: Hashable, Sendable {
    public var pool: String
    /// Whose console it is, for messages: the VM's name, or the host's.
    public var name: String
    /// The console's `location` (`https://HOST/console?ref=…`).
    public var location: String
}

/// Which console `c` attaches to for the selection: the vt100 console of a running VM, or of
/// a host's control domain. A graphical (rfb) console cannot be shown in a terminal: then the
/// answer says where the VM runs and how to reach its VNC display from outside.
enum ConsoleChoice: Equatable {
    case text(ConsoleRequest)
    case graphicalOnly(message: String, xe: String)
    case unavailable(String)

    static func choose(_ id: TreeNodeID?, pools: [PoolEntry]) -> ConsoleChoice {
        let select = "console: select a running VM or a host"
        guard let id, let pool = pools.first(where: { $0.name == id.pool }) else { return .unavailable(select) }
        let inventory = pool.inventory
        let vmRef: Ref<VMRecord>
        let name: String
        switch id.kind {
        case .vm:
            vmRef = Ref(id.ref)
            name = inventory.vms[vmRef]?.name_label ?? id.ref
        case .host:
            let hostRef = Ref<HostRecord>(id.ref)
            guard let host = inventory.hosts[hostRef] else { return .unavailable(select) }
            name = host.name_label
            vmRef = host.control_domain.isNull
                ? inventory.vms.records.first { $0.value.is_control_domain && $0.value.resident_on == hostRef }?.key ?? .null
                : host.control_domain
        default:
            return .unavailable("\(select) (a \(id.kind.label) has no console)")
        }
        guard let vm = inventory.vms[vmRef] else { return .unavailable("console: \(name) is not known to the pool any more") }
        guard vm.power_state == .running else {
            return .unavailable("console: \(name) is \(vm.power_state.rawValue); only a running VM has a console")
        }
        let consoles = inventory.consoles.records.values.filter { $0.VM == vmRef }
        if let text = consoles.first(where: { $0.protocol == .vt100 }) {
            return .text(ConsoleRequest(pool: pool.name, name: name, location: text.location))
        }
        guard consoles.contains(where: { $0.protocol == .rfb }) else {
            return .unavailable("console: \(name) has no console (xapi makes them as the VM starts)")
        }
        let host = inventory.hosts[vm.resident_on]
        let address = host?.address ?? "HOST"
        let hostName = host?.name_label ?? "its host"
        // qemu's VNC display of a domain is a socket in the host's dom0 (what xapi proxies).
        let tunnel = "ssh -N -L 5900:/var/run/xen/vnc-\(vm.domid) root@\(address)"
        return .graphicalOnly(
            message: "console: \(name) has only a graphical (rfb) console, which a terminal cannot show. It runs on "
                + "\(hostName) (\(address)): \(tunnel), then vncviewer localhost:5900",
            xe: "xe console-list vm-uuid=\(vm.uuid) params=protocol,location")
    }
}

extension TreeNodeKind {
    fileprivate var label: String {
        switch self {
        case .pool: "pool"
        case .host: "host"
        case .vm: "VM"
        case .storageGroup, .sr: "storage repository"
        case .networkGroup, .network: "network"
        }
    }
}
