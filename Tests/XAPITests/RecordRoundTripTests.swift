import Testing
@testable import XAPI

/// Every generated record, filled with non-default values from the schema, survives
/// decode → toXAPIValue → decode unchanged, and writes exactly what it read.
@Suite struct RecordRoundTripTests {
    @Test(arguments: XAPIObject.recordClassNames)
    func roundTripsEveryField(className: String) throws {
        let schema = try #require(XAPISchema.classes[className])
        let sample = SampleRecord.value(for: schema)
        var decoder = XAPIValueDecoder(sample)
        let object = try #require(try XAPIObject.decode(className: className, from: &decoder))
        #expect(object.xapiClassName == className)
        #expect(object.toXAPIValue() == sample)
        #expect(object.uuid == "s-uuid")

        var again = XAPIValueDecoder(object.toXAPIValue())
        #expect(try XAPIObject.decode(className: className, from: &again) == object)

        var empty = XAPIValueDecoder([:])
        #expect(try XAPIObject.decode(className: className, from: &empty) != object)
    }

    @Test func roundTripsThroughTheRecordType() throws {
        let value = SampleRecord.value(for: try #require(XAPISchema.classes["host"]))
        let host = try HostRecord(value: value)
        #expect(host != HostRecord())
        #expect(try HostRecord(value: host.toXAPIValue()) == host)
        #expect(host.virtual_hardware_platform_versions == [42])
        #expect(host.allowed_operations == [.enable])
    }

    @Test func fieldNamesMatchTheSchema() throws {
        let types: [any XAPIRecord.Type] = [
            PoolRecord.self, HostRecord.self, HostMetricsRecord.self, HostCPURecord.self, VMRecord.self,
            VMMetricsRecord.self, VMGuestMetricsRecord.self, SRRecord.self, PBDRecord.self, VDIRecord.self,
            VBDRecord.self, VIFRecord.self, NetworkRecord.self, PIFRecord.self, ConsoleRecord.self,
            TaskRecord.self, MessageRecord.self,
        ]
        #expect(types.map { $0.xapiClassName } == XAPIObject.recordClassNames)
        for type in types {
            let schema = try #require(XAPISchema.classes[type.xapiClassName])
            let value = type.init().toXAPIValue()
            #expect(value.structValue.map { Array($0.keys) } == schema.fields.map(\.name))
            #expect(value == .structure(schema.defaultRecord), "defaults of \(type.xapiClassName) match the schema's")
        }
        #expect(VMRecord.fieldNames == XAPISchema.classes["VM"]?.fields.map(\.name))
    }
}
