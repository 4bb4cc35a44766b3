import Inventory
import Testing
import XAPI
import XAPISim

/// The migration pre-check on hosts with different CPU feature sets.
@Suite struct MigrationCPUCheckTests {
    private func host(_ name: String, vendor: String = "GenuineIntel", features: String?) -> HostRecord {
        var host = HostRecord()
        host.name_label = name
        host.cpu_info = ["vendor": vendor]
        if let features { host.cpu_info["features"] = features }
        return host
    }

    @Test func featureMasksParseAndCountWhatIsMissing() throws {
        let newer = try #require(CPUFeatureSet("1fcbfbff-f7fa3223-0000000f"))
        let older = try #require(CPUFeatureSet("1fcbfbff-f7fa3203-00000001"))
        #expect(newer.words == [0x1fcb_fbff, 0xf7fa_3223, 0x0000_000f])
        #expect(newer.countMissing(in: older) == 4)  // 0x20 in word 1, 0xe in word 2
        #expect(older.countMissing(in: newer) == 0)
        #expect(CPUFeatureSet("0000000f").map { $0.countMissing(in: CPUFeatureSet(words: [])) } == 4)
        #expect(CPUFeatureSet("zz-01") == nil)
        #expect(CPUFeatureSet("") == nil)
    }

    @Test func aDestinationLackingFeaturesIsWarnedAbout() {
        let source = host("xcp-prod-01", features: "1fcbfbff-f7fa3223")
        let older = host("xcp-prod-08", features: "1fcbfbff-f7fa3203")
        #expect(MigrationCPUCheck.warning(from: [source], to: older) == "lacks 1 CPU feature of xcp-prod-01")
        #expect(MigrationCPUCheck.warning(from: [older], to: source) == nil)
        #expect(MigrationCPUCheck.warning(from: [source], to: source) == nil)
    }

    @Test func theWorstSourceIsNamed() {
        let a = host("a", features: "000000ff")
        let b = host("b", features: "0000ffff")
        let destination = host("c", features: "0000000f")
        #expect(MigrationCPUCheck.warning(from: [a, b], to: destination) == "lacks 12 CPU features of b")
    }

    @Test func anotherVendorIsWarnedAbout() {
        let intel = host("xcp-01", features: "1")
        let amd = host("xcp-02", vendor: "AuthenticAMD", features: "1")
        #expect(MigrationCPUCheck.warning(from: [intel], to: amd) == "AuthenticAMD CPU, not GenuineIntel like xcp-01")
    }

    @Test func hostsThatDoNotSayGetNoWarning() {
        #expect(MigrationCPUCheck.warning(from: [host("a", features: nil)], to: host("b", features: "0")) == nil)
        #expect(MigrationCPUCheck.warning(from: [], to: host("b", features: "0")) == nil)
    }

    @Test func theSimulatorsDemoPoolHasAnOlderHost() {
        // The demo's prod pool: its last host is a generation older.
        let prod = SimDatabase.demoPools(seed: 1)[0]["host"].values.compactMap { try? HostRecord(value: .structure($0)) }
            .sorted { $0.name_label < $1.name_label }
        #expect(prod.count == 8)
        let warnings = prod.dropLast().map { MigrationCPUCheck.warning(from: [$0], to: prod[prod.count - 1]) }
        #expect(warnings.allSatisfy { $0?.hasPrefix("lacks ") == true })
        #expect(prod.dropLast().allSatisfy { MigrationCPUCheck.warning(from: [prod[0]], to: $0) == nil })
    }
}
