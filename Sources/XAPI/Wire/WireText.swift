/// Byte-level helpers shared by the two decoders: numbers and dates read straight from
/// the input bytes, and short quotes of the input for error messages.
enum WireText {
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

    /// The range without leading and trailing ASCII whitespace.
    static func trimmed(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> (Int, Int) {
        var s = start
        var e = end
        while s < e, isSpace(bytes[s]) { s += 1 }
        while e > s, isSpace(bytes[e - 1]) { e -= 1 }
        return (s, e)
    }

    /// A decimal Int64 (optional sign), or nil when the text is not one or does not fit.
    static func parseInt64(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int64? {
        var i = start
        guard i < end else { return nil }
        var negative = false
        if bytes[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        } else if bytes[i] == UInt8(ascii: "+") {
            i += 1
        }
        guard i < end else { return nil }
        // Accumulate negatively so that Int64.min fits.
        var value: Int64 = 0
        while i < end {
            let d = bytes[i] &- 48
            guard d < 10 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.subtractingReportingOverflow(Int64(d))
            if o1 || o2 { return nil }
            value = s
            i += 1
        }
        if negative { return value }
        return value == Int64.min ? nil : -value
    }

    /// A float in any form xapi writes or reads (`%.16g`, `NaN`, `Infinity`, `1627478400.`).
    static func parseDouble(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Double? {
        // Plain integers (the common case for `%.16g` output) need no string.
        if end - start <= 15, let i = parseInt64(bytes, start, end) { return Double(i) }
        guard end > start, end - start < 1100 else { return nil }
        return XAPIDouble.parse(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
    }

    /// A datetime in one of xapi's forms, or a float string of Unix seconds (`"1627478400."`).
    static func parseDateTime(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> XAPIDateTime? {
        if let d = parseCanonicalDateTime(bytes, start, end) { return d }
        if let d = XAPIDateTime.parse(Array(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))) { return d }
        if let seconds = parseDouble(bytes, start, end), seconds.isFinite, abs(seconds) < 1e17 {
            return XAPIDateTime(secondsSinceEpoch: Int64(seconds))
        }
        return nil
    }

    /// `YYYYMMDDTHH:MM:SSZ`, the form xapi writes, read without copying the bytes.
    static func parseCanonicalDateTime(_ b: UnsafeRawBufferPointer, _ s: Int, _ end: Int) -> XAPIDateTime? {
        guard end - s == 18, b[s + 8] == UInt8(ascii: "T"), b[s + 11] == UInt8(ascii: ":"),
            b[s + 14] == UInt8(ascii: ":"), b[s + 17] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ at: Int, _ n: Int) -> Int? {
            var v = 0
            for i in at..<(at + n) {
                let d = b[s + i] &- 48
                guard d < 10 else { return nil }
                v = v * 10 + Int(d)
            }
            return v
        }
        guard let year = number(0, 4), let month = number(4, 2), let day = number(6, 2), let hour = number(9, 2),
            let minute = number(12, 2), let second = number(15, 2)
        else { return nil }
        return XAPIDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// Up to 24 bytes of the input at `offset`, quoted, for error messages.
    static func quote(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the input" }
        let end = min(bytes.count, offset + 24)
        return quote(bytes, offset, end) + (end < bytes.count ? "…" : "")
    }

    /// The bytes of a range as a quoted, printable string, for error messages.
    static func quote(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> String {
        let clipped = min(end, start + 40)
        var text = ""
        for c in String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<clipped]), as: UTF8.self).unicodeScalars {
            if c.value < 0x20 || c.value == 0x7F {
                text += c.escaped(asASCII: true)
            } else {
                text.unicodeScalars.append(c)
            }
        }
        return "\"" + text + (clipped < end ? "…" : "") + "\""
    }

    /// Appends the UTF-8 encoding of a scalar.
    static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        let v = scalar.value
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}
