@testable import XAPI

/// Values exercising every kind and the awkward corners of both encodings.
enum CodecSamples {
    static let strings: [String] = [
        "", "plain", "a & b < c > d \"q\" 'a'", "emoji 😀👍🏽", "中文字符", "שלום עולם", "مرحبا",
        "tab\tnew\nline\rcr\r\n", "\u{01}\u{1F}\u{7F}", "&amp; literally &#65;", "]]> <![CDATA[", "back\\slash \"q\" /",
        "nul\u{0}byte", "  leading and trailing  ", "OpaqueRef:6ef08bce-0bf0-30ff-804f-5f0ee4bbdd13",
    ]

    static let ints: [Int64] = [
        0, 1, -1, 42, Int64(Int32.max), Int64(Int32.max) + 1, Int64(Int32.min), Int64(Int32.min) - 1, Int64.max,
        Int64.min, 1_073_741_824,
    ]

    /// Doubles that `%.16g` carries exactly.
    static let doubles: [Double] = [1.0, 0.1, 1e300, -2.5, 0.0, 1e-300, 123456.789, 9007199254740992, -1e15, 1e16, 0.5]

    static let dates: [XAPIDateTime] = [
        .epoch, XAPIDateTime(secondsSinceEpoch: 1_547_408_115), XAPIDateTime(secondsSinceEpoch: -1),
        XAPIDateTime(secondsSinceEpoch: 4_102_444_800),
    ]

    /// One value of every kind, nested.
    static var everything: XAPIValue {
        var fields = XAPIStruct()
        for (i, s) in strings.enumerated() { fields["string \(i)"] = .string(s) }
        for (i, n) in ints.enumerated() { fields["int \(i)"] = .int(n) }
        for (i, d) in doubles.enumerated() { fields["double \(i)"] = .double(d) }
        for (i, d) in dates.enumerated() { fields["date \(i)"] = .dateTime(d) }
        fields["true"] = true
        fields["false"] = false
        fields["null"] = .null
        fields["empty array"] = []
        fields["empty struct"] = .structure([:])
        fields["nested"] = [["a", 1, [:], ["k": [true, .null]]], [], [[]]]
        fields["map"] = ["key & <name>": "value", "": "empty key", "😀": "emoji key"]
        return .structure(fields)
    }

    /// What a value turns into after a trip through an encoding that cannot carry all of it.
    enum Wire { case xmlReply, xmlCall, json }

    static func afterTrip(_ value: XAPIValue, _ wire: Wire) -> XAPIValue {
        switch value {
        case .int(let i):
            switch wire {
            case .xmlReply: return .string(String(i))
            case .xmlCall: return Int32(exactly: i) == nil ? .string(String(i)) : .int(i)
            case .json: return .int(i)
            }
        case .string(let s) where wire != .json: return .string(xmlText(s))
        case .double(let d) where wire == .json && !d.isFinite: return .string(XAPIDouble.format(d))
        case .dateTime(let d) where wire == .json: return .string(d.wireString)
        case .array(let items): return .array(items.map { afterTrip($0, wire) })
        case .structure(let fields):
            return .structure(XAPIStruct(uniqueKeysWithValues: fields.map { (wire == .json ? $0.key : xmlText($0.key), afterTrip($0.value, wire)) }))
        default: return value
        }
    }

    /// A string after XML-RPC: C0 control characters other than tab, newline and CR are dropped, as xapi does.
    static func xmlText(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        return String(out)
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}

/// A small deterministic PRNG (SplitMix64), so fuzz cases are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
