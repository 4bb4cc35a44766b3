/// The type of one field, as the datamodel writes it (`VM ref set`, `(string -> string) map`, …).
public indirect enum XAPIFieldType: Hashable, Sendable {
    case string
    case int
    case float
    case bool
    case datetime
    /// A reference to an object of the named class.
    case ref(String)
    /// A value of the named enum.
    case enumeration(String)
    case set(XAPIFieldType)
    case map(XAPIFieldType, XAPIFieldType)
    /// A whole record of the named class (used only in message results).
    case record(String)

    /// The value a field of this type takes when a record lacks it.
    public var defaultValue: XAPIValue {
        switch self {
        case .string, .enumeration: return .string("")
        case .int: return .int(0)
        case .float: return .double(0)
        case .bool: return .bool(false)
        case .datetime: return .dateTime(.epoch)
        case .ref: return .string("OpaqueRef:NULL")
        case .set: return .array([])
        case .map, .record: return .structure([:])
        }
    }
}

public struct XAPIFieldSchema: Hashable, Sendable {
    public let name: String
    public let type: XAPIFieldType
    /// Settable through `set_<name>` (qualifier RW).
    public let writable: Bool
    /// The datamodel marks the field removed (kept for old hosts).
    public let removed: Bool

    public init(name: String, type: XAPIFieldType, writable: Bool, removed: Bool = false) {
        self.name = name
        self.type = type
        self.writable = writable
        self.removed = removed
    }
}

public struct XAPIClassSchema: Hashable, Sendable {
    /// The class name as the API spells it (`VM`, `host`).
    public let name: String
    public let fields: [XAPIFieldSchema]
    /// Names of the class's messages (`start`, `get_record`, …) as the datamodel lists them.
    public let messages: [String]

    public init(name: String, fields: [XAPIFieldSchema], messages: [String]) {
        self.name = name
        self.fields = fields
        self.messages = messages
    }

    public func field(_ name: String) -> XAPIFieldSchema? { fields.first { $0.name == name } }

    /// A complete record of this class with every field at its default.
    public var defaultRecord: XAPIStruct {
        var record = XAPIStruct()
        record.reserveCapacity(fields.count)
        for field in fields { record[field.name] = field.type.defaultValue }
        return record
    }
}
