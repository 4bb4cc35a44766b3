import Testing
import Inventory
import XAPI

/// `narrows` lets typing test only the previous filter's matches; it must never claim a
/// narrowing that could let a match through that the previous filter refused.
@Suite struct FilterNarrowingTests {
    @Test(arguments: [
        ("w", "we"), ("we", "web"), ("web", "web d"), ("web", "web*"), ("power_state:r", "power_state:ru"),
        ("", "web"), ("web", "web"), ("a b", "ab b"), ("4", "42x"), ("we", "\"web server\""),
    ])
    func narrowingPairs(previous: String, next: String) throws {
        #expect(try Filter(next).narrows(Filter(previous)), "\(previous) → \(next)")
    }

    @Test(arguments: [
        ("tru", "true"), ("fals", "false"), ("4", "42"), ("!w", "!we"), ("VCPUs_max:<4", "VCPUs_max:<40"),
        ("web", "we"), ("name_label:web", "web"), ("web", "name_label:webx"), ("|(a b)", "|(a bc)"),
        ("/we/", "/web/"), ("w*b", "web"), ("power_state:r", "power_stat:ru"),
    ])
    func notNarrowingPairs(previous: String, next: String) throws {
        #expect(try !Filter(next).narrows(Filter(previous)), "\(previous) → \(next)")
    }

    /// Where `narrows` says yes, the demo records agree: nothing the next filter matches was
    /// refused by the previous one.
    @Test func narrowingHoldsOnTheDemoRecords() throws {
        let vms = FilterTypedRecordTests.inventories.flatMap { Array($0.vms.records.values) }
        let typed = ["r", "ru", "run", "runn", "running", "d", "db", "db-", "db-0", "t", "tr", "tru", "true",
                     "power_state:h", "power_state:ha", "name_label:w", "name_label:we", "web d", "web de", "web*"]
        let filters = try typed.map { try Filter($0) }
        var pairs = 0
        for previous in filters {
            for next in filters where next.narrows(previous) {
                pairs += 1
                let escaped = vms.filter { next.matches($0) && !previous.matches($0) }
                #expect(escaped.isEmpty, "\(next) narrows \(previous), yet matches \(escaped.count) VMs it refused")
            }
        }
        #expect(pairs > typed.count)
    }
}
