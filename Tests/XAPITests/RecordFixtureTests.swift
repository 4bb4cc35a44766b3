import Foundation
import Testing
@testable import XAPI

/// A modern VM record as JSON-RPC sends it (the xen-api SDK test case), decoded into `VMRecord`.
@Suite(.enabled(if: SharedFolder.exists, "needs ../shared/xapi beside the package root"))
struct RecordFixtureTests {
    static let fullRef = "OpaqueRef:6ef08bce-0bf0-30ff-804f-5f0ee4bbdd13"
    static let partialRef = "OpaqueRef:7cdfad16-7e0e-411f-1b6c-4308fd33b164"

    func records() throws -> XAPIStruct {
        let fixture = try FoundationJSON.value(try Data(contentsOf: SharedFolder.vmFixture))
        let result = fixture["xapi-24/vm_get_all_records_02"]?["expected_result"]?["VM.get_all_records"]?["result"]
        return try #require(result?.structValue)
    }

    @Test func decodesAFullVMRecord() throws {
        let vm = try VMRecord(value: try #require(try records()[Self.fullRef]))
        #expect(vm.uuid == "c5db1298-3e97-53bb-4f97-bd039ca8c217")
        #expect(vm.name_label == "win11-x64")
        #expect(vm.power_state == .running)
        #expect(vm.VCPUs_max == 2)
        #expect(vm.VCPUs_at_startup == 2)
        #expect(vm.memory_static_max == 8_589_934_592)
        #expect(vm.memory_static_min == 4_294_967_296)
        #expect(vm.memory_dynamic_max == 8_589_934_592)
        #expect(vm.domid == 50)
        #expect(vm.HVM_shadow_multiplier == 1.0)
        #expect(vm.other_config["base_template_name"] == "Windows 11")
        #expect(vm.other_config.count == 5)
        #expect(vm.allowed_operations.count == 12)
        #expect(vm.allowed_operations.contains(.changingVCPUsLive))
        #expect(vm.allowed_operations.contains(.cleanShutdown))
        #expect(vm.domain_type == .hvm)
        #expect(vm.actions_after_crash == .preserve)
        #expect(vm.actions_after_softreboot == .softReboot)
        #expect(vm.snapshot_time == XAPIDateTime(year: 2023, month: 7, day: 29, hour: 13, minute: 20, second: 1))
        #expect(vm.resident_on == Ref<HostRecord>("OpaqueRef:4a0fde9c-5709-4f66-9968-64fb6162bd97"))
        #expect(vm.affinity.isNull)
        #expect(vm.VBDs.count == 3)
        #expect(vm.consoles == [Ref("OpaqueRef:87122f55-ce67-7a33-5d93-0d25206e83a0")])
        #expect(vm.is_a_template == false)
        #expect(vm.HVM_boot_params == ["firmware": "uefi", "order": "cd"])
        #expect(vm.platform["device-model"] == "qemu-upstream-uefi")
    }

    @Test func missingFieldsTakeDefaults() throws {
        let vm = try VMRecord(value: try #require(try records()[Self.partialRef]))
        #expect(vm.name_label == "ubuntu2204")
        #expect(vm.memory_static_max == 4_294_967_296)
        #expect(vm.power_state == .unknown(""))
        #expect(vm.name_description == "")
        #expect(vm.VCPUs_max == 0)
        #expect(vm.tags == [])
        #expect(vm.other_config == [:])
        #expect(vm.guest_metrics == .null)
        #expect(vm.snapshot_time == XAPIDateTime(year: 2006, month: 1, day: 2, hour: 15, minute: 4, second: 5))
    }

    @Test func decodesEveryRecordOfTheReply() throws {
        let all = try records()
        var decoded: [Ref<VMRecord>: VMRecord] = [:]
        for (ref, value) in all { decoded[Ref(ref)] = try VMRecord(value: value) }
        #expect(decoded.count == 2)
        #expect(decoded[Ref(Self.fullRef)]?.name_label == "win11-x64")
    }
}

/// `get_all_records` replies decode straight into a typed map, and errors name the ref and field.
@Suite(.enabled(if: SharedFolder.exists, "needs ../shared/xapi beside the package root"))
struct AllRecordsTests {
    @Test func decodesAGetAllRecordsReplyAsATypedMap() throws {
        let records = try RecordFixtureTests().records()
        var decoder = XAPIValueDecoder(.structure(records))
        let vms = try [Ref<VMRecord>: VMRecord](xapiFrom: &decoder)
        #expect(vms.count == 2)
        #expect(vms[Ref(RecordFixtureTests.fullRef)]?.power_state == .running)
        #expect(vms[Ref(RecordFixtureTests.partialRef)]?.name_label == "ubuntu2204")
        #expect(vms.xapiValue.structValue?.count == 2)
    }

    @Test func errorPathNamesTheRefAndTheField() throws {
        var records = try RecordFixtureTests().records()
        records[RecordFixtureTests.partialRef] = records[RecordFixtureTests.partialRef]?
            .setting("memory_static_max", to: "lots")
        var decoder = XAPIValueDecoder(.structure(records))
        do {
            _ = try [Ref<VMRecord>: VMRecord](xapiFrom: &decoder)
            Issue.record("expected an error")
        } catch let error as XAPIDecodingError {
            #expect(error.path == [RecordFixtureTests.partialRef, "memory_static_max"])
        }
    }
}
