import Inventory
import Testing
import XAPI
@testable import UI

/// `ctrl-p` ranking: subsequence, case-insensitive; prefix, word starts and contiguous runs
/// first, then shorter names; only the best `JumpPopup.limit` kept.
@Suite("Fuzzy jump ranking")
struct FuzzyRankingTests {
    func rank(_ query: String, _ names: [String]) -> [String] {
        let folded = FuzzyMatch.fold(query)
        let scored = names.enumerated().compactMap { index, name in
            FuzzyMatch.match(folded, in: FuzzyMatch.fold(name)).map { (index, name, $0.score) }
        }
        return scored.sorted { ($0.2, -$0.1.count, -$0.0) > ($1.2, -$1.1.count, -$1.0) }.map(\.1)
    }

    @Test func notASubsequenceDoesNotMatch() {
        #expect(FuzzyMatch.match(FuzzyMatch.fold("wbx"), in: FuzzyMatch.fold("web-01")) == nil)
        #expect(FuzzyMatch.match(FuzzyMatch.fold("bw"), in: FuzzyMatch.fold("web-01")) == nil)
        #expect(FuzzyMatch.match(FuzzyMatch.fold("WEB"), in: FuzzyMatch.fold("web-01"))?.positions == [0, 1, 2])
    }

    @Test func prefixBeatsWordStartBeatsMiddle() {
        #expect(rank("db", ["old-xdb", "old-db", "db-main"]) == ["db-main", "old-db", "old-xdb"])
    }

    @Test func contiguousBeatsScattered() {
        #expect(rank("web", ["w-e-b-app", "my-web"]) == ["my-web", "w-e-b-app"])
    }

    @Test func shorterNameWinsATie() {
        #expect(rank("web", ["web-frontend-01", "web-01"]) == ["web-01", "web-frontend-01"])
    }

    @Test func wordStartMatchIsPreferredOverAnEarlierMiddleOne() {
        // "app" occurs inside "happy" and at the start of the word "app": the highlight is the latter.
        #expect(FuzzyMatch.match(FuzzyMatch.fold("app"), in: FuzzyMatch.fold("happy-app"))?.positions == [6, 7, 8])
    }

    @Test func nonASCIINamesMatchCaseInsensitively() {
        #expect(FuzzyMatch.match(FuzzyMatch.fold("émile"), in: FuzzyMatch.fold("VM-ÉMILE")) != nil)
        #expect(FuzzyMatch.match(FuzzyMatch.fold("サーバ"), in: FuzzyMatch.fold("報告-サーバ 🚀"))?.positions == [3, 4, 5])
    }

    /// 20,000 VMs: the popup gathers them once; a query keeps only the best `limit`, in order,
    /// and counts every match.
    @Test func popupKeepsTheBestFewOfManyInOrder() {
        var inventory = PoolInventory(name: "big")
        inventory.state = .live
        for n in 0..<20_000 {
            inventory.vms.upsert(Ref("OpaqueRef:vm-\(n)"), AppFixture.vm("vm-\(n)", .halted))
        }
        inventory.vms.upsert(Ref("OpaqueRef:target"), AppFixture.vm("vm-19999x", .halted))
        var popup = JumpPopup(pools: [PoolEntry(inventory: inventory)])
        #expect(popup.candidates.count == 20_002)  // the pool and 20,001 VMs
        popup.input.insert("vm-1999")
        popup.search()
        #expect(popup.matchCount >= 12)  // vm-1999, vm-19990…vm-19999, vm-19999x, and scattered ones (vm-11999)
        #expect(popup.results.first.map { popup.candidates[$0.candidate].name } == "vm-1999")
        popup.input.set("v")
        popup.search()
        #expect(popup.matchCount == 20_001)
        #expect(popup.results.count == JumpPopup.limit)
        let names = popup.results.map { popup.candidates[$0.candidate].name }
        #expect(names.prefix(3) == ["vm-0", "vm-1", "vm-2"])
        #expect(zip(popup.results, popup.results.dropFirst()).allSatisfy { !popup.ranks($1, before: $0) })
    }
}
