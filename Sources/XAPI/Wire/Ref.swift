/// An opaque object reference (`OpaqueRef:<uuid>`), typed by the record it points at.
public struct Ref<Target>: Hashable, Sendable, RawRepresentable, CustomStringConvertible, ExpressibleByStringLiteral,
    Comparable
{
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public static var null: Ref { Ref(rawValue: "OpaqueRef:NULL") }

    /// `OpaqueRef:NULL`, an empty string, or XO's `Ref:` placeholders all mean "no object".
    public var isNull: Bool { rawValue.isEmpty || rawValue == "OpaqueRef:NULL" || rawValue.hasPrefix("Ref:") }

    public var description: String { rawValue }

    public static func < (a: Ref, b: Ref) -> Bool { a.rawValue < b.rawValue }

    /// The same reference, seen as pointing at another type (for generic stores).
    public func cast<Other>(to: Other.Type = Other.self) -> Ref<Other> { Ref<Other>(rawValue: rawValue) }
}

/// The target of references to classes that have no generated record.
public enum AnyXAPIObject {}

extension XAPIDecoder {
    public mutating func decodeRef<T>(_: T.Type = T.self) throws -> Ref<T> { Ref(rawValue: try decodeString()) }
}
