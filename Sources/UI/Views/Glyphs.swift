import XAPI

/// The symbols the views draw; one place so that views stay consistent.
enum Glyphs {
    static let unfolded = "▾"
    static let folded = "▸"
    static let busy = "⟳"
    static let breadcrumb = "▸"
    static let horizontalRule = "─"

    static func power(_ state: VMPowerState) -> String {
        switch state {
        case .running: "●"
        case .halted: "◌"
        case .paused: "◐"
        case .suspended: "◑"
        case .unknown: "?"
        }
    }

    static func powerName(_ state: VMPowerState) -> String {
        switch state {
        case .running: "Running"
        case .halted: "Halted"
        case .paused: "Paused"
        case .suspended: "Suspended"
        case .unknown(let value): value
        }
    }
}

/// Byte counts as people read them: binary units, at most one decimal (`8 GiB`, `1.5 GiB`).
enum ByteCount {
    static func format(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var value = Double(bytes)
        var unit = 0
        while abs(value) >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 || value.rounded() == value { return "\(Int(value.rounded())) \(units[unit])" }
        let tenths = (value * 10).rounded() / 10
        if tenths.rounded() == tenths { return "\(Int(tenths)) \(units[unit])" }
        return "\(tenths) \(units[unit])"
    }
}

/// `1 host`, `3 hosts`.
enum Plural {
    static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }
}
