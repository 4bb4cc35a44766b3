import Testing
@testable import XAPI

/// Generated enums: the known cases are exactly the datamodel's values, in its order and spelling.
@Suite struct EnumTests {
    @Test func knownCasesAreTheDatamodelValues() {
        let generated: [(String, [String])] = [
            ("vm_power_state", VMPowerState.knownCases.map(\.rawValue)),
            ("vm_operations", VMOperations.knownCases.map(\.rawValue)),
            ("host_allowed_operations", HostAllowedOperations.knownCases.map(\.rawValue)),
            ("task_status_type", TaskStatusType.knownCases.map(\.rawValue)),
            ("storage_operations", StorageOperations.knownCases.map(\.rawValue)),
            ("vbd_type", VBDType.knownCases.map(\.rawValue)),
            ("vbd_mode", VBDMode.knownCases.map(\.rawValue)),
            ("vdi_type", VDIType.knownCases.map(\.rawValue)),
            ("console_protocol", ConsoleProtocol.knownCases.map(\.rawValue)),
            ("on_normal_exit", OnNormalExit.knownCases.map(\.rawValue)),
            ("on_crash_behaviour", OnCrashBehaviour.knownCases.map(\.rawValue)),
            ("cls", Cls.knownCases.map(\.rawValue)),
            ("ipv6_configuration_mode", IPv6ConfigurationMode.knownCases.map(\.rawValue)),
            ("pif_igmp_status", PIFIGMPStatus.knownCases.map(\.rawValue)),
            ("bond_mode", BondMode.knownCases.map(\.rawValue)),
        ]
        for (name, values) in generated {
            #expect(XAPISchema.enums[name] == values, "\(name)")
        }
    }

    @Test func everyKnownValueDecodesToAKnownCase() {
        for value in XAPISchema.enums["vm_operations"] ?? [] {
            let operation = VMOperations(wireValue: value)
            #expect(VMOperations(rawValue: value) == operation)
            #expect(operation.rawValue == value)
        }
    }

    @Test func unknownValuesRoundTripThroughRawValue() {
        let state = VMPowerState(wireValue: "Crashed")
        #expect(state == .unknown("Crashed"))
        #expect(state.rawValue == "Crashed")
        #expect(VMPowerState(wireValue: state.rawValue) == state)
        #expect(VMPowerState(wireValue: "") == .unknown(""))
    }

    @Test func enumsAsMapKeys() throws {
        var decoder = XAPIValueDecoder(["start": "maintenance", "NewOp": "later"])
        let map = try [VMOperations: String](xapiFrom: &decoder)
        #expect(map == [.start: "maintenance", .unknown("NewOp"): "later"])
        #expect(map.xapiValue == ["NewOp": "later", "start": "maintenance"])
    }
}
