import Foundation

/// Byte counts as people read them: GiB for memory and disks, smaller units below 1 GiB.
enum ByteCountText {
    static func format(_ bytes: Int64) -> String {
        let magnitude = Double(bytes.magnitude)
        let sign = bytes < 0 ? "-" : ""
        let units: [(String, Double)] = [("TiB", 0x1p40), ("GiB", 0x1p30), ("MiB", 0x1p20), ("KiB", 0x1p10)]
        for (unit, size) in units where magnitude >= size {
            return sign + String(format: "%.1f", magnitude / size) + " " + unit
        }
        return "\(bytes) bytes"
    }
}

/// Lists in prose: "a", "a or b", "a, b or c".
enum ListText {
    static func joined(_ items: [String], with conjunction: String) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
        }
    }
}

/// Sentences that end with a detail xapi supplied, when it supplied one.
enum SentenceText {
    /// "Base: detail." or "Base." — the detail's own final full stop is not doubled.
    static func withDetail(_ base: String, _ detail: String?) -> String {
        guard let detail else { return base + "." }
        return base + ": " + detail
            + (detail.hasSuffix(".") || detail.hasSuffix("!") || detail.hasSuffix("?") ? "" : ".")
    }
}

/// Text from xapi or from object names, made safe to print on a terminal: control and
/// invisible formatting characters become visible escapes (`\n`, `\u{1B}`, `\u{202E}`).
public enum PrintableText {
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isHidden) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if isHidden(scalar) {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        // Zero-width joiners stay: they are part of emoji sequences.
        if scalar.value == 0x200D { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse: return true
        default: return false
        }
    }
}
