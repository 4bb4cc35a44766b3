import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import XAPI
@testable import XAPISim

private let now: Int64 = 1_767_300_003

private func pool() -> SimDatabase { SimDatabase.generate(pools: 1, hosts: 3, vms: 60, seed: 17)[0] }

private func firstHost(_ db: SimDatabase) throws -> (ref: String, record: XAPIStruct) {
    let host = try #require(db["host"].elements.first)
    return (host.key, host.value)
}

private struct ParsedReply {
    var start = 0, step = 0, end = 0, rows = 0, columns = 0
    var legend: [String] = []
    var times: [Int] = []
    var values: [[String]] = []
}

private func parseJSON(_ body: [UInt8]) throws -> ParsedReply {
    let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
    let meta = try #require(object["meta"] as? [String: Any])
    var reply = ParsedReply()
    reply.start = try #require(meta["start"] as? Int)
    reply.step = try #require(meta["step"] as? Int)
    reply.end = try #require(meta["end"] as? Int)
    reply.rows = try #require(meta["rows"] as? Int)
    reply.columns = try #require(meta["columns"] as? Int)
    reply.legend = try #require(meta["legend"] as? [String])
    for row in try #require(object["data"] as? [[String: Any]]) {
        reply.times.append(try #require(row["t"] as? Int))
        let values = try #require(row["values"] as? [Any])
        reply.values.append(values.map { ($0 as? String) ?? "\($0)" })
    }
    return reply
}

/// Reads the `<xport>` document with Foundation's XMLParser.
private final class XportReader: NSObject, XMLParserDelegate {
    var reply = ParsedReply()
    private var text = ""
    private var row: [String] = []

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        text = ""
        if name == "row" { row = [] }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "start": reply.start = Int(text) ?? -1
        case "step": reply.step = Int(text) ?? -1
        case "end": reply.end = Int(text) ?? -1
        case "rows": reply.rows = Int(text) ?? -1
        case "columns": reply.columns = Int(text) ?? -1
        case "entry": reply.legend.append(text)
        case "t": reply.times.append(Int(text) ?? -1)
        case "v": row.append(text)
        case "row": reply.values.append(row)
        default: break
        }
    }
}

private func parseXML(_ body: [UInt8]) throws -> ParsedReply {
    let parser = XMLParser(data: Data(body))
    let reader = XportReader()
    parser.delegate = reader
    #expect(parser.parse(), "the xport reply is not well-formed XML")
    return reader.reply
}

@Suite struct RRDUpdatesTests {
    @Test func queryStringParses() throws {
        let query = try #require(RRDUpdatesQuery(queryString: "?session_id=OpaqueRef%3Aabc&start=-600&cf=average&interval=5&host=true&json=true&vm_uuid=a&vm_uuid=b&sr_uuid=c"))
        #expect(query.start == -600)
        #expect(query.consolidation == .average)
        #expect(query.interval == 5)
        #expect(query.host && query.json)
        #expect(query.vmUUIDs == ["a", "b"])
        #expect(query.srUUIDs == ["c"])
        let bare = try #require(RRDUpdatesQuery(queryString: "start=1700000000"))
        #expect(bare.consolidation == nil && !bare.host && !bare.json && bare.interval == 0)
        #expect(RRDUpdatesQuery(queryString: "cf=AVERAGE") == nil)
        #expect(RRDUpdatesQuery(queryString: "start=soon") == nil)
        #expect(RRDUpdatesQuery(queryString: "start=1&cf=MEDIAN") == nil)
        #expect(RRDUpdatesQuery(queryString: "start=1&vm_uuid=%zz") == nil)
    }

    @Test func jsonReplyIsConsistentAndCoversOnlyResidentVMs() throws {
        let db = pool()
        let host = try firstHost(db)
        let query = RRDUpdatesQuery(start: -600, consolidation: .average, host: true, json: true)
        let (contentType, body) = rrdUpdatesReply(database: db, host: host.ref, query: query, now: now)
        #expect(contentType == "application/json")
        let reply = try parseJSON(body)
        #expect(reply.step == 5)
        #expect(reply.rows == reply.times.count && reply.rows == 120)
        #expect(reply.columns == reply.legend.count)
        #expect(reply.values.allSatisfy { $0.count == reply.columns })
        #expect(reply.times == reply.times.sorted(by: >), "rows are newest first")
        #expect(reply.end == Int(now - now % 5))
        #expect(reply.times.first == reply.end)
        #expect(reply.times.last.map { $0 >= Int(now) - 600 } == true)

        let hostUUID = try #require(host.record["uuid"]?.stringValue)
        let residentUUIDs = Set(db["VM"].values.filter { $0["resident_on"] == .string(host.ref) }.compactMap { $0["uuid"]?.stringValue })
        #expect(residentUUIDs.count > 1)
        var vmUUIDs = Set<String>()
        for entry in reply.legend {
            let parts = entry.split(separator: ":")
            #expect(parts.count == 4 && parts[0] == "AVERAGE")
            if parts[1] == "host" { #expect(String(parts[2]) == hostUUID) } else {
                #expect(parts[1] == "vm")
                vmUUIDs.insert(String(parts[2]))
            }
        }
        #expect(vmUUIDs == residentUUIDs)
        for name in ["cpu0", "cpu_avg", "loadavg", "memory_total_kib", "memory_free_kib", "pif_eth0_rx", "pif_eth0_tx", "pif_aggr_rx", "pif_aggr_tx"] {
            #expect(reply.legend.contains("AVERAGE:host:\(hostUUID):\(name)"), "missing host \(name)")
        }
        let runningVM = try #require(db["VM"].values.first {
            $0["resident_on"] == .string(host.ref) && $0["power_state"] == .string("Running") && $0["is_control_domain"] == .bool(false)
        })
        let vmUUID = try #require(runningVM["uuid"]?.stringValue)
        for name in ["cpu0", "memory", "memory_internal_free", "vif_0_rx", "vbd_xvda_read"] {
            #expect(reply.legend.contains("AVERAGE:vm:\(vmUUID):\(name)"), "missing vm \(name)")
        }

        // Values are strings of numbers; CPU within 0...1; memory_free ≤ total.
        for (column, entry) in reply.legend.enumerated() {
            let numbers = reply.values.map { Double($0[column]) }
            #expect(numbers.allSatisfy { $0 != nil }, "\(entry) has non-numeric values")
            let name = entry.split(separator: ":").last.map(String.init) ?? ""
            if name.hasPrefix("cpu") && name != "cpu_usage" || name == "cpu_usage" {
                #expect(numbers.allSatisfy { ($0 ?? -1) >= 0 && ($0 ?? 2) <= 1 }, "\(entry) out of 0...1")
            }
            #expect(numbers.allSatisfy { ($0 ?? -1) >= 0 }, "\(entry) negative")
        }
        let total = try #require(reply.legend.firstIndex(of: "AVERAGE:host:\(hostUUID):memory_total_kib"))
        let free = try #require(reply.legend.firstIndex(of: "AVERAGE:host:\(hostUUID):memory_free_kib"))
        #expect(reply.values.allSatisfy { (Double($0[free]) ?? 0) <= (Double($0[total]) ?? 0) })
        // Values move, but smoothly and deterministically.
        let cpu = try #require(reply.legend.firstIndex(of: "AVERAGE:vm:\(vmUUID):cpu0"))
        #expect(Set(reply.values.map { $0[cpu] }).count > 10)
        #expect(rrdUpdatesReply(database: db, host: host.ref, query: query, now: now).body == body)
    }

    @Test func xmlReplyParsesBackToTheSameData() throws {
        let db = pool()
        let host = try firstHost(db)
        let uuid = try #require(host.record["uuid"]?.stringValue)
        var query = RRDUpdatesQuery(start: -600, consolidation: .max, host: true, json: false)
        let (contentType, body) = rrdUpdatesReply(database: db, host: uuid, query: query, now: now)
        #expect(contentType == "text/xml")
        let xml = try parseXML(body)
        query.json = true
        let json = try parseJSON(rrdUpdatesReply(database: db, host: uuid, query: query, now: now).body)
        #expect(xml.legend == json.legend && xml.times == json.times && xml.values == json.values)
        #expect(xml.rows == xml.times.count && xml.columns == xml.legend.count && xml.start == json.start)
        #expect(xml.legend.allSatisfy { $0.hasPrefix("MAX:") })
    }

    @Test func numericValuesForOldXapi() throws {
        let db = pool()
        let host = try firstHost(db)
        let query = RRDUpdatesQuery(start: -60, consolidation: .average, host: true, json: true, numericJSONValues: true)
        let body = rrdUpdatesReply(database: db, host: host.ref, query: query, now: now).body
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        let data = try #require(object["data"] as? [[String: Any]])
        let values = try #require(data.first?["values"] as? [Any])
        #expect(values.allSatisfy { $0 is NSNumber })
    }

    @Test func stepFollowsTheAgeOfStartAndTheInterval() throws {
        let db = pool()
        let host = try firstHost(db)
        func reply(start: Int64, interval: Int64 = 0) throws -> ParsedReply {
            let query = RRDUpdatesQuery(start: start, consolidation: .average, interval: interval, host: true, json: true)
            return try parseJSON(rrdUpdatesReply(database: db, host: host.ref, query: query, now: now).body)
        }
        #expect(try reply(start: -300).step == 5)
        #expect(try reply(start: -3600).step == 60)
        #expect(try reply(start: -86_400 * 3).step == 3600)
        #expect(try reply(start: -86_400 * 30).step == 86_400)
        #expect(try reply(start: -300, interval: 60).step == 60)
        // An absolute start behaves like the equivalent relative one.
        let absolute = try reply(start: now - 3600)
        #expect(absolute.step == 60)
        #expect(absolute.times.allSatisfy { Int64($0) >= now - 3600 && $0 % 60 == 0 })
        #expect(absolute.start % 60 == 0 && absolute.start > Int(now) - 3600)
        // A start in the future gives no rows.
        #expect(try reply(start: now + 100).rows == 0)
    }

    @Test func filtersAndAllConsolidationFunctions() throws {
        let db = pool()
        let host = try firstHost(db)
        let resident = db["VM"].values.filter { $0["resident_on"] == .string(host.ref) && $0["is_control_domain"] == .bool(false) }
        let vm = try #require(resident.first?["uuid"]?.stringValue)
        let sr = try #require(db["SR"].values.first?["uuid"]?.stringValue)
        let otherHostVM = try #require(db["VM"].values.first {
            $0["resident_on"] != .string(host.ref) && $0["resident_on"] != .string("OpaqueRef:NULL")
        }?["uuid"]?.stringValue)
        let query = RRDUpdatesQuery(start: -60, consolidation: nil, host: false, json: true, vmUUIDs: [vm, otherHostVM], srUUIDs: [sr])
        let reply = try parseJSON(rrdUpdatesReply(database: db, host: host.ref, query: query, now: now).body)
        let objects = Set(reply.legend.map { $0.split(separator: ":")[1...2].joined(separator: ":") })
        #expect(objects == ["vm:\(vm)", "sr:\(sr)"])
        #expect(Set(reply.legend.map { String($0.split(separator: ":")[0]) }) == ["AVERAGE", "MIN", "MAX"])
        // MIN ≤ AVERAGE ≤ MAX for each data source.
        let name = "vm:\(vm):cpu0"
        let minimum = try #require(reply.legend.firstIndex(of: "MIN:" + name))
        let average = try #require(reply.legend.firstIndex(of: "AVERAGE:" + name))
        let maximum = try #require(reply.legend.firstIndex(of: "MAX:" + name))
        for row in reply.values {
            #expect((Double(row[minimum]) ?? 2) <= (Double(row[average]) ?? -1))
            #expect((Double(row[average]) ?? 2) <= (Double(row[maximum]) ?? -1))
        }
        // An unknown host: a well-formed reply without columns.
        let empty = try parseJSON(rrdUpdatesReply(database: db, host: "OpaqueRef:nope", query: query, now: now).body)
        #expect(empty.columns == 0 && empty.legend.isEmpty)
    }

    @Test func handlerAnswersForTheMaster() throws {
        let db = pool()
        var options = SimPoolOptions()
        options.clock = { Double(now) }
        let simPool = SimPool(database: db, options: options)
        let handler = SimPool.rrdUpdatesHandler(seed: 0)
        let master = try #require(db["pool"].values.first?["master"]?.stringValue)
        let masterUUID = try #require(db["host"][master]?["uuid"]?.stringValue)

        let query = "session_id=x&start=-600&cf=AVERAGE&host=true"
        let xml = handler(RRDUpdatesRequest(pool: simPool, query: query, parameters: [], accept: nil))
        #expect(xml.status == 200 && xml.contentType == "text/xml")
        let json = handler(RRDUpdatesRequest(pool: simPool, query: query, parameters: [], accept: "application/json"))
        #expect(json.contentType == "application/json")
        let reply = try parseJSON(json.body)
        #expect(reply.legend.contains("AVERAGE:host:\(masterUUID):cpu_avg"))
        #expect(reply.end == Int(now - now % 5))
        #expect(json.body == rrdUpdatesReply(database: db, host: master, query: RRDUpdatesQuery(start: -600, host: true, json: true), now: now).body)

        let bad = handler(RRDUpdatesRequest(pool: simPool, query: "cf=AVERAGE", parameters: [], accept: nil))
        #expect(bad.status == 400)
    }

    @Test func numbersPrintLikeXapi() {
        #expect(RRDNumber.string(0) == "0.0000")
        #expect(RRDNumber.string(0.12345) == "0.1235")
        #expect(RRDNumber.string(-3) == "-3.0000")
        #expect(RRDNumber.string(4_294_967_296) == "4294967296.0000")
        #expect(RRDNumber.string(.nan) == "NaN")
        #expect(RRDNumber.string(-.infinity) == "-Infinity")
    }
}
