/// Writes XML-RPC values the way xapi does (rpclib's non-strict mode): strings, refs, enums and
/// int64 as untyped `<value>text</value>`, the empty string as `<value></value>`, bools as
/// `<boolean>1|0</boolean>`, floats as `<double>` with `%.16g`, datetimes as
/// `<dateTime.iso8601>YYYYMMDDTHH:MM:SSZ</dateTime.iso8601>`, null as `<nil/>`.
public struct XMLRPCWriter: XAPIWriter {
    /// How ints go out: untyped text as xapi writes them, or as a client sends them.
    public enum IntStyle: Sendable {
        /// Untyped `<value>N</value>`, as xapi writes int64 in replies.
        case untyped
        /// `<int>` when the value fits in 32 bits, untyped text otherwise: what Python's
        /// xmlrpc.client sends (it refuses larger ints), and xapi reads int64 parameters from strings.
        case clientRequest
    }

    public var bytes: [UInt8]
    public var intStyle: IntStyle

    public init(intStyle: IntStyle = .untyped, capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
        self.intStyle = intStyle
    }

    public mutating func writeString(_ s: String) {
        append("<value>")
        appendEscaped(s)
        append("</value>")
    }

    public mutating func writeInt(_ i: Int64) {
        if intStyle == .clientRequest, i >= Int64(Int32.min), i <= Int64(Int32.max) {
            append("<value><int>")
            WireOutput.appendInt(i, to: &bytes)
            append("</int></value>")
        } else {
            append("<value>")
            WireOutput.appendInt(i, to: &bytes)
            append("</value>")
        }
    }

    public mutating func writeDouble(_ d: Double) {
        append("<value><double>")
        WireOutput.appendDouble(d, to: &bytes)
        append("</double></value>")
    }

    public mutating func writeBool(_ b: Bool) {
        append(b ? "<value><boolean>1</boolean></value>" : "<value><boolean>0</boolean></value>")
    }

    public mutating func writeDateTime(_ d: XAPIDateTime) {
        append("<value><dateTime.iso8601>")
        WireOutput.appendDateTime(d, to: &bytes)
        append("</dateTime.iso8601></value>")
    }

    public mutating func writeNull() { append("<value><nil/></value>") }

    public mutating func beginArray() { append("<value><array><data>") }
    public mutating func endArray() { append("</data></array></value>") }
    public mutating func beginStruct() { append("<value><struct>") }
    public mutating func endStruct() { append("</struct></value>") }

    public mutating func beginMember(_ name: String) {
        append("<member><name>")
        appendEscaped(name)
        append("</name>")
    }

    public mutating func endMember() { append("</member>") }

    /// Raw markup, for the envelopes.
    mutating func append(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Text escaped as xapi's rpclib does it: `&`, `<`, `>`, `"` as entities, and C0 control
    /// characters other than tab, newline and carriage return dropped (XML 1.0 cannot carry them,
    /// and expat-based clients such as Python's reject them). Unlike rpclib, `\r` goes out as
    /// `&#13;` so that XML line-end normalisation on the other side keeps it. Runs without special
    /// bytes are copied in one go.
    mutating func appendEscaped(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            var runStart = 0
            for i in 0..<utf8.count {
                let c = utf8[i]
                if c >= 0x20 {
                    if c != UInt8(ascii: "&") && c != UInt8(ascii: "<") && c != UInt8(ascii: ">") && c != UInt8(ascii: "\"") {
                        continue
                    }
                } else if c == 0x09 || c == 0x0A {
                    continue
                }
                if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                switch c {
                case UInt8(ascii: "&"): append("&amp;")
                case UInt8(ascii: "<"): append("&lt;")
                case UInt8(ascii: ">"): append("&gt;")
                case UInt8(ascii: "\""): append("&quot;")
                case 0x0D: append("&#13;")
                default: break  // a control character: dropped
                }
                runStart = i + 1
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
    }
}
