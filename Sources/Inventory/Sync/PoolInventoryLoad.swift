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
        // One connection serves calls one at a time, so the classes load one after the other.
        var fresh = PoolInventory(name: name)
        fresh.master = master
        fresh.pools.replaceAll(try await session.getAllRecords(PoolRecord.self))
        fresh.hosts.replaceAll(try await session.getAllRecords(HostRecord.self))
        let everything = scope == .everything
        if everything {
            fresh.hostMetrics.replaceAll(try await session.getAllRecords(HostMetricsRecord.self))
            fresh.hostCPUs.replaceAll(try await session.getAllRecords(HostCPURecord.self))
        }
        if everything || scope == .vms {
            fresh.vms.replaceAll(try await session.getAllRecords(VMRecord.self))
            fresh.vmMetrics.replaceAll(try await session.getAllRecords(VMMetricsRecord.self))
            fresh.vmGuestMetrics.replaceAll(try await session.getAllRecords(VMGuestMetricsRecord.self))
        }
        if everything || scope == .srs { fresh.srs.replaceAll(try await session.getAllRecords(SRRecord.self)) }
        if everything {
            fresh.pbds.replaceAll(try await session.getAllRecords(PBDRecord.self))
            fresh.vdis.replaceAll(try await session.getAllRecords(VDIRecord.self))
            fresh.vbds.replaceAll(try await session.getAllRecords(VBDRecord.self))
            fresh.vifs.replaceAll(try await session.getAllRecords(VIFRecord.self))
        }
        if everything || scope == .networks {
            fresh.networks.replaceAll(try await session.getAllRecords(NetworkRecord.self))
        }
        if everything {
            fresh.pifs.replaceAll(try await session.getAllRecords(PIFRecord.self))
            fresh.consoles.replaceAll(try await session.getAllRecords(ConsoleRecord.self))
        }
        if everything || scope == .tasks { fresh.tasks.replaceAll(try await session.getAllRecords(TaskRecord.self)) }
        if everything || scope == .messages {
            fresh.messages.replaceAll(try await session.getAllRecords(MessageRecord.self))
        }
        fresh.token = token
        fresh.state = .live
        return fresh
    }
}
