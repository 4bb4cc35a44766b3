import Testing
import XAPI
import XAPISim

@testable import Inventory

/// Series windows, the metrics derived from data sources, and replies of the simulator in
/// every format read into the same stats.
@Suite("Stats store")
struct StatsStoreTests {
    @Test func aSeriesKeepsAFixedWindowWithGaps() {
        var series = StatsSeries(step: 5, capacity: 4)
        #expect(series.isEmpty && series.latest == nil)
        series.record(1, at: 100)
        series.record(2, at: 107)  // slot 105
        series.record(4, at: 115)  // 110 is a gap
        #expect(series.end == 115)
        #expect(series.values.map { $0.isNaN ? -1 : $0 } == [1, 2, -1, 4])
        series.record(9, at: 90)  // older than the window: dropped
        series.record(3, at: 110)  // late row fills its gap
        #expect(series.values == [1, 2, 3, 4])
        series.record(5, at: 1_000)  // far ahead: everything else is gone
        #expect(series.values.filter(\.isFinite) == [5])
        #expect(series.values.count == 4)
        #expect(series.latest == 5)
    }

    @Test func totalsCountOnlySlotsEveryPartHasReported() throws {
        var a = StatsSeries(step: 5, capacity: 4)
        var b = StatsSeries(step: 5, capacity: 4)
        let empty = StatsSeries(step: 5, capacity: 4)
        a.record(1, at: 100); a.record(2, at: 105); a.record(.nan, at: 110)
        b.record(10, at: 105); b.record(20, at: 110); b.record(30, at: 115)
        // 110 and 115 would be partial totals (a's newest row is not consolidated, a has not
        // reported 115 yet): gaps, so the newest total shown is 105's.
        let sum = try #require(StatsSeries.combined([a, b, empty]) { $0.reduce(0, +) })
        #expect(sum.end == 115)
        #expect(sum.values.map { $0.isNaN ? -1 : $0 } == [-1, 12, -1, -1])
        #expect(sum.latest == 12)
    }

    @Test func aPoolTotalWaitsForEveryHost() {
        let legend = [RRDLegendEntry(consolidation: "AVERAGE", objectClass: "host", uuid: "h-1", name: "cpu_avg")]
        var store = StatsStore()
        store.record(RRDUpdates(start: 95, step: 5, end: 100, legend: legend, rows: [RRDRow(time: 100, values: [0.5])]),
                     range: .tenMinutes, pool: "p")
        #expect(store.total(.cpu, .tenMinutes, pool: "p", uuids: ["h-1"])?.latest == 0.5)
        // h-2 has not reported yet: no total, rather than h-1's figure shown as the pool's.
        #expect(store.total(.cpu, .tenMinutes, pool: "p", uuids: ["h-1", "h-2"]) == nil)
    }

    static let vm = "vm-1"

    @Test func metricsFromDataSourcesWithNaNAndUnknownNames() {
        let legend = [
            "AVERAGE:vm:vm-1:cpu0", "AVERAGE:vm:vm-1:cpu1", "AVERAGE:vm:vm-1:memory", "AVERAGE:vm:vm-1:memory_internal_free",
            "AVERAGE:vm:vm-1:vif_0_rx", "AVERAGE:vm:vm-1:vif_1_rx", "AVERAGE:vm:vm-1:vif_0_rx_errors",
            "AVERAGE:vm:vm-1:vbd_xvda_read", "AVERAGE:vm:vm-1:vbd_xvda_read_latency", "AVERAGE:vm:vm-1:vbd_xvda_iops_read",
            "AVERAGE:vm:vm-1:runstate_fullrun", "MAX:vm:vm-1:cpu0", "AVERAGE:sr:sr-1:size", "AVERAGE:gpu:g-1:whatever",
            "AVERAGE:host:h-1:cpu_avg", "AVERAGE:host:h-1:memory_total_kib", "AVERAGE:host:h-1:memory_free_kib",
            "AVERAGE:host:h-1:pif_eth0_rx", "AVERAGE:host:h-1:pif_eth1_rx",
        ].compactMap(RRDLegendEntry.init(parsing:))
        let updates = RRDUpdates(start: 95, step: 5, end: 105, legend: legend, rows: [
            RRDRow(time: 105, values: [0.5, 0.3, 2048, 1, 100, 50, 7, 1000, 900, 800, 0.9, 1.0, 5, 5, 0.25, 4, 1, 10, 20]),
            RRDRow(time: 100, values: [.nan, .nan, 2048, .nan, .nan, .nan, 0, .nan, 0, 0, 0, 1, 5, 5, .nan, 4, .nan, .nan, .nan]),
        ])
        var store = StatsStore()
        store.record(updates, range: .tenMinutes, pool: "p")
        let vm = store.object(pool: "p", uuid: "vm-1")
        #expect(vm?.series(.cpu, .tenMinutes)?.values.suffix(2).map { $0.isNaN ? -1 : $0 } == [-1, 0.4])
        #expect(vm?.series(.memory, .tenMinutes)?.latest == 1024)  // 2048 B less 1 KiB free
        #expect(vm?.series(.memory, .tenMinutes)?.value(at: 100) == 2048)  // no guest figure: all of it
        #expect(vm?.series(.memoryTotal, .tenMinutes)?.latest == 2048)
        #expect(vm?.series(.networkReceive, .tenMinutes)?.latest == 150)  // errors are not traffic
        #expect(vm?.series(.diskRead, .tenMinutes)?.latest == 1000)  // latency and IOPS are not bytes
        #expect(vm?.series(.diskRead, .tenMinutes)?.value(at: 100)?.isNaN == true)
        let host = store.object(pool: "p", uuid: "h-1")
        #expect(host?.series(.cpu, .tenMinutes)?.latest == 0.25)
        #expect(host?.series(.memory, .tenMinutes)?.latest == 3_072, "\(String(describing: host?.series(.memory, .tenMinutes)?.values.suffix(3)))")
        #expect(host?.series(.networkReceive, .tenMinutes)?.latest == 30)
        #expect(host?.series(.diskRead, .tenMinutes)?.latest == 1000)  // its VMs' disks
        #expect(store.object(pool: "p", uuid: "sr-1") == nil)
        #expect(store.object(pool: "p", uuid: "g-1") == nil)
        #expect(store.total(.cpu, .tenMinutes, pool: "p", uuids: ["vm-1", "h-1"])?.latest == (0.4 + 0.25) / 2)
    }

    @Test func theSimulatorsRepliesInEveryFormatGiveTheSameStats() throws {
        let database = SimDatabase.generate(pools: 1, hosts: 2, vms: 8, seed: 5)[0]
        let master = try #require(database.poolRef.flatMap { database["pool"][$0]?["master"]?.stringValue })
        let now: Int64 = 1_764_000_003
        func parsed(json: Bool, numeric: Bool) throws -> RRDUpdates {
            let query = RRDUpdatesQuery(start: -600, interval: 5, host: true, json: json, numericJSONValues: numeric)
            return try RRDUpdates(parsing: rrdUpdatesReply(database: database, host: master, query: query, now: now).body)
        }
        let strings = try parsed(json: true, numeric: false)
        #expect(try parsed(json: true, numeric: true) == strings)
        #expect(try parsed(json: false, numeric: false) == strings)
        #expect(strings.rows.count == 120 && strings.step == 5)
        var store = StatsStore()
        store.record(strings, range: .tenMinutes, pool: "p")
        let hostUUID = try #require(database["host"][master]?["uuid"]?.stringValue)
        #expect(store.object(pool: "p", uuid: hostUUID)?.series(.cpu, .tenMinutes)?.values.allSatisfy(\.isFinite) == true)
    }
}
