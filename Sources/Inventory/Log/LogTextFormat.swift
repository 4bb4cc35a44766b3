import Foundation
import XAPI

/// The plain text form of entries, one line each, for `xentui log` without `--json`; laid out
/// like the log pane (PRODUCT §2): `12:01:03 ✓ VM.start         web-01          prod   1.2s`.
public struct LogTextFormat: Sendable {
    /// The zone the times are shown in (the user's, normally).
    public var timeZone: TimeZone
    /// Glyphs from ASCII only, for terminals without UTF-8.
    public var ascii: Bool
    /// `2026-11-25 12:01:03` instead of `12:01:03`.
    public var showsDate: Bool

    public init(timeZone: TimeZone = .current, ascii: Bool = false, showsDate: Bool = false) {
        self.timeZone = timeZone
        self.ascii = ascii
        self.showsDate = showsDate
    }

    public func line(for entry: LogEntry) -> String {
        var columns = [time(entry.ts), glyph(entry)]
        columns.append(padded(entry.call ?? entry.kind.rawValue, 16))
        columns.append(padded(entry.object.flatMap { $0.name ?? $0.uuid ?? $0.className } ?? "", 15))
        columns.append(padded(entry.pool ?? "", 6))
        columns.append(detail(entry))
        var text = columns.joined(separator: " ")
        while text.last == " " { text.removeLast() }
        return Self.printable(text)
    }

    /// ✓ succeeded, ✗ failed, ⟳ running, ! warning, · anything else.
    func glyph(_ entry: LogEntry) -> String {
        switch entry.status {
        case "success": return ascii ? "+" : "✓"
        case "failure", "cancelled": return ascii ? "x" : "✗"
        case "pending", "running", "cancelling": return ascii ? "~" : "⟳"
        default: break
        }
        switch entry.level {
        case .error: return ascii ? "x" : "✗"
        case .warn: return "!"
        case .info: return ascii ? "-" : "·"
        }
    }

    func detail(_ entry: LogEntry) -> String {
        if let error = entry.error, let code = error.first {
            if let message = entry.message { return code + ": " + message }
            let params = error.dropFirst()
            return params.isEmpty ? code : code + " " + params.joined(separator: " ")
        }
        if let progress = entry.progress, entry.status == nil || entry.status == "pending" {
            let percent = Int((min(max(progress, 0), 1) * 100).rounded(.down))
            return entry.message.map { "\(percent)% " + $0 } ?? "\(percent)%"
        }
        return entry.message ?? entry.status ?? ""
    }

    func time(_ ts: LogTimestamp) -> String {
        let seconds = ts.split.seconds
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        let text = XAPIDateTime(secondsSinceEpoch: seconds + Int64(offset)).rfc3339  // 2026-11-25T12:01:03Z
        let date = text.prefix(10)
        let clock = text.dropFirst(11).prefix(8)
        return showsDate ? date + " " + clock : String(clock)
    }

    private func padded(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// Control characters (a newline in a message, an escape sequence from a hostile server)
    /// never reach the terminal.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(isControl(scalar) ? " " : scalar)
        }
        return String(result)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
