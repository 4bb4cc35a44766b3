import Inventory
import XAPI

extension TreeNodeKind {
    /// The XAPI class of the objects of this kind (nil for the tree's groups).
    var xapiClassName: String? {
        switch self {
        case .pool: "pool"
        case .host: "host"
        case .vm: "VM"
        case .sr: "SR"
        case .network: "network"
        case .storageGroup, .networkGroup: nil
        }
    }
}

extension TaskObjects {
    /// The uuid of an object the tree shows (the xe line and the log name objects by uuid).
    static func uuid(of id: TreeNodeID, in inventory: PoolInventory) -> String? {
        let uuid: String?
        switch id.kind {
        case .vm: uuid = inventory.vms[Ref(id.ref)]?.uuid
        case .host: uuid = inventory.hosts[Ref(id.ref)]?.uuid
        case .sr: uuid = inventory.srs[Ref(id.ref)]?.uuid
        case .network: uuid = inventory.networks[Ref(id.ref)]?.uuid
        case .pool: uuid = inventory.pools.records.values.first?.uuid
        case .storageGroup, .networkGroup: uuid = nil
        }
        return uuid.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// An alert's object by class, uuid and, when the pool's inventory has it, name.
    static func logObject(ofAlert message: MessageRecord, pool: String, in inventory: PoolInventory) -> LogObject? {
        guard !message.obj_uuid.isEmpty else { return nil }
        let label = object(ofAlert: message, pool: pool, in: inventory).flatMap { Self.name(of: $0, in: inventory) }
        return LogObject(className: message.cls.rawValue, uuid: message.obj_uuid, name: label)
    }
}
