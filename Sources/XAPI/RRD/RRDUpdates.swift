/// One reply of `GET /rrd_updates` (PROTOCOL.md §7), in either format: the columns named by
/// the legend and the rows, each a time and one value per column. A NaN value is a gap.
public struct RRDUpdates: Sendable, Equatable {
    public var start: Int64
    /// Seconds between rows.
    public var step: Int64
    public var end: Int64
    public var legend: [RRDLegendEntry]
    /// As the server sent them (xapi sends the newest first).
    public var rows: [RRDRow]

    public init(start: Int64, step: Int64, end: Int64, legend: [RRDLegendEntry], rows: [RRDRow]) {
        self.start = start
        self.step = step
        self.end = end
        self.legend = legend
        self.rows = rows
    }

    /// Parses a reply body, JSON or XML (told apart by its first character, as replies of
    /// xapi before 23.17 ignore the Accept header).
    public init(parsing body: [UInt8]) throws(RRDUpdatesError) {
        let first = body.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        switch first {
        case UInt8(ascii: "{"): self = try RRDUpdatesJSON.parse(body)
        case UInt8(ascii: "<"): self = try RRDUpdatesXML.parse(body)
        case nil: throw .empty
        default: throw .notRRDUpdates(excerpt: RRDUpdatesError.excerpt(body))
        }
    }

    /// Checks what both formats share: every row has one value per legend entry.
    init(validating start: Int64, step: Int64, end: Int64, legend: [RRDLegendEntry], rows: [RRDRow]) throws(RRDUpdatesError) {
        guard step > 0 else { throw .malformed("meta.step is \(step), not a positive number of seconds") }
        for row in rows where row.values.count != legend.count {
            throw .malformed("the row at t=\(row.time) has \(row.values.count) values for \(legend.count) legend entries")
        }
        self.init(start: start, step: step, end: end, legend: legend, rows: rows)
    }
}

/// One row: a Unix time and the values of the legend's columns, in order.
public struct RRDRow: Sendable, Equatable {
    public var time: Int64
    public var values: [Double]

    public init(time: Int64, values: [Double]) {
        self.time = time
        self.values = values
    }

    // NaN is a gap and must compare equal to itself here, for tests and deduplication.
    public static func == (lhs: RRDRow, rhs: RRDRow) -> Bool {
        lhs.time == rhs.time && lhs.values.count == rhs.values.count
            && zip(lhs.values, rhs.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
}

/// `AVERAGE:vm:<uuid>:cpu0`: consolidation function, class of object, its uuid, data source.
public struct RRDLegendEntry: Sendable, Hashable, CustomStringConvertible {
    public var consolidation: String
    /// `host`, `vm` or `sr`; anything else is kept and ignored by the stats.
    public var objectClass: String
    public var uuid: String
    public var name: String

    public init(consolidation: String, objectClass: String, uuid: String, name: String) {
        self.consolidation = consolidation
        self.objectClass = objectClass
        self.uuid = uuid
        self.name = name
    }

    /// nil when the entry does not have the four parts.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, !parts[0].isEmpty, !parts[1].isEmpty, !parts[3].isEmpty else { return nil }
        self.init(consolidation: String(parts[0]), objectClass: String(parts[1]), uuid: String(parts[2]), name: String(parts[3]))
    }

    public var description: String { "\(consolidation):\(objectClass):\(uuid):\(name)" }
}

/// Why a reply could not be read; the text is for the log pane (it never holds a session id).
public enum RRDUpdatesError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case notRRDUpdates(excerpt: String)
    case malformed(String)

    public var description: String {
        switch self {
        case .empty: "the rrd_updates reply is empty"
        case .notRRDUpdates(let excerpt): "the rrd_updates reply is neither JSON nor XML: \(excerpt)"
        case .malformed(let reason): "malformed rrd_updates reply: \(reason)"
        }
    }

    static func excerpt(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(60), as: UTF8.self)
        let printable = String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
        return body.count > 60 ? printable + "…" : printable
    }
}

/// A value as xapi writes it: `%0.4f`, `NaN`, `Infinity`, `-Infinity` (also `nan`, `inf`).
enum RRDValueText {
    static func parse(_ text: Substring) -> Double? {
        let trimmed = text.trimmingSpaces
        switch trimmed.lowercased() {
        case "nan", "-nan", "+nan": return .nan
        case "infinity", "inf", "+infinity", "+inf": return .infinity
        case "-infinity", "-inf": return -.infinity
        default: return trimmed.isEmpty ? nil : Double(trimmed)
        }
    }
}
