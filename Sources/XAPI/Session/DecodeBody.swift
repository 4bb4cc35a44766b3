import OrderedCollections

/// Reads the `Value` of one reply straight from the wire, whatever the protocol: one generic
/// function serves both byte decoders, so records decode without an intermediate XAPIValue tree.
public protocol XAPIReplyReader: Sendable {
    associatedtype Value: Sendable
    func read<D: XAPIDecoder>(_ decoder: inout D) throws -> Value
}

/// A reader in the two concrete forms the codecs need.
public struct DecodeBody<T: Sendable>: Sendable {
    let json: @Sendable (inout JSONRPCDecoder) throws -> T
    let xml: @Sendable (inout XMLRPCDecoder) throws -> T

    public init<Reader: XAPIReplyReader>(_ reader: Reader) where Reader.Value == T {
        json = { try reader.read(&$0) }
        xml = { try reader.read(&$0) }
    }

    public init(
        json: @escaping @Sendable (inout JSONRPCDecoder) throws -> T,
        xml: @escaping @Sendable (inout XMLRPCDecoder) throws -> T
    ) {
        self.json = json
        self.xml = xml
    }
}

extension DecodeBody where T == XAPIValue {
    public static var value: DecodeBody { DecodeBody(ValueReader()) }
}

extension DecodeBody where T == String {
    public static var string: DecodeBody { DecodeBody(StringReader()) }
}

extension DecodeBody where T == Void {
    /// Void replies are `""`; anything is accepted.
    public static var void: DecodeBody { DecodeBody(json: { try $0.skipValue() }, xml: { try $0.skipValue() }) }
}

public struct ValueReader: XAPIReplyReader {
    public init() {}
    public func read<D: XAPIDecoder>(_ decoder: inout D) throws -> XAPIValue { try decoder.decodeValue() }
}

public struct StringReader: XAPIReplyReader {
    public init() {}
    public func read<D: XAPIDecoder>(_ decoder: inout D) throws -> String { try decoder.decodeString() }
}

public struct StringArrayReader: XAPIReplyReader {
    public init() {}
    public func read<D: XAPIDecoder>(_ decoder: inout D) throws -> [String] { try decoder.decodeStringArray() }
}

/// One record, as `<class>.get_record` returns it.
public struct RecordReader<R: XAPIRecord>: XAPIReplyReader {
    public init() {}
    public func read<D: XAPIDecoder>(_ decoder: inout D) throws -> R { try R(from: &decoder) }
}

/// `{ref: record}`, as `<class>.get_all_records` returns it, in the host's order.
public struct RecordMapReader<R: XAPIRecord>: XAPIReplyReader {
    public init() {}
    public func read<D: XAPIDecoder>(_ decoder: inout D) throws -> OrderedDictionary<Ref<R>, R> {
        var records = OrderedDictionary<Ref<R>, R>()
        try decoder.decodeStruct { member, key in
            let ref = key.string
            do {
                records[Ref(rawValue: ref)] = try R(from: &member)
            } catch let error as XAPIDecodingError {
                throw error.inField(ref)
            }
        }
        return records
    }
}
