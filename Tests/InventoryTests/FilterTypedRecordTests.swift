import Testing
import Inventory
import XAPI
import XAPISim

/// Records are matched through their generated `FilterSubject` conformance, straight from the
/// typed fields: it must give exactly the answers of their wire view (`toXAPIValue()`), on the
/// demo pools' generated records and on hand-made edge cases.
@Suite struct FilterTypedRecordTests {
    static let filters = [
        "web", "WEB", "db", "zzqx", "running", "halted", "power_state:running", "power_state:Halted",
        "name_label:web*", "name_label:/^db-\\d+$/i", "!power_state:running", "VCPUs_max:>=4", "VCPUs_max:2",
        "memory_static_max:>=4G", "tags:prod", "tags?", "!tags?", "tags:length:>1", "other_config?",
        "other_config:base_template_name:debian", "platform:acpi:1", "is_a_template:false", "is_a_template?",
        "snapshots:length:>0", "VIFs:0", "resident_on:OpaqueRef*", "opaqueref:null", "|(web db)", "(web !halted)",
        "true", "false", "4", "2", "-1", "start_time:>1700000000", "\"Control domain\"", "*",
        "allowed_operations:clean_shutdown", "current_operations?", "host_*", "/xcp-.*-0[1-3]/",
        "address:10.*", "enabled:true", "memory_overhead:>0", "uuid:*-*", "bios_strings:bios-vendor:xen",
    ]

    /// Every record of the demo pools of the classes the UI filters.
    static let inventories: [PoolInventory] = SimDatabase.demoPools(seed: 1).enumerated().map { index, database in
        var inventory = PoolInventory(name: "pool\(index)")
        for (className, table) in database.tables {
            for (ref, record) in table {
                var decoder = XAPIValueDecoder(.structure(record))
                if let object = try? XAPIObject.decode(className: className, from: &decoder) {
                    inventory.upsert(object, ref: ref)
                }
            }
        }
        return inventory
    }

    func expectSameAnswers<R: XAPIRecord & FilterSubject>(_ records: [R], _ filter: Filter, _ text: String) {
        var mismatches = 0
        for record in records where filter.matches(record) != filter.matches(record.toXAPIValue()) {
            mismatches += 1
        }
        #expect(mismatches == 0, "\(text): \(mismatches) of \(records.count) \(R.xapiClassName) records differ")
    }

    @Test(arguments: filters)
    func typedRecordsMatchLikeTheirWireView(text: String) throws {
        let filter = try Filter(text)
        for inventory in Self.inventories {
            expectSameAnswers(Array(inventory.vms.records.values), filter, text)
            expectSameAnswers(Array(inventory.hosts.records.values), filter, text)
            expectSameAnswers(Array(inventory.srs.records.values), filter, text)
            expectSameAnswers(Array(inventory.networks.records.values), filter, text)
            expectSameAnswers(Array(inventory.pools.records.values), filter, text)
        }
    }

    @Test func demoDataHasMatchesToCompare() throws {
        let vms = Self.inventories.flatMap { Array($0.vms.records.values) }
        #expect(vms.count > 300)
        #expect(vms.contains { try! Filter("power_state:running").matches($0) })
        #expect(vms.contains { try! Filter("tags?").matches($0) })
        #expect(vms.contains { try! Filter("!power_state:running").matches($0) })
    }

    @Test func fieldsListTheWireViewsFields() {
        var vm = VMRecord()
        vm.name_label = "web-01"
        vm.tags = ["prod"]
        vm.other_config = ["b": "2", "a": "1"]
        let typed = vm.filterFields
        let wire = vm.toXAPIValue().filterFields
        #expect(typed.map(\.0) == wire.map(\.0))
        #expect(vm.filterField("no_such_field") == nil)
        guard case .map(let map)? = vm.filterField("other_config") else {
            Issue.record("other_config is not a map")
            return
        }
        #expect(map.pairs.map(\.0) == ["a", "b"])
    }
}
