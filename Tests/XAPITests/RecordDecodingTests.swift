import Testing
@testable import XAPI

/// Lenient decoding: unknown fields ignored, missing and null fields at their defaults,
/// a wrong type reported with the field's name.
@Suite struct RecordDecodingTests {
    let vm: XAPIValue = [
        "uuid": "u-1",
        "name_label": "web",
        "power_state": "Halted",
        "VCPUs_max": "4",
        "memory_static_max": 1_073_741_824,
        "tags": ["a", "b"],
        "a_field_from_the_future": ["x": [1, 2, 3]],
    ]

    @Test func ignoresUnknownFields() throws {
        let record = try VMRecord(value: vm)
        #expect(record.uuid == "u-1")
        #expect(record.name_label == "web")
        #expect(record.power_state == .halted)
        #expect(record.VCPUs_max == 4)
        #expect(record.memory_static_max == 1_073_741_824)
        #expect(record.tags == ["a", "b"])
    }

    @Test func missingFieldsTakeDefaults() throws {
        let record = try VMRecord(value: [:])
        #expect(record == VMRecord())
        #expect(record.name_label == "")
        #expect(record.VCPUs_max == 0)
        #expect(record.is_a_template == false)
        #expect(record.resident_on.isNull)
        #expect(record.power_state == .unknown(""))
        #expect(record.snapshot_time == .epoch)
        #expect(record.blocked_operations.isEmpty)
    }

    @Test func nullKeepsTheDefault() throws {
        let record = try VMRecord(value: vm.setting("VCPUs_max", to: .null).setting("name_label", to: .null))
        #expect(record.VCPUs_max == 0)
        #expect(record.name_label == "")
        #expect(record.uuid == "u-1")
    }

    @Test(arguments: [
        ("VCPUs_max", XAPIValue.string("abc")),
        ("power_state", XAPIValue.array(["Running"])),
        ("resident_on", XAPIValue.structure([:])),
        ("memory_static_max", XAPIValue.bool(true)),
        ("tags", XAPIValue.string("x")),
        ("is_a_template", XAPIValue.string("maybe")),
        ("other_config", XAPIValue.array(["x"])),
        ("snapshot_time", XAPIValue.string("yesterday")),
    ])
    func wrongTypeNamesTheField(field: String, value: XAPIValue) {
        do {
            _ = try VMRecord(value: vm.setting(field, to: value))
            Issue.record("decoding \(field) = \(value) should fail")
        } catch let error as XAPIDecodingError {
            #expect(error.path.first == field)
            #expect(error.description.contains(field))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func errorInsideAMapNamesTheKey() {
        let bad = vm.setting("other_config", to: ["good": "1", "bad": ["nested"]])
        #expect(throws: XAPIDecodingError.self) { try VMRecord(value: bad) }
        do {
            _ = try VMRecord(value: bad)
        } catch let error as XAPIDecodingError {
            #expect(error.path == ["other_config", "bad"])
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func unknownEnumValuesAreKeptAndRoundTrip() throws {
        let record = try VMRecord(value: vm.setting("power_state", to: "NewState")
            .setting("allowed_operations", to: ["start", "teleport"]))
        #expect(record.power_state == .unknown("NewState"))
        #expect(record.allowed_operations == [.start, .unknown("teleport")])
        let again = try VMRecord(value: record.toXAPIValue())
        #expect(again == record)
        #expect(record.toXAPIValue()["power_state"] == "NewState")
    }

    /// The decoders read untyped values as strings (XML-RPC sends enums untyped), so a number
    /// where an enum belongs is an unknown value rather than an error.
    @Test func numberForAnEnumIsAnUnknownValue() throws {
        #expect(try VMRecord(value: vm.setting("power_state", to: 5)).power_state == .unknown("5"))
    }

    @Test func enumsUseTheExactWireSpelling() {
        #expect(VMPowerState(wireValue: "Running") == .running)
        #expect(VMPowerState(wireValue: "running") == .unknown("running"))
        #expect(VMPowerState.running.rawValue == "Running")
        #expect(VMPowerState(rawValue: "Paused") == .paused)
        #expect(VMPowerState(rawValue: "Exploded") == nil)
        #expect(VMPowerState.knownCases == [.halted, .paused, .running, .suspended])
        #expect(TaskStatusType(wireValue: "pending") == .pending)
        #expect(VBDType(wireValue: "CD") == .cd)
        #expect(VBDMode.rw.rawValue == "RW")
        #expect(IPConfigurationMode(wireValue: "Static") == .`static`)
        #expect(PIFIGMPStatus(wireValue: "unknown") == .unknownValue)
        #expect(PIFIGMPStatus.unknownValue.rawValue == "unknown")
        #expect(BondMode(wireValue: "balance-slb") == .balanceSlb)
    }

    @Test func mapsWithIntAndEnumKeys() throws {
        let metrics = try VMMetricsRecord(value: [
            "VCPUs_CPU": ["0": 3, "1": "5"],
            "VCPUs_flags": ["0": ["blocked", "online"]],
            "VCPUs_utilisation": ["0": 0.25],
        ])
        #expect(metrics.VCPUs_CPU == [0: 3, 1: 5])
        #expect(metrics.VCPUs_flags == [0: ["blocked", "online"]])
        #expect(metrics.VCPUs_utilisation == [0: 0.25])
        #expect(metrics.toXAPIValue()["VCPUs_CPU"] == ["0": 3, "1": 5])

        let vm = try VMRecord(value: ["blocked_operations": ["start": "locked", "teleport": "no"]])
        #expect(vm.blocked_operations == [.start: "locked", .unknown("teleport"): "no"])

        #expect(throws: XAPIDecodingError.self) {
            try VMMetricsRecord(value: ["VCPUs_CPU": ["zero": 3]])
        }
    }

    @Test func writesEveryFieldAsXAPISendsIt() throws {
        var record = VMRecord()
        record.VCPUs_max = 8
        record.power_state = .suspended
        record.resident_on = Ref("OpaqueRef:h")
        record.snapshot_time = XAPIDateTime(secondsSinceEpoch: 10)
        record.other_config = ["b": "2", "a": "1"]
        let value = record.toXAPIValue()
        #expect(value.structValue?.count == VMRecord.fieldNames.count)
        #expect(value.structValue.map { Array($0.keys) } == VMRecord.fieldNames)
        #expect(value["VCPUs_max"] == .int(8))
        #expect(value["power_state"] == .string("Suspended"))
        #expect(value["resident_on"] == .string("OpaqueRef:h"))
        #expect(value["affinity"] == .string("OpaqueRef:NULL"))
        #expect(value["snapshot_time"] == .dateTime(XAPIDateTime(secondsSinceEpoch: 10)))
        #expect(value["other_config"]?.structValue.map { Array($0.keys) } == ["a", "b"])
        #expect(value["tags"] == .array([]))
        #expect(value["is_a_template"] == .bool(false))
    }
}
