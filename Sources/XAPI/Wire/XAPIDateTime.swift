/// A point in time as XAPI sends it: `YYYYMMDDTHH:MM:SSZ` on the wire.
///
/// Stored as whole seconds since the Unix epoch, in UTC. Reading also accepts the
/// forms xapi's `Date.to_rfc3339` can write (no zone, `±hh:mm` offsets) and the
/// dashed ISO 8601 form (`2024-04-20T12:00:00Z`) some SDK fixtures use.
public struct XAPIDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    public static let epoch = XAPIDateTime(secondsSinceEpoch: 0)

    public static func < (a: XAPIDateTime, b: XAPIDateTime) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }

    public var description: String { wireString }

    /// `YYYYMMDDTHH:MM:SSZ`, the form xapi writes.
    public var wireString: String {
        let c = civil
        return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "T" + pad(c.hour, 2) + ":" + pad(c.minute, 2) + ":"
            + pad(c.second, 2) + "Z"
    }

    /// RFC 3339 in UTC (`2024-04-20T12:00:00Z`), for logs and JSON output.
    public var rfc3339: String {
        let c = civil
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2) + "T" + pad(c.hour, 2) + ":"
            + pad(c.minute, 2) + ":" + pad(c.second, 2) + "Z"
    }

    /// Parses every date form xapi and its SDK fixtures use; nil for anything else.
    public init?(wire text: some StringProtocol) {
        guard let parsed = XAPIDateTime.parse(Array(text.utf8)) else { return nil }
        self = parsed
    }

    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
            (0...60).contains(second)
        else { return nil }
        let days = XAPIDateTime.daysFromCivil(year, month, day)
        secondsSinceEpoch = Int64(days) * 86400 + Int64(hour * 3600 + minute * 60 + second)
    }

    // MARK: - Parsing

    static func parse(_ b: [UInt8]) -> XAPIDateTime? {
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                let c = b[k]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += n
            return v
        }
        func skip(_ c: UInt8) -> Bool {
            if i < b.count, b[i] == c { i += 1; return true }
            return false
        }
        guard let year = digits(4) else { return nil }
        let dashed = skip(UInt8(ascii: "-"))
        guard let month = digits(2) else { return nil }
        if dashed, !skip(UInt8(ascii: "-")) { return nil }
        guard let day = digits(2), skip(UInt8(ascii: "T")), let hour = digits(2), skip(UInt8(ascii: ":")),
            let minute = digits(2), skip(UInt8(ascii: ":")), let second = digits(2)
        else { return nil }
        // Fractional seconds are dropped: XAPI's datetimes are whole seconds.
        if skip(UInt8(ascii: ".")) {
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
        }
        var offset = 0
        if i < b.count {
            if skip(UInt8(ascii: "Z")) || skip(UInt8(ascii: "z")) {
            } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = digits(2) else { return nil }
                _ = skip(UInt8(ascii: ":"))
                guard let om = digits(2) else { return nil }
                offset = sign * (oh * 3600 + om * 60)
            }
        }
        guard i == b.count, var result = XAPIDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        result.secondsSinceEpoch -= Int64(offset)
        return result
    }

    // MARK: - Civil calendar (Howard Hinnant's algorithms)

    private var civil: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let s = secondsSinceEpoch
        var days = s / 86400
        var rem = s % 86400
        if rem < 0 { rem += 86400; days -= 1 }
        let (y, m, d) = XAPIDateTime.civilFromDays(Int(days))
        return (y, m, d, Int(rem / 3600), Int(rem % 3600 / 60), Int(rem % 60))
    }

    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

private func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
