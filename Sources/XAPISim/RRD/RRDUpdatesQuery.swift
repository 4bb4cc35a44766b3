/// The parameters of `GET /rrd_updates` (the session is the server's business).
public struct RRDUpdatesQuery: Sendable, Equatable {
    public enum ConsolidationFunction: String, Sendable, CaseIterable {
        case average = "AVERAGE"
        case min = "MIN"
        case max = "MAX"
    }

    /// Unix seconds; negative means relative to the last update (`-600` = the last 10 minutes).
    public var start: Int64
    /// nil asks for every consolidation function, as xapi does when `cf` is absent.
    public var consolidation: ConsolidationFunction?
    /// The wanted step in seconds (0: the finest archive that reaches back to `start`).
    public var interval: Int64
    /// Include the host's own data sources.
    public var host: Bool
    public var json: Bool
    /// Only these VMs (among those resident on the host); empty: all resident VMs.
    public var vmUUIDs: [String]
    public var srUUIDs: [String]
    /// Old xapi (before 23.31) wrote JSON values as numbers; modern xapi writes strings.
    public var numericJSONValues: Bool

    public init(
        start: Int64, consolidation: ConsolidationFunction? = .average, interval: Int64 = 0, host: Bool = true,
        json: Bool = false, vmUUIDs: [String] = [], srUUIDs: [String] = [], numericJSONValues: Bool = false
    ) {
        self.start = start
        self.consolidation = consolidation
        self.interval = interval
        self.host = host
        self.json = json
        self.vmUUIDs = vmUUIDs
        self.srUUIDs = srUUIDs
        self.numericJSONValues = numericJSONValues
    }

    /// Parses `start=…&cf=AVERAGE&interval=5&host=true&json=true&vm_uuid=…` (with or without
    /// a leading `?`). nil when `start` is missing or any known parameter is malformed.
    public init?(queryString: String) {
        var query = queryString
        if query.hasPrefix("?") { query.removeFirst() }
        var start: Int64?
        self.init(start: 0, consolidation: nil, host: false)
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let rawName = parts.first, let name = Self.percentDecode(rawName) else { return nil }
            guard let value = Self.percentDecode(parts.count > 1 ? parts[1] : "") else { return nil }
            switch name {
            case "start":
                guard let parsed = Int64(value) else { return nil }
                start = parsed
            case "cf":
                guard let cf = ConsolidationFunction(rawValue: value.uppercased()) else { return nil }
                consolidation = cf
            case "interval":
                guard let parsed = Int64(value), parsed >= 0 else { return nil }
                interval = parsed
            case "host": host = Self.flag(value)
            case "json": json = Self.flag(value)
            case "vm_uuid": vmUUIDs.append(value)
            case "sr_uuid": srUUIDs.append(value)
            default: continue  // session_id and anything newer
            }
        }
        guard let start else { return nil }
        self.start = start
    }

    private static func flag(_ value: String) -> Bool {
        let lowered = value.lowercased()
        return lowered == "true" || lowered == "1" || lowered == "yes" || lowered == "on"
    }

    private static func percentDecode(_ text: Substring) -> String? {
        var bytes = [UInt8]()
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(32)
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: return byte - 48
        case 65...70: return byte - 55
        case 97...102: return byte - 87
        default: return nil
        }
    }
}
