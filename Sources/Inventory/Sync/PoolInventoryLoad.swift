import OrderedCollections
import XAPI

/// Which record classes a one-shot load fetches.
public enum InventoryLoadScope: Sendable, Hashable {
    /// Every class the inventory keeps (what the UI needs).
    case everything
    /// Only the pool record and the hosts (enough to name the pool and its hosts).
    case poolsAndHosts
    /// Pools, hosts and VMs, with VM and guest metrics.
    case vms
    /// Pools, hosts, plus one of: SRs, networks, tasks or messages.
    case srs, networks, tasks, messages
}

extension PoolInventory {
    /// Loads one pool through a logged-in session: an `event.inject` token first (so nothing
    /// between the load and a later `event.from` is lost), then `get_all_records` of every
    /// class in `scope`. Used by the sync's (re)loads and by one-shot commands (`xentui ls`).
    public static func load(
        from session: any XAPISessionProtocol, name: String, master: HostURL? = nil,
        scope: InventoryLoadScope = .everything
    ) async throws -> PoolInventory {
        let poolRefs = try await session.call("pool.get_all", [], object: nil).arrayValue ?? []
        let poolRef = poolRefs.first?.stringValue ?? ""
        let token = try await session.eventInject(className: "pool", ref: poolRef)
        // Every class at once: the session spreads the calls over its connections and decodes
        // each reply on its connection's thread. The biggest classes start first.
        let everything = scope == .everything
        let vms = everything || scope == .vms
        async let vmRecords = fetch(VMRecord.self, from: session, if: vms)
        async let vbds = fetch(VBDRecord.self, from: session, if: everything)
        async let vdis = fetch(VDIRecord.self, from: session, if: everything)
        async let vifs = fetch(VIFRecord.self, from: session, if: everything)
        async let vmMetrics = fetch(VMMetricsRecord.self, from: session, if: vms)
        async let vmGuestMetrics = fetch(VMGuestMetricsRecord.self, from: session, if: vms)
        async let pools = fetch(PoolRecord.self, from: session, if: true)
        async let hosts = fetch(HostRecord.self, from: session, if: true)
        async let hostMetrics = fetch(HostMetricsRecord.self, from: session, if: everything)
        async let hostCPUs = fetch(HostCPURecord.self, from: session, if: everything)
        async let srs = fetch(SRRecord.self, from: session, if: everything || scope == .srs)
        async let pbds = fetch(PBDRecord.self, from: session, if: everything)
        async let networks = fetch(NetworkRecord.self, from: session, if: everything || scope == .networks)
        async let pifs = fetch(PIFRecord.self, from: session, if: everything)
        async let consoles = fetch(ConsoleRecord.self, from: session, if: everything)
        async let tasks = fetch(TaskRecord.self, from: session, if: everything || scope == .tasks)
        async let messages = fetch(MessageRecord.self, from: session, if: everything || scope == .messages)
        var fresh = PoolInventory(name: name)
        fresh.master = master
        fresh.pools.replaceAll(try await pools)
        fresh.hosts.replaceAll(try await hosts)
        fresh.hostMetrics.replaceAll(try await hostMetrics)
        fresh.hostCPUs.replaceAll(try await hostCPUs)
        fresh.vms.replaceAll(try await vmRecords)
        fresh.vmMetrics.replaceAll(try await vmMetrics)
        fresh.vmGuestMetrics.replaceAll(try await vmGuestMetrics)
        fresh.srs.replaceAll(try await srs)
        fresh.pbds.replaceAll(try await pbds)
        fresh.vdis.replaceAll(try await vdis)
        fresh.vbds.replaceAll(try await vbds)
        fresh.vifs.replaceAll(try await vifs)
        fresh.networks.replaceAll(try await networks)
        fresh.pifs.replaceAll(try await pifs)
        fresh.consoles.replaceAll(try await consoles)
        fresh.tasks.replaceAll(try await tasks)
        fresh.messages.replaceAll(try await messages)
        fresh.token = token
        fresh.state = .live
        return fresh
    }

    /// All records of a class, or none without a call when the scope leaves the class out.
    private static func fetch<R: XAPIRecord>(
        _ type: R.Type, from session: any XAPISessionProtocol, if wanted: Bool
    ) async throws -> OrderedDictionary<Ref<R>, R> {
        wanted ? try await session.getAllRecords(type) : [:]
    }
}
