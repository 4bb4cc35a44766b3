#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import XAPI

/// A log entry's time: milliseconds since the Unix epoch, written as RFC 3339 in UTC with
/// milliseconds (`2026-11-25T12:01:03.120Z`), a form that sorts as text.
public struct LogTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) { self.millisecondsSinceEpoch = millisecondsSinceEpoch }

    /// The current time of the system clock.
    public static func now() -> LogTimestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return LogTimestamp(millisecondsSinceEpoch: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }

    public static func < (a: LogTimestamp, b: LogTimestamp) -> Bool {
        a.millisecondsSinceEpoch < b.millisecondsSinceEpoch
    }

    /// Whole seconds (rounded down) and the milliseconds past them.
    var split: (seconds: Int64, milliseconds: Int) {
        let ms = millisecondsSinceEpoch
        let seconds = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000)
        return (seconds, Int(ms - seconds * 1000))
    }

    /// `2026-11-25T12:01:03.120Z`.
    public var rfc3339: String {
        let (seconds, ms) = split
        var text = XAPIDateTime(secondsSinceEpoch: seconds).rfc3339
        text.removeLast()  // the "Z"
        let digits = String(ms)
        return text + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    public var description: String { rfc3339 }

    /// Reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; fractions past milliseconds are dropped.
    public init?(rfc3339 text: some StringProtocol) {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                guard b[k] >= 48, b[k] <= 57 else { return nil }
                v = v * 10 + Int(b[k] - 48)
            }
            i += n
            return v
        }
        func skip(_ c: Character) -> Bool {
            guard i < b.count, let ascii = c.asciiValue, b[i] == ascii else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), skip("-"), let month = digits(2), skip("-"), let day = digits(2),
            skip("T") || skip("t") || skip(" "), let hour = digits(2), skip(":"), let minute = digits(2), skip(":"),
            let second = digits(2),
            let date = XAPIDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        var ms = 0
        if skip(".") {
            var scale = 100
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                ms += Int(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        var offset = 0
        if skip("Z") || skip("z") {
        } else if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let h = digits(2), skip(":"), let m = digits(2), h < 24, m < 60 else { return nil }
            offset = sign * (h * 3600 + m * 60)
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        millisecondsSinceEpoch = (date.secondsSinceEpoch - Int64(offset)) * 1000 + Int64(ms)
    }
}
