import TestSupport
import Testing
@testable import XAPI

/// A reply the size of a real `VM.get_all_records`: 1,000 records × 60 fields, decoded through
/// `decodeStruct` with a field dispatch the way generated records do it.
@Suite(.ownThread) struct LargeReplyTests {
    struct Record: Equatable {
        var uuid = ""
        var nameLabel = ""
        var powerState = ""
        var memory: Int64 = 0
        var vcpus: Int64 = 0
        var multiplier = 0.0
        var isTemplate = false
        var lastBoot = XAPIDateTime.epoch
        var vbds: [String] = []
        var otherConfig: [String: String] = [:]
        var extra: [String: String] = [:]

        init() {}

        init<D: XAPIDecoder>(from d: inout D) throws {
            try d.decodeStruct { d, key in
                if key == "uuid" { uuid = try d.decodeString() }
                else if key == "name_label" { nameLabel = try d.decodeString() }
                else if key == "power_state" { powerState = try d.decodeString() }
                else if key == "memory_static_max" { memory = try d.decodeInt() }
                else if key == "VCPUs_max" { vcpus = try d.decodeInt() }
                else if key == "HVM_shadow_multiplier" { multiplier = try d.decodeDouble() }
                else if key == "is_a_template" { isTemplate = try d.decodeBool() }
                else if key == "last_boot" { lastBoot = try d.decodeDateTime() }
                else if key == "VBDs" { vbds = try d.decodeStringArray() }
                else if key == "other_config" { otherConfig = try d.decodeStringMap() }
                else { extra[key.string] = try d.decodeString() }
            }
        }

        var value: XAPIValue {
            var fields: XAPIStruct = [
                "uuid": .string(uuid), "name_label": .string(nameLabel), "power_state": .string(powerState),
                "memory_static_max": .int(memory), "VCPUs_max": .int(vcpus), "HVM_shadow_multiplier": .double(multiplier),
                "is_a_template": .bool(isTemplate), "last_boot": .dateTime(lastBoot), "VBDs": .array(vbds.map { .string($0) }),
                "other_config": .structure(XAPIStruct(uniqueKeysWithValues: otherConfig.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ]
            for (key, value) in extra.sorted(by: { $0.key < $1.key }) { fields[key] = .string(value) }
            return .structure(fields)
        }
    }

    static let records: [(String, Record)] = {
        var rng = SplitMix64(seed: 42)
        return (0..<1000).map { i in
            var r = Record()
            r.uuid = "uuid-\(i)-\(rng.next())"
            r.nameLabel = i % 7 == 0 ? "VM <\(i)> & «ünïcode» 😀" : "vm-\(i)"
            r.powerState = ["Running", "Halted", "Suspended"][i % 3]
            r.memory = Int64(i) * 1_073_741_824
            r.vcpus = Int64(i % 16 + 1)
            r.multiplier = Double(i % 4) * 0.25 + 1
            r.isTemplate = i % 5 == 0
            r.lastBoot = XAPIDateTime(secondsSinceEpoch: 1_700_000_000 + Int64(i) * 3600)
            r.vbds = (0..<(i % 4)).map { "OpaqueRef:vbd-\(i)-\($0)" }
            r.otherConfig = ["base_template_name": "Debian", "mac_seed": "seed-\(i)", "quote\"d": "a\\b"]
            for f in 0..<50 { r.extra["field_\(f)"] = f % 3 == 0 ? "" : "value \(f) of \(i)" }
            return ("OpaqueRef:vm-\(i)", r)
        }
    }()

    static var allRecords: XAPIValue {
        .structure(XAPIStruct(uniqueKeysWithValues: records.map { ($0.0, $0.1.value) }))
    }

    private static func decodeAll<D: XAPIDecoder>(_ d: inout D) throws -> [(String, Record)] {
        var out: [(String, Record)] = []
        out.reserveCapacity(1000)
        try d.decodeStruct { d, key in out.append((key.string, try Record(from: &d))) }
        return out
    }

    private func expectSame(_ decoded: XAPIReply<[(String, Record)]>) {
        guard case .success(let got) = decoded else { Issue.record("failed: \(decoded)"); return }
        #expect(got.count == Self.records.count)
        #expect(got.map(\.0) == Self.records.map(\.0))
        #expect(got.map(\.1) == Self.records.map(\.1))
    }

    @Test func xmlRPC() throws {
        let bytes = XMLRPC.encodeReply(.success(Self.allRecords))
        #expect(bytes.count > 2_000_000)
        let decoded = try XMLRPC.decodeReply(bytes) { try Self.decodeAll(&$0) }
        switch decoded {
        case .success(let got): expectSame(.success(got))
        case .failure(let f): Issue.record("failure \(f)")
        }
    }

    @Test(arguments: [JSONRPCVersion.v1, .v2])
    func jsonRPC(version: JSONRPCVersion) throws {
        let bytes = JSONRPC.encodeReply(.success(Self.allRecords), id: .int(1), version: version)
        let decoded = try JSONRPC.decodeReply(bytes) { try Self.decodeAll(&$0) }
        switch decoded {
        case .success(let got): expectSame(.success(got))
        case .failure(let f): Issue.record("failure \(f)")
        }
    }

    @Test func streamingEncodingMatchesTreeEncoding() {
        let tree = XMLRPC.encodeReply(.success(Self.allRecords))
        let streamed = XMLRPC.encodeSuccess { w in
            w.beginStruct()
            for (ref, record) in Self.records {
                w.beginMember(ref)
                w.writeValue(record.value)
                w.endMember()
            }
            w.endStruct()
        }
        #expect(tree == streamed)
    }
}
