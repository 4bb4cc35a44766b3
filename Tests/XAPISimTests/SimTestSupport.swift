import OrderedCollections
import Synchronization
import XAPI

@testable import XAPISim

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let time = Mutex<Double>(1_700_000_000)
    var now: Double { time.withLock { $0 } }
    func advance(_ seconds: Double) { time.withLock { $0 += seconds } }
    var clock: SimClock { { [self] in self.now } }
}

let gib: Int64 = 1 << 30

enum Refs {
    static let pool = "OpaqueRef:pool-1"
    static let host1 = "OpaqueRef:host-1"
    static let host2 = "OpaqueRef:host-2"
    static let hostMetrics1 = "OpaqueRef:host-metrics-1"
    static let hostMetrics2 = "OpaqueRef:host-metrics-2"
    static let dom0 = "OpaqueRef:vm-dom0"
    static let web = "OpaqueRef:vm-web"
    static let db = "OpaqueRef:vm-db"
    static let template = "OpaqueRef:vm-template"
    static let big = "OpaqueRef:vm-big"
    static let webMetrics = "OpaqueRef:vm-metrics-web"
    static let dbMetrics = "OpaqueRef:vm-metrics-db"
    static let webGuest = "OpaqueRef:guest-web"
    static let sr = "OpaqueRef:sr-1"
    static let sr2 = "OpaqueRef:sr-2"
    static let vdi = "OpaqueRef:vdi-web"
    static let vbd = "OpaqueRef:vbd-web"
    static let vif = "OpaqueRef:vif-web"
    static let network = "OpaqueRef:net-1"
}

private func vm(
    _ name: String, power: String, host: String = "OpaqueRef:NULL", memory: Int64, metrics: String = "OpaqueRef:NULL",
    template: Bool = false, controlDomain: Bool = false, vbds: [String] = [], vifs: [String] = [],
    guest: String = "OpaqueRef:NULL"
) -> XAPIStruct {
    [
        "uuid": .string("uuid-\(name)"), "name_label": .string(name), "name_description": "", "power_state": .string(power),
        "resident_on": .string(host), "affinity": "OpaqueRef:NULL", "is_a_template": .bool(template),
        "is_default_template": false, "is_a_snapshot": false, "snapshot_of": "OpaqueRef:NULL", "snapshots": [],
        "is_control_domain": .bool(controlDomain), "domid": .int(power == "Running" ? 1 : -1),
        "memory_static_max": .int(memory), "memory_dynamic_max": .int(memory), "memory_dynamic_min": .int(memory),
        "VCPUs_max": 2, "VCPUs_at_startup": 2, "metrics": .string(metrics), "guest_metrics": .string(guest),
        "VBDs": .array(vbds.map { .string($0) }), "VIFs": .array(vifs.map { .string($0) }), "consoles": [],
        "allowed_operations": [], "current_operations": [:], "blocked_operations": [:], "tags": [], "other_config": [:],
    ]
}

/// A small pool: two 16 GiB hosts, dom0 and `db` running on host 1, `web` and `big` halted, a template.
func makeDatabase() -> SimDatabase {
    var db = SimDatabase()
    db["pool"] = [Refs.pool: ["uuid": "uuid-pool", "name_label": "lab", "master": .string(Refs.host1), "tags": [], "other_config": [:]]]
    db["host"] = [
        Refs.host1: [
            "uuid": "uuid-host-1", "name_label": "host-1", "enabled": true, "metrics": .string(Refs.hostMetrics1),
            "resident_VMs": [.string(Refs.dom0), .string(Refs.db)], "address": "10.0.0.1", "tags": [], "other_config": [:],
        ],
        Refs.host2: [
            "uuid": "uuid-host-2", "name_label": "host-2", "enabled": true, "metrics": .string(Refs.hostMetrics2),
            "resident_VMs": [], "address": "10.0.0.2", "tags": [], "other_config": [:],
        ],
    ]
    db["host_metrics"] = [
        Refs.hostMetrics1: ["uuid": "uuid-hm-1", "memory_total": .int(16 * gib), "live": true],
        Refs.hostMetrics2: ["uuid": "uuid-hm-2", "memory_total": .int(16 * gib), "live": true],
    ]
    db["VM"] = [
        Refs.dom0: vm("dom0", power: "Running", host: Refs.host1, memory: 2 * gib, controlDomain: true),
        Refs.db: vm("db", power: "Running", host: Refs.host1, memory: 8 * gib, metrics: Refs.dbMetrics),
        Refs.web: vm(
            "web", power: "Halted", memory: 4 * gib, metrics: Refs.webMetrics, vbds: [Refs.vbd], vifs: [Refs.vif],
            guest: Refs.webGuest),
        Refs.template: vm("Debian 12", power: "Halted", memory: 1 * gib, template: true),
        Refs.big: vm("big", power: "Halted", memory: 32 * gib),
    ]
    db["VM_metrics"] = [
        Refs.webMetrics: ["uuid": "uuid-vmm-web", "memory_actual": 0, "VCPUs_number": 0, "start_time": .dateTime(.epoch)],
        Refs.dbMetrics: ["uuid": "uuid-vmm-db", "memory_actual": .int(8 * gib), "VCPUs_number": 2, "start_time": .dateTime(.epoch)],
    ]
    db["VM_guest_metrics"] = [Refs.webGuest: ["uuid": "uuid-gm-web", "live": false, "networks": [:]]]
    db["SR"] = [
        Refs.sr: ["uuid": "uuid-sr-1", "name_label": "Local storage", "VDIs": [.string(Refs.vdi)], "other_config": [:], "tags": []],
        Refs.sr2: ["uuid": "uuid-sr-2", "name_label": "NFS", "VDIs": [], "other_config": [:], "tags": []],
    ]
    db["VDI"] = [
        Refs.vdi: [
            "uuid": "uuid-vdi-web", "name_label": "web disk", "SR": .string(Refs.sr), "VBDs": [.string(Refs.vbd)],
            "is_a_snapshot": false, "snapshot_of": "OpaqueRef:NULL", "snapshots": [], "virtual_size": .int(10 * gib),
        ]
    ]
    db["VBD"] = [
        Refs.vbd: [
            "uuid": "uuid-vbd-web", "VM": .string(Refs.web), "VDI": .string(Refs.vdi), "type": "Disk", "empty": false,
            "device": "xvda", "userdevice": "0", "currently_attached": false,
        ]
    ]
    db["network"] = [Refs.network: ["uuid": "uuid-net-1", "name_label": "Pool-wide network", "VIFs": [.string(Refs.vif)], "PIFs": []]]
    db["VIF"] = [
        Refs.vif: [
            "uuid": "uuid-vif-web", "VM": .string(Refs.web), "network": .string(Refs.network), "device": "0",
            "MAC": "aa:bb:cc:dd:ee:ff", "currently_attached": false,
        ]
    ]
    return db
}

/// A pool over the small database, with a manual clock and 2-second operations.
func makePool(_ configure: (inout SimPoolOptions) -> Void = { _ in }) -> (SimPool, ManualClock) {
    let clock = ManualClock()
    var options = SimPoolOptions()
    options.clock = clock.clock
    options.opSeconds = 2
    options.loginFailureDelay = 0
    configure(&options)
    return (SimPool(database: makeDatabase(), options: options), clock)
}

extension SimPool {
    func call(_ method: String, _ params: XAPIValue...) -> XAPIReply<XAPIValue> {
        handle(XAPICall(method: method, params: params))
    }

    /// Logs in as root with the default password; returns the session ref.
    func login() -> String {
        guard case .success(let value) = call("session.login_with_password", "root", "password") else { return "" }
        return value.stringValue ?? ""
    }

    func record(_ className: String, _ ref: String) -> XAPIStruct { database[className][ref] ?? [:] }
}

extension XAPIReply where Value == XAPIValue {
    var value: XAPIValue? {
        if case .success(let value) = self { return value }
        return nil
    }
    var errorDescription: [String]? {
        if case .failure(let description) = self { return description }
        return nil
    }
}
