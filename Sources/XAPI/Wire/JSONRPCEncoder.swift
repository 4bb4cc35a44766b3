/// Writes JSON values as xapi's JSON-RPC does: ints as bare integers, floats as numbers
/// (`%.16g`, or `%.17g` when 16 digits lose precision, with `.0` added to whole numbers so they
/// read back as floats, like Yojson; non-finite floats,
/// which JSON cannot carry, as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`), datetimes as
/// `"YYYYMMDDTHH:MM:SSZ"` strings, null as `null`.
public struct JSONWriter: XAPIWriter {
    public var bytes: [UInt8]

    public init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func writeString(_ s: String) {
        separate()
        appendQuoted(s)
    }

    public mutating func writeInt(_ i: Int64) {
        separate()
        WireOutput.appendInt(i, to: &bytes)
    }

    public mutating func writeDouble(_ d: Double) {
        separate()
        guard d.isFinite else {
            append(d.isNaN ? "\"NaN\"" : d < 0 ? "\"-Infinity\"" : "\"Infinity\"")
            return
        }
        let start = bytes.count
        WireOutput.appendDouble(d, exact: true, to: &bytes)
        if !bytes[start...].contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") }) { append(".0") }
    }

    public mutating func writeBool(_ b: Bool) {
        separate()
        append(b ? "true" : "false")
    }

    public mutating func writeDateTime(_ d: XAPIDateTime) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        WireOutput.appendDateTime(d, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func writeNull() {
        separate()
        append("null")
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
    }

    public mutating func endArray() { bytes.append(UInt8(ascii: "]")) }

    public mutating func beginStruct() {
        separate()
        bytes.append(UInt8(ascii: "{"))
    }

    public mutating func endStruct() { bytes.append(UInt8(ascii: "}")) }

    public mutating func beginMember(_ name: String) {
        separate()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
    }

    public mutating func endMember() {}

    /// A comma before every value or member but the first in its container: the previous byte
    /// says whether one is needed, so no nesting state is kept.
    @inline(__always)
    mutating func separate() {
        guard let last = bytes.last else { return }
        if last != UInt8(ascii: "[") && last != UInt8(ascii: "{") && last != UInt8(ascii: ":") {
            bytes.append(UInt8(ascii: ","))
        }
    }

    /// Raw JSON text, for the envelopes.
    mutating func append(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// A string in quotes, escaping `"`, `\` and control characters; runs without them are copied in one go.
    mutating func appendQuoted(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var runStart = 0
            for i in 0..<utf8.count {
                let c = utf8[i]
                guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { continue }
                if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                switch c {
                case UInt8(ascii: "\""): append("\\\"")
                case UInt8(ascii: "\\"): append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                default:
                    append("\\u00")
                    let hex: StaticString = "0123456789abcdef"
                    bytes.append(hex.utf8Start[Int(c >> 4)])
                    bytes.append(hex.utf8Start[Int(c & 0xF)])
                }
                runStart = i + 1
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
