/// One change reported by `event.from`.
public struct XAPIEvent: Sendable, Equatable {
    public enum Operation: String, Sendable, Hashable {
        case add, mod, del
    }

    public var id: String
    /// The class, lowercase as events send it (`vm_metrics`).
    public var className: String
    public var operation: Operation
    public var ref: String
    /// The object after the change (absent on `del`, and for classes without a generated record).
    public var snapshot: XAPIObject?

    public init(id: String, className: String, operation: Operation, ref: String, snapshot: XAPIObject?) {
        self.id = id
        self.className = className
        self.operation = operation
        self.ref = ref
        self.snapshot = snapshot
    }
}

/// The result of one `event.from`: the events, the token to continue from, and how many
/// objects each class has (to notice missed changes).
public struct EventBatch: Sendable, Equatable {
    public var events: [XAPIEvent]
    public var token: String
    /// Object count per lowercase class name.
    public var validRefCounts: [String: Int]

    public init(events: [XAPIEvent], token: String, validRefCounts: [String: Int]) {
        self.events = events
        self.token = token
        self.validRefCounts = validRefCounts
    }
}

/// Decodes an `event.from` result straight from the reply bytes. The snapshot may come before
/// `class` in the struct, so a snapshot met first is kept as an XAPIValue and decoded after.
public struct EventBatchReader: XAPIReplyReader {
    public init() {}

    public func read<D: XAPIDecoder>(_ decoder: inout D) throws -> EventBatch {
        var batch = EventBatch(events: [], token: "", validRefCounts: [:])
        try decoder.decodeStruct { member, key in
            if key == "events" {
                try member.decodeField("events") { d in
                    try d.decodeArray { element in batch.events.append(try readEvent(&element)) }
                }
            } else if key == "token" {
                batch.token = try member.decodeField("token") { try $0.decodeString() }
            } else if key == "valid_ref_counts" {
                try member.decodeField("valid_ref_counts") { d in
                    try d.decodeStruct { count, name in batch.validRefCounts[name.string] = Int(try count.decodeInt()) }
                }
            } else {
                try member.skipValue()
            }
        }
        return batch
    }

    private func readEvent<D: XAPIDecoder>(_ decoder: inout D) throws -> XAPIEvent {
        var id = ""
        var className: String?
        var operation: XAPIEvent.Operation?
        var ref = ""
        var snapshot: XAPIObject?
        var earlySnapshot: XAPIValue?
        try decoder.decodeStruct { member, key in
            if key == "id" {
                id = try member.decodeString()
            } else if key == "class" {
                className = try member.decodeString().lowercased()
            } else if key == "operation" {
                let text = try member.decodeString()
                guard let op = XAPIEvent.Operation(rawValue: text) else {
                    throw XAPIDecodingError("unknown event operation \(text)", path: ["operation"])
                }
                operation = op
            } else if key == "ref" {
                ref = try member.decodeString()
            } else if key == "snapshot" {
                if operation == .del {
                    try member.skipValue()  // a deleted object's snapshot is not needed
                } else if try member.decodeNull() {
                    snapshot = nil
                } else if let className {
                    snapshot = try member.decodeField("snapshot") { try XAPIObject.decode(className: className, from: &$0) }
                } else {
                    earlySnapshot = try member.decodeValue()
                }
            } else {
                try member.skipValue()
            }
        }
        guard let className else { throw XAPIDecodingError("event without a class") }
        guard let operation else { throw XAPIDecodingError("event without an operation") }
        if let earlySnapshot, operation != .del {
            var valueDecoder = XAPIValueDecoder(earlySnapshot)
            snapshot = try XAPIObject.decode(className: className, from: &valueDecoder)
        }
        if operation == .del { snapshot = nil }
        return XAPIEvent(id: id, className: className, operation: operation, ref: ref, snapshot: snapshot)
    }
}
