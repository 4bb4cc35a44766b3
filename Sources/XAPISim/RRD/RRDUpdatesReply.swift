import OrderedCollections
import XAPI

/// The archives xcp-rrdd keeps for every data source: (seconds per row, rows).
let rrdArchives: [(step: Int64, rows: Int64)] = [(5, 120), (60, 120), (3_600, 168), (86_400, 366)]

/// The reply to `GET /rrd_updates` for one host: its own data sources (if `query.host`), those
/// of the VMs resident on it (all, or those in `query.vmUUIDs`), and of the SRs in
/// `query.srUUIDs`. `host` is the host's ref or uuid; an unknown host gets a reply with no
/// columns. `now` is the current Unix time; `seed` varies the made-up values.
///
/// The shape follows xapi's `Rrd_updates`: rows newest first, `meta.start` is the first
/// whole step after `start`, `meta.end` the last update rounded to the step; the legend is
/// `CF:class:uuid:name`, grouped by object, then consolidation function, then data source.
public func rrdUpdatesReply(
    database: SimDatabase, host: String, query: RRDUpdatesQuery, now: Int64, seed: UInt64 = 0
) -> (contentType: String, body: [UInt8]) {
    let updates = RRDUpdates(database: database, host: host, query: query, now: now, seed: seed)
    if query.json {
        return ("application/json", updates.json(numericValues: query.numericJSONValues))
    }
    return ("text/xml", updates.xml())
}

/// One computed reply, before rendering.
struct RRDUpdates {
    let start: Int64
    let step: Int64
    let end: Int64
    let legend: [String]
    /// Newest first.
    let times: [Int64]
    /// rows × columns, same order as `times` and `legend`.
    let values: [[Double]]

    init(database: SimDatabase, host: String, query: RRDUpdatesQuery, now: Int64, seed: UInt64) {
        // Clamped so that no arithmetic below can overflow, whatever the request says.
        let limit: Int64 = 1 << 42
        let clampedNow = min(max(now, 0), limit)
        let lastUpdated = clampedNow - clampedNow % 5
        let relative = min(max(query.start, -limit), limit)
        let requestedStart = relative < 0 ? lastUpdated + relative : relative

        // The finest archive at least as coarse as the interval that still reaches back to start;
        // if none reaches back that far, the one that reaches furthest.
        let wanted = rrdArchives.filter { $0.step >= query.interval }
        let candidates = wanted.isEmpty ? [rrdArchives[rrdArchives.count - 1]] : wanted
        let archive = candidates.first { lastUpdated - $0.step * $0.rows <= requestedStart }
            ?? candidates.max { $0.step * $0.rows < $1.step * $1.rows } ?? rrdArchives[0]
        step = archive.step
        end = lastUpdated - lastUpdated % step
        start = requestedStart - ((requestedStart % step) + step) % step + step

        var times = [Int64]()
        var time = end
        while time >= requestedStart, Int64(times.count) < archive.rows {
            times.append(time)
            time -= step
        }
        self.times = times

        // Columns.
        let sources = RRDDataSources(database: database, seed: seed)
        var objects = [[RRDDataSource]]()
        let hostRef = database["host"][host] != nil ? host
            : database["host"].first { $0.value["uuid"]?.stringValue == host }?.key
        if let hostRef, let hostRecord = database["host"][hostRef] {
            if query.host { objects.append(sources.host(hostRef, hostRecord)) }
            let wantedVMs = Set(query.vmUUIDs)
            for vm in hostRecord["resident_VMs"]?.arrayValue ?? [] {
                guard let ref = vm.stringValue, let record = database["VM"][ref],
                    record["resident_on"]?.stringValue == hostRef,
                    wantedVMs.isEmpty || wantedVMs.contains(record["uuid"]?.stringValue ?? "")
                else { continue }
                objects.append(sources.vm(ref, record))
            }
            if !query.srUUIDs.isEmpty {
                for record in database["SR"].values where query.srUUIDs.contains(record["uuid"]?.stringValue ?? "") {
                    objects.append(sources.sr(record))
                }
            }
        }
        let functions = query.consolidation.map { [$0] } ?? RRDUpdatesQuery.ConsolidationFunction.allCases
        var legend = [String]()
        var columns = [(RRDSignal, RRDUpdatesQuery.ConsolidationFunction)]()
        for object in objects {
            for function in functions {
                for source in object {
                    legend.append(function.rawValue + ":" + source.name)
                    columns.append((source.signal, function))
                }
            }
        }
        self.legend = legend
        let step = self.step
        values = times.map { time in columns.map { $0.0.value(at: time, step: step, consolidation: $0.1) } }
    }

    func xml() -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(256 + legend.count * 64 + times.count * (legend.count * 20 + 32))
        out.append(contentsOf: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><xport><meta><start>".utf8)
        out.append(contentsOf: String(start).utf8)
        out.append(contentsOf: "</start><step>".utf8)
        out.append(contentsOf: String(step).utf8)
        out.append(contentsOf: "</step><end>".utf8)
        out.append(contentsOf: String(end).utf8)
        out.append(contentsOf: "</end><rows>".utf8)
        out.append(contentsOf: String(times.count).utf8)
        out.append(contentsOf: "</rows><columns>".utf8)
        out.append(contentsOf: String(legend.count).utf8)
        out.append(contentsOf: "</columns><legend>".utf8)
        for entry in legend {
            out.append(contentsOf: "<entry>".utf8)
            out.append(contentsOf: entry.utf8)
            out.append(contentsOf: "</entry>".utf8)
        }
        out.append(contentsOf: "</legend></meta><data>".utf8)
        for (row, time) in times.enumerated() {
            out.append(contentsOf: "<row><t>".utf8)
            out.append(contentsOf: String(time).utf8)
            out.append(contentsOf: "</t>".utf8)
            for value in values[row] {
                out.append(contentsOf: "<v>".utf8)
                RRDNumber.append(value, to: &out)
                out.append(contentsOf: "</v>".utf8)
            }
            out.append(contentsOf: "</row>".utf8)
        }
        out.append(contentsOf: "</data></xport>".utf8)
        return out
    }

    func json(numericValues: Bool) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(256 + legend.count * 64 + times.count * (legend.count * 20 + 32))
        out.append(contentsOf: "{\"meta\":{\"start\":".utf8)
        out.append(contentsOf: String(start).utf8)
        out.append(contentsOf: ",\"step\":".utf8)
        out.append(contentsOf: String(step).utf8)
        out.append(contentsOf: ",\"end\":".utf8)
        out.append(contentsOf: String(end).utf8)
        out.append(contentsOf: ",\"rows\":".utf8)
        out.append(contentsOf: String(times.count).utf8)
        out.append(contentsOf: ",\"columns\":".utf8)
        out.append(contentsOf: String(legend.count).utf8)
        out.append(contentsOf: ",\"legend\":[".utf8)
        for (index, entry) in legend.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: entry.utf8)  // uuids and data source names need no escaping
            out.append(UInt8(ascii: "\""))
        }
        out.append(contentsOf: "]},\"data\":[".utf8)
        for (row, time) in times.enumerated() {
            if row > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: "{\"t\":".utf8)
            out.append(contentsOf: String(time).utf8)
            out.append(contentsOf: ",\"values\":[".utf8)
            for (index, value) in values[row].enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                if numericValues && value.isFinite {
                    RRDNumber.append(value, to: &out)
                } else {
                    out.append(UInt8(ascii: "\""))
                    RRDNumber.append(value, to: &out)
                    out.append(UInt8(ascii: "\""))
                }
            }
            out.append(contentsOf: "]}".utf8)
        }
        out.append(contentsOf: "]}".utf8)
        return out
    }
}

/// Values as xapi prints them: four decimals (`%0.4f`), `NaN`, `Infinity`, `-Infinity`.
enum RRDNumber {
    static func append(_ value: Double, to out: inout [UInt8]) {
        if value.isNaN { out.append(contentsOf: "NaN".utf8); return }
        if value.isInfinite { out.append(contentsOf: (value < 0 ? "-Infinity" : "Infinity").utf8); return }
        guard abs(value) < 9e14 else {
            out.append(contentsOf: XAPIDouble.format(value).utf8)
            return
        }
        let scaled = Int64((abs(value) * 10_000).rounded())
        if value < 0 && scaled != 0 { out.append(UInt8(ascii: "-")) }
        out.append(contentsOf: String(scaled / 10_000).utf8)
        out.append(UInt8(ascii: "."))
        let fraction = String(scaled % 10_000)
        for _ in fraction.count..<4 { out.append(UInt8(ascii: "0")) }
        out.append(contentsOf: fraction.utf8)
    }

    static func string(_ value: Double) -> String {
        var out = [UInt8]()
        append(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
