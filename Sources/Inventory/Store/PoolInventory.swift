import Foundation
import OrderedCollections
import XAPI

/// Everything known about one pool: one store per record class, the event token, and the
/// connection state. A value: the sync publishes snapshots of it, the UI reads them.
public struct PoolInventory: Sendable, Equatable {
    /// The pool's name as configured (or as the pool calls itself).
    public var name: String
    public var state: ConnectionState = .connecting
    /// Why the connection is failing or retrying, when the transport said so in terms the
    /// explanation understands (the UI's detail view of a connection entry); nil when live.
    public var connectionProblem: ConnectionProblem?
    /// The last `event.from` token applied.
    public var token: String = ""
    /// The host the connection talks to (the master).
    public var master: HostURL?
    /// Set while the records come from the inventory cache rather than the pool: when they were
    /// saved. The UI marks such an inventory stale; the first live load replaces it (nil again).
    public var cachedAt: Date?
    /// True while the records are the cached ones, not yet replaced by live data.
    public var isStale: Bool { cachedAt != nil }

    public var pools = RecordStore<PoolRecord>()
    public var hosts = RecordStore<HostRecord>()
    public var hostMetrics = RecordStore<HostMetricsRecord>()
    public var hostCPUs = RecordStore<HostCPURecord>()
    public var vms = RecordStore<VMRecord>()
    public var vmMetrics = RecordStore<VMMetricsRecord>()
    public var vmGuestMetrics = RecordStore<VMGuestMetricsRecord>()
    public var srs = RecordStore<SRRecord>()
    public var pbds = RecordStore<PBDRecord>()
    public var vdis = RecordStore<VDIRecord>()
    public var vbds = RecordStore<VBDRecord>()
    public var vifs = RecordStore<VIFRecord>()
    public var networks = RecordStore<NetworkRecord>()
    public var pifs = RecordStore<PIFRecord>()
    public var consoles = RecordStore<ConsoleRecord>()
    public var tasks = RecordStore<TaskRecord>()
    public var messages = RecordStore<MessageRecord>()

    public init(name: String) { self.name = name }

    /// The classes kept, lowercase as `event.from` wants them.
    public static let eventClasses: [String] = XAPIObject.recordClassNames.map { $0.lowercased() }

    /// Applies one event; returns false when it changed nothing (or is about a class not kept).
    @discardableResult
    public mutating func apply(_ event: XAPIEvent) -> Bool {
        if event.operation == .del { return remove(className: event.className, ref: event.ref) }
        guard let snapshot = event.snapshot else { return false }
        return upsert(snapshot, ref: event.ref)
    }

    @discardableResult
    public mutating func upsert(_ object: XAPIObject, ref: String) -> Bool {
        switch object {
        case .pool(let r): pools.upsert(Ref(ref), r)
        case .host(let r): hosts.upsert(Ref(ref), r)
        case .hostMetrics(let r): hostMetrics.upsert(Ref(ref), r)
        case .hostCPU(let r): hostCPUs.upsert(Ref(ref), r)
        case .vm(let r): vms.upsert(Ref(ref), r)
        case .vmMetrics(let r): vmMetrics.upsert(Ref(ref), r)
        case .vmGuestMetrics(let r): vmGuestMetrics.upsert(Ref(ref), r)
        case .sr(let r): srs.upsert(Ref(ref), r)
        case .pbd(let r): pbds.upsert(Ref(ref), r)
        case .vdi(let r): vdis.upsert(Ref(ref), r)
        case .vbd(let r): vbds.upsert(Ref(ref), r)
        case .vif(let r): vifs.upsert(Ref(ref), r)
        case .network(let r): networks.upsert(Ref(ref), r)
        case .pif(let r): pifs.upsert(Ref(ref), r)
        case .console(let r): consoles.upsert(Ref(ref), r)
        case .task(let r): tasks.upsert(Ref(ref), r)
        case .message(let r): messages.upsert(Ref(ref), r)
        }
    }

    @discardableResult
    public mutating func remove(className: String, ref: String) -> Bool {
        switch className.lowercased() {
        case "pool": pools.remove(Ref(ref))
        case "host": hosts.remove(Ref(ref))
        case "host_metrics": hostMetrics.remove(Ref(ref))
        case "host_cpu": hostCPUs.remove(Ref(ref))
        case "vm": vms.remove(Ref(ref))
        case "vm_metrics": vmMetrics.remove(Ref(ref))
        case "vm_guest_metrics": vmGuestMetrics.remove(Ref(ref))
        case "sr": srs.remove(Ref(ref))
        case "pbd": pbds.remove(Ref(ref))
        case "vdi": vdis.remove(Ref(ref))
        case "vbd": vbds.remove(Ref(ref))
        case "vif": vifs.remove(Ref(ref))
        case "network": networks.remove(Ref(ref))
        case "pif": pifs.remove(Ref(ref))
        case "console": consoles.remove(Ref(ref))
        case "task": tasks.remove(Ref(ref))
        case "message": messages.remove(Ref(ref))
        default: false
        }
    }

    /// The addresses of the pool's hosts, to fail over to when the master is unreachable.
    public var hostAddresses: [String] { hosts.records.values.map(\.address).filter { !$0.isEmpty } }
}

/// Where a pool's connection stands, for the title bar and the log.
public enum ConnectionState: Sendable, Hashable, CustomStringConvertible {
    case connecting
    case loading
    case live
    case reconnecting(attempt: Int, error: String)
    case failed(error: String)

    public var description: String {
        switch self {
        case .connecting: "connecting"
        case .loading: "loading"
        case .live: "live"
        case .reconnecting(let attempt, let error): "reconnecting (attempt \(attempt)): \(error)"
        case .failed(let error): "failed: \(error)"
        }
    }
}

/// One batch of changes to one pool, with the inventory after it.
public struct InventoryChange: Sendable {
    public enum Kind: Sendable, Equatable {
        /// Everything was (re)loaded.
        case reloaded
        /// Events were applied; the refs that changed, by lowercase class.
        case events([String: Set<String>])
        /// Only the connection state changed.
        case state
    }

    public var pool: String
    public var kind: Kind
    public var inventory: PoolInventory
}
