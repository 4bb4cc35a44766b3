#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming encoder of XAPI values into XML-RPC or JSON bytes, so a large reply (a
/// `get_all_records` of thousands of objects) is written straight from the data, with no
/// `XAPIValue` tree in between.
///
/// Structs are written as `beginStruct()`, then per member `beginMember(name)`, one value,
/// `endMember()`, and finally `endStruct()`; arrays as `beginArray()`, values, `endArray()`.
public protocol XAPIWriter {
    var bytes: [UInt8] { get }
    mutating func writeString(_ s: String)
    mutating func writeInt(_ i: Int64)
    mutating func writeDouble(_ d: Double)
    mutating func writeBool(_ b: Bool)
    mutating func writeDateTime(_ d: XAPIDateTime)
    mutating func writeNull()
    mutating func beginArray()
    mutating func endArray()
    mutating func beginStruct()
    mutating func beginMember(_ name: String)
    mutating func endMember()
    mutating func endStruct()
}

extension XAPIWriter {
    public mutating func writeValue(_ value: XAPIValue) {
        switch value {
        case .string(let s): writeString(s)
        case .int(let i): writeInt(i)
        case .double(let d): writeDouble(d)
        case .bool(let b): writeBool(b)
        case .dateTime(let d): writeDateTime(d)
        case .null: writeNull()
        case .array(let items):
            beginArray()
            for item in items { writeValue(item) }
            endArray()
        case .structure(let fields):
            beginStruct()
            for (name, field) in fields {
                beginMember(name)
                writeValue(field)
                endMember()
            }
            endStruct()
        }
    }

    /// One struct member: its name, then whatever `body` writes as its value.
    public mutating func member(_ name: String, _ body: (inout Self) -> Void) {
        beginMember(name)
        body(&self)
        endMember()
    }

    public mutating func writeStringArray(_ items: [String]) {
        beginArray()
        for item in items { writeString(item) }
        endArray()
    }

    public mutating func writeStringMap(_ map: [String: String]) {
        beginStruct()
        for (key, value) in map.sorted(by: { $0.key < $1.key }) {
            beginMember(key)
            writeString(value)
            endMember()
        }
        endStruct()
    }
}

/// Byte-level output shared by the two writers.
enum WireOutput {
    /// Appends the decimal digits of `i`.
    @inline(__always)
    static func appendInt(_ i: Int64, to bytes: inout [UInt8]) {
        if i >= 0, i < 10 {
            bytes.append(UInt8(48 + i))
            return
        }
        var magnitude = i.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var n = 20
            while magnitude > 0 {
                n -= 1
                buffer[n] = UInt8(48 + magnitude % 10)
                magnitude /= 10
            }
            if i < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[n..<20]))
        }
    }

    /// Appends a double as `%.16g` prints it (whole numbers below 1e15 without a call to C),
    /// `NaN`/`Infinity`/`-Infinity` when not finite. With `exact`, falls back to `%.17g` when
    /// 16 digits do not read back as the same double, as Yojson (xapi's JSON writer) does.
    static func appendDouble(_ d: Double, exact: Bool = false, to bytes: inout [UInt8]) {
        if d.rounded() == d, abs(d) < 1e15, !(d == 0 && d.sign == .minus) {
            appendInt(Int64(d), to: &bytes)
            return
        }
        guard d.isFinite else {
            bytes.append(contentsOf: XAPIDouble.format(d).utf8)
            return
        }
        let start = bytes.count
        appendFormatted(d, digits: 16, to: &bytes)
        if exact {
            let readBack = bytes.withUnsafeBytes { WireText.parseDouble($0, start, $0.count) }
            if readBack != d {
                bytes.removeSubrange(start...)
                appendFormatted(d, digits: 17, to: &bytes)
            }
        }
    }

    private static func appendFormatted(_ d: Double, digits: Int32, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 40) { buffer in
            let n = withVaList([digits, d]) { vsnprintf(buffer.baseAddress, 40, "%.*g", $0) }
            for i in 0..<Int(max(0, min(n, 39))) {
                let c = UInt8(bitPattern: buffer[i])
                // A process that set LC_NUMERIC to a comma locale must still write a point.
                bytes.append(c == UInt8(ascii: ",") ? UInt8(ascii: ".") : c)
            }
        }
    }

    /// Appends `YYYYMMDDTHH:MM:SSZ`, digit by digit.
    static func appendDateTime(_ d: XAPIDateTime, to bytes: inout [UInt8]) {
        var days = d.secondsSinceEpoch / 86400
        var rem = d.secondsSinceEpoch % 86400
        if rem < 0 {
            rem += 86400
            days -= 1
        }
        let (year, month, day) = XAPIDateTime.civilFromDays(Int(days))
        guard (0...9999).contains(year) else {
            bytes.append(contentsOf: d.wireString.utf8)
            return
        }
        func digits(_ v: Int, _ n: Int) {
            var divisor = 1
            for _ in 1..<n { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(48 + v / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4)
        digits(month, 2)
        digits(day, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(Int(rem / 3600), 2)
        bytes.append(UInt8(ascii: ":"))
        digits(Int(rem % 3600 / 60), 2)
        bytes.append(UInt8(ascii: ":"))
        digits(Int(rem % 60), 2)
        bytes.append(UInt8(ascii: "Z"))
    }
}
