import XAPI

/// One record class kept in the cache: what the tree and the details panes show. Tasks are
/// live-only (a cached "running" task would be a lie), and host CPUs and consoles are not shown.
struct CachedRecordClass {
    /// The lowercase class name, as `event.from` spells it.
    let name: String
    let write: (PoolInventory, inout JSONWriter) -> Void
    let read: (inout PoolInventory, inout JSONRPCDecoder) throws -> Void
    /// Whether two inventories hold the same records of this class.
    let same: (PoolInventory, PoolInventory) -> Bool

    init<R: XAPIRecord>(_ store: WritableKeyPath<PoolInventory, RecordStore<R>>) {
        name = R.xapiEventClassName
        write = { inventory, writer in
            writer.beginStruct()
            for (ref, record) in inventory[keyPath: store].records {
                writer.beginMember(ref.rawValue)
                record.writeRecord(to: &writer)
                writer.endMember()
            }
            writer.endStruct()
        }
        read = { inventory, decoder in
            inventory[keyPath: store].replaceAll(try RecordMapReader<R>().read(&decoder))
        }
        same = { $0[keyPath: store] == $1[keyPath: store] }
    }

    static var all: [CachedRecordClass] {
        [
            CachedRecordClass(\.pools), CachedRecordClass(\.hosts), CachedRecordClass(\.hostMetrics),
            CachedRecordClass(\.vms), CachedRecordClass(\.vmMetrics), CachedRecordClass(\.vmGuestMetrics),
            CachedRecordClass(\.srs), CachedRecordClass(\.pbds), CachedRecordClass(\.vdis), CachedRecordClass(\.vbds),
            CachedRecordClass(\.vifs), CachedRecordClass(\.networks), CachedRecordClass(\.pifs),
            CachedRecordClass(\.messages),
        ]
    }
}

extension PoolInventory {
    /// The lowercase names of the classes the inventory cache keeps.
    public static var cachedClassNames: [String] { CachedRecordClass.all.map(\.name) }

    /// Whether `other` holds the same records in every class the cache keeps.
    public func hasSameCachedRecords(as other: PoolInventory) -> Bool {
        CachedRecordClass.all.allSatisfy { $0.same(self, other) }
    }
}
