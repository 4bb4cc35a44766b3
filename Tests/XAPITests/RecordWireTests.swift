import Foundation
import Testing
@testable import XAPI

/// Records decoded straight from XML-RPC and JSON-RPC bytes by the byte decoders.
@Suite struct RecordWireTests {
    @Test(arguments: XAPIObject.recordClassNames)
    func everyRecordRoundTripsThroughXMLRPCBytes(className: String) throws {
        let sample = SampleRecord.value(for: try #require(XAPISchema.classes[className]))
        let bytes = XMLRPC.encodeReply(.success(sample))
        let reply = try XMLRPC.decodeReply(bytes) { d in try XAPIObject.decode(className: className, from: &d) }
        guard case .success(let object?) = reply else {
            Issue.record("no \(className) record in \(reply)")
            return
        }
        #expect(object.toXAPIValue() == sample)
    }

    @Test(arguments: XAPIObject.recordClassNames)
    func everyRecordRoundTripsThroughJSONRPCBytes(className: String) throws {
        let sample = SampleRecord.value(for: try #require(XAPISchema.classes[className]))
        for version in [JSONRPCVersion.v1, .v2] {
            let bytes = JSONRPC.encodeReply(.success(sample), id: .int(1), version: version)
            let reply = try JSONRPC.decodeReply(bytes) { d in try XAPIObject.decode(className: className, from: &d) }
            guard case .success(let object?) = reply else {
                Issue.record("no \(className) record in \(reply)")
                return
            }
            // JSON-RPC sends datetimes as strings; they come back as the same instant.
            #expect(object.toXAPIValue() == sample)
        }
    }

    @Test func xmlrpcUntypedIntsAndNil() throws {
        let xml = """
            <?xml version="1.0"?><methodResponse><params><param><value><struct>
            <member><name>Status</name><value>Success</value></member>
            <member><name>Value</name><value><struct>
            <member><name>uuid</name><value>u-1</value></member>
            <member><name>VCPUs_max</name><value>4</value></member>
            <member><name>memory_static_max</name><value><i8>1073741824</i8></value></member>
            <member><name>name_label</name><value></value></member>
            <member><name>power_state</name><value>Running</value></member>
            <member><name>is_a_template</name><value><boolean>1</boolean></value></member>
            <member><name>snapshot_time</name><value><dateTime.iso8601>20190113T19:35:15Z</dateTime.iso8601></value></member>
            <member><name>tags</name><value><array><data><value>web</value></data></array></value></member>
            <member><name>affinity</name><value><nil/></value></member>
            <member><name>future_field</name><value><struct><member><name>x</name><value><i4>1</i4></value></member></struct></value></member>
            </struct></value></member>
            </struct></value></param></params></methodResponse>
            """
        let reply = try XMLRPC.decodeReply(Array(xml.utf8)) { d in try VMRecord(from: &d) }
        guard case .success(let vm) = reply else {
            Issue.record("expected a record, got \(reply)")
            return
        }
        #expect(vm.uuid == "u-1")
        #expect(vm.VCPUs_max == 4)
        #expect(vm.memory_static_max == 1_073_741_824)
        #expect(vm.name_label == "")
        #expect(vm.power_state == .running)
        #expect(vm.is_a_template)
        #expect(vm.snapshot_time == XAPIDateTime(secondsSinceEpoch: 1_547_408_115))
        #expect(vm.tags == ["web"])
        #expect(vm.affinity.isNull)
    }

    @Test func jsonNullKeepsTheDefaultAndWrongTypesNameTheField() throws {
        let ok = #"{"uuid":"u","VCPUs_max":null,"tags":null,"power_state":"Halted"}"#
        let vm = try JSONRPCDecoder.decode(Array(ok.utf8)) { d in try VMRecord(from: &d) }
        #expect(vm.uuid == "u")
        #expect(vm.VCPUs_max == 0)
        #expect(vm.tags == [])
        #expect(vm.power_state == .halted)

        let bad = #"{"uuid":"u","VCPUs_max":"four"}"#
        do {
            _ = try JSONRPCDecoder.decode(Array(bad.utf8)) { d in try VMRecord(from: &d) }
            Issue.record("expected an error")
        } catch let error as XAPIDecodingError {
            #expect(error.path == ["VCPUs_max"])
            #expect(error.offset != nil)
        }
    }

    @Test(.enabled(if: SharedFolder.exists, "needs ../shared/xapi beside the package root"))
    func sdkFixtureFromBytesMatchesTheValuePath() throws {
        let bytes = Array(try Data(contentsOf: SharedFolder.vmFixture))
        // case → expected_result → VM.get_all_records → result
        let vms = try JSONRPCDecoder.decode(bytes) { d -> [Ref<VMRecord>: VMRecord] in
            var found: [Ref<VMRecord>: VMRecord] = [:]
            try d.decodeStruct { d, _ in
                try d.decodeStruct { d, key in
                    guard key == "expected_result" else { return try d.skipValue() }
                    try d.decodeStruct { d, _ in
                        try d.decodeStruct { d, key in
                            guard key == "result" else { return try d.skipValue() }
                            found = try [Ref<VMRecord>: VMRecord](xapiFrom: &d)
                        }
                    }
                }
            }
            return found
        }
        #expect(vms.count == 2)
        let viaValues = try [Ref<VMRecord>: VMRecord](value: .structure(try RecordFixtureTests().records()))
        #expect(vms == viaValues)
        #expect(vms[Ref(RecordFixtureTests.fullRef)]?.VCPUs_max == 2)
    }
}

extension Dictionary where Key == Ref<VMRecord>, Value == VMRecord {
    init(value: XAPIValue) throws {
        var decoder = XAPIValueDecoder(value)
        self = try Self(xapiFrom: &decoder)
    }
}
