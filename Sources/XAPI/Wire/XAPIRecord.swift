/// A typed record of one XAPI class, generated from the datamodel (see `Sources/XAPI/Generated`).
///
/// Decoding ignores unknown fields, gives missing fields their defaults, and names the
/// field in the error when a field has the wrong type.
public protocol XAPIRecord: Sendable, Equatable {
    /// The class name as the API spells it (`VM`, `host`, `VM_guest_metrics`).
    static var xapiClassName: String { get }
    /// A record with every field at its default.
    init()
    init<D: XAPIDecoder>(from decoder: inout D) throws
    /// The record as XAPI would send it, with every field.
    func toXAPIValue() -> XAPIValue
    /// Writes what `toXAPIValue()` holds, field by field, without building it (caches, replies).
    func writeRecord<W: XAPIWriter>(to writer: inout W)
}

extension XAPIRecord {
    /// Decodes from an in-memory struct value.
    public init(value: XAPIValue) throws {
        var decoder = XAPIValueDecoder(value)
        try self.init(from: &decoder)
    }

    /// Event classes are the lowercase class names (`vm_metrics`).
    public static var xapiEventClassName: String { xapiClassName.lowercased() }
}

/// An enum of the datamodel: a known case, or a value this client does not know yet
/// (newer hosts add enum values; decoding must not fail on them).
public protocol XAPIEnum: Hashable, Sendable, RawRepresentable where RawValue == String {
    init(wireValue: String)
}
