import OrderedCollections
import XAPI

extension SimDatabase {
    /// The instant generated data is relative to (boot times, snapshot times, messages):
    /// fixed so that a seed always yields identical databases. 2026-01-01T00:00:00Z.
    public static let generatorReferenceTime: Int64 = 1_767_225_600

    /// Makes `pools` made-up but consistent pools, deterministically for `seed`.
    ///
    /// `hosts` and `vms` are PER POOL. `vms` counts ordinary guests only; each pool also gets
    /// one control domain (dom0) per host, a dozen default templates, a custom template or two
    /// and snapshots of some guests. Guests that would overcommit their host's memory are left
    /// Halted, so the running count may be a little lower than asked for tiny pools.
    public static func generate(pools: Int, hosts: Int, vms: Int, seed: UInt64) -> [SimDatabase] {
        let poolCount = max(pools, 0)
        var result = [SimDatabase]()
        result.reserveCapacity(poolCount)
        for index in 0..<poolCount {
            var generator = SimPoolGenerator(
                poolIndex: index, poolName: SimCatalog.poolName(index), hostCount: max(hosts, 1),
                vmCount: max(vms, 0), seed: poolSeed(seed, index))
            result.append(generator.run())
        }
        return result
    }

    /// The demo preset: "lab" (3 hosts, 60 guests) and "prod" (8 hosts, 300 guests).
    public static func demoPools(seed: UInt64) -> [SimDatabase] {
        var lab = SimPoolGenerator(poolIndex: 1, poolName: "lab", hostCount: 3, vmCount: 60, seed: poolSeed(seed, 1))
        var prod = SimPoolGenerator(poolIndex: 0, poolName: "prod", hostCount: 8, vmCount: 300, seed: poolSeed(seed, 0))
        return [prod.run(), lab.run()]
    }

    /// Each pool draws from its own, unrelated stream, so that pool N does not change with the
    /// pool count. (Seeds one SplitMix64 step apart would give the same stream shifted by one.)
    static func poolSeed(_ seed: UInt64, _ index: Int) -> UInt64 {
        var mixer = SimRandom(seed: seed ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03))
        return mixer.next()
    }
}

/// Builds one pool. Back-references (SR.VDIs, host.resident_VMs, network.VIFs, …) are collected
/// in side lists while the forward records are made, and written once at the end, so that the
/// work stays linear in the number of objects.
struct SimPoolGenerator {
    var rng: SimRandom
    let poolIndex: Int
    let poolName: String
    let hostCount: Int
    let vmCount: Int
    let now = SimDatabase.generatorReferenceTime

    var tables: [String: OrderedDictionary<String, XAPIStruct>] = [:]
    /// class → ref → field → refs to add to that set field at the end.
    var backRefs: [String: [String: [String: [String]]]] = [:]

    // Pool-wide objects made before the VMs.
    var poolRef = ""
    var cpu = SimCatalog.cpuModels[0]
    var hostsInfo: [SimHostInfo] = []
    var managementNetwork = ""
    var guestNetworks: [(ref: String, subnet: Int)] = []
    /// Every network with the VLAN tag and device its PIFs get on each host.
    var networkPlan: [(network: String, vlan: Int, device: String)] = []
    var sharedSR = ""
    var isoSR = ""
    var isoVDIs: [String] = []
    var ipCounter = 0
    var placementCursor = 0
    /// Guests messages may be about: uuid, name, running.
    var messageSubjects: [(uuid: String, name: String, live: Bool)] = []

    init(poolIndex: Int, poolName: String, hostCount: Int, vmCount: Int, seed: UInt64) {
        rng = SimRandom(seed: seed)
        self.poolIndex = poolIndex
        self.poolName = poolName
        self.hostCount = hostCount
        self.vmCount = vmCount
    }

    mutating func run() -> SimDatabase {
        reserveTables()
        poolRef = newRef()
        cpu = rng.pick(SimCatalog.cpuModels)
        let specs = makeGuestSpecs()
        let hostMemory = chooseHostMemory(for: specs)
        makeNetworks()
        makeSharedStorage()
        for index in 0..<hostCount { makeHost(index: index, memory: hostMemory) }
        makePool()
        makeTemplates()
        for spec in specs { makeGuest(spec) }
        makeMessages()
        applyBackRefs()
        finishStorageSizes()
        return SimDatabase(tables: tables)
    }

    private mutating func reserveTables() {
        let guests = vmCount + hostCount + 16
        let sizes: [(String, Int)] = [
            ("VM", guests + guests / 8), ("VM_metrics", guests + guests / 8), ("VM_guest_metrics", guests),
            ("VIF", guests * 2), ("VBD", guests * 3), ("VDI", guests * 2), ("console", guests * 2),
            ("host", hostCount), ("host_metrics", hostCount), ("host_cpu", hostCount * 64),
            ("PIF", hostCount * 6), ("PBD", hostCount * 3), ("SR", hostCount + 2), ("network", 6),
            ("pool", 1), ("message", 64),
        ]
        for (name, size) in sizes {
            var table = OrderedDictionary<String, XAPIStruct>()
            table.reserveCapacity(size)
            tables[name] = table
        }
    }

    /// A fresh opaque ref (refs and uuids are unrelated, as in xapi).
    mutating func newRef() -> String { "OpaqueRef:" + rng.uuid() }

    mutating func insert(_ className: String, _ ref: String, _ record: XAPIStruct) {
        tables[className, default: [:]][ref] = record
    }

    /// Notes that `ref`'s set field `field` must list `target`.
    mutating func link(_ className: String, _ ref: String, _ field: String, _ target: String) {
        backRefs[className, default: [:]][ref, default: [:]][field, default: []].append(target)
    }

    private mutating func applyBackRefs() {
        for (className, objects) in backRefs {
            for (ref, fields) in objects {
                for (field, targets) in fields where tables[className]?[ref] != nil {
                    tables[className]?[ref]?[field] = SimField.set(targets)
                }
            }
        }
        backRefs = [:]
    }

    mutating func nextMAC() -> String { rng.mac() }
}

/// What later steps need to know about a host.
struct SimHostInfo {
    let ref: String
    let uuid: String
    let name: String
    let address: String
    let localSR: String
    /// ext SRs are thin provisioned, lvm ones thick.
    let localThin: Bool
    let memoryTotal: Int64
    var memoryFree: Int64
    var nextDomid: Int64
}
