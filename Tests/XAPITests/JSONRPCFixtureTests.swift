import Testing
@testable import XAPI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The xen-api team's SDK test cases (`../shared/xapi/fixtures/jsonrpc-spec`), replayed as
/// v1 and v2 replies built from the raw JSON text of each `expected_result`.
@Suite(.enabled(if: SDKFixtures.available, "skipped: ../shared/xapi/fixtures/jsonrpc-spec is absent"))
struct JSONRPCFixtureTests {
    @Test func everyCaseDecodesInBothVersions() throws {
        var checked = 0
        for file in SDKFixtures.files {
            for reply in try SDKFixtures.replies(in: file) {
                for version in [JSONRPCVersion.v1, .v2] {
                    let decoded = try JSONRPC.decodeReply(reply.bytes(version)) { try $0.decodeValue() }
                    switch decoded {
                    case .success:
                        #expect(reply.error == nil, "\(file) \(reply.method): decoded as success despite an error")
                    case .failure(let description):
                        #expect(reply.error != nil, "\(file) \(reply.method): failure \(description) without an error")
                        #expect(!description.isEmpty)
                    }
                    checked += 1
                }
            }
        }
        #expect(checked >= 2 * 17)
    }

    @Test func vmRecordKeepsItsTypes() throws {
        let reply = try #require(try SDKFixtures.replies(in: "vm_get_all_records.json").first)
        for version in [JSONRPCVersion.v1, .v2] {
            let decoded = try JSONRPC.decodeReply(reply.bytes(version)) { try $0.decodeValue() }
            guard case .success(let all) = decoded, let vm = all.structValue?.values.first else {
                Issue.record("no record")
                continue
            }
            #expect(vm["VCPUs_max"] == .int(2))
            #expect(vm["HVM_shadow_multiplier"] == .double(1.0))
            #expect(vm["HVM_boot_params"]?["firmware"] == "uefi")
            #expect(vm["VGPUs"] == [])
            #expect(vm["VBDs"]?.arrayValue?.count == 3)
        }
    }

    @Test func specialValuesDecodeLeniently() throws {
        let reply = try #require(try SDKFixtures.replies(in: "vm_special_value.json").first)
        for version in [JSONRPCVersion.v1, .v2] {
            let decoded = try JSONRPC.decodeReply(reply.bytes(version)) { d in
                var rows: [(Double, XAPIDateTime)] = []
                try d.decodeStruct { d, _ in
                    var multiplier = 0.0
                    var snapshot = XAPIDateTime.epoch
                    try d.decodeStruct { d, key in
                        if key == "HVM_shadow_multiplier" { multiplier = try d.decodeDouble() }
                        else if key == "snapshot_time" { snapshot = try d.decodeDateTime() }
                        else { try d.skipValue() }
                    }
                    rows.append((multiplier, snapshot))
                }
                return rows
            }
            guard case .success(let rows) = decoded else { Issue.record("failed"); continue }
            #expect(rows.map(\.0) == [.infinity, .infinity, -.infinity, -.infinity])
            let noon = XAPIDateTime(year: 2024, month: 4, day: 20, hour: 12)
            #expect(rows.map(\.1) == [XAPIDateTime(secondsSinceEpoch: 1_627_478_400), noon, noon, noon])
        }
    }

    @Test func oddErrorShapesBecomeDescriptions() throws {
        let rpcError = try #require(try SDKFixtures.replies(in: "rpc_error.json").first)
        let xapiError = try #require(try SDKFixtures.replies(in: "xapi_error.json").first)
        for version in [JSONRPCVersion.v1, .v2] {
            #expect(try JSONRPC.decodeReply(rpcError.bytes(version)) { try $0.decodeValue() } == .failure(["123456", "2"]))
            #expect(try JSONRPC.decodeReply(xapiError.bytes(version)) { try $0.decodeValue() }
                == .failure(["HANDLE_INVALID", "OpaqueRef:6ef08bce-0bf0-30ff-804f-5f0ee4bbdd13"]))
        }
    }

    @Test func fixtureParamsRoundTripAsCalls() throws {
        var checked = 0
        for file in SDKFixtures.files {
            let bytes = try SDKFixtures.read(file)
            try JSONRPCDecoder.decode(bytes) { d in
                try d.decodeStruct { d, _ in
                    try d.decodeStruct { d, key in
                        guard key == "params" else { return try d.skipValue() }
                        try d.decodeStruct { d, method in
                            let name = method.string
                            guard case .array(let params) = try d.decodeValue() else {
                                Issue.record("params of \(name) are not an array")
                                return
                            }
                            for version in [JSONRPCVersion.v1, .v2] {
                                let call = try JSONRPC.decodeCall(JSONRPC.encodeCall(method: name, params: params, id: .int(1), version: version))
                                #expect(call.call.method == name)
                                #expect(call.call.params == params.map { CodecSamples.afterTrip($0, .json) })
                                let xml = try XMLRPC.decodeCall(XMLRPC.encodeCall(method: name, params: params))
                                #expect(xml.params == params.map { CodecSamples.afterTrip($0, .xmlCall) })
                            }
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked >= 17)
    }
}

/// Finds the fixtures beside the package (`../shared` from its root) and slices replies out of them.
enum SDKFixtures {
    static let directory: String = {
        // #filePath is <root>/Tests/XAPITests/<file>; the shared tree sits beside <root>.
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        let root = parts.joined(separator: "/")
        return root + "/../shared/xapi/fixtures/jsonrpc-spec"
    }()

    static var files: [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasSuffix(".json") { names.append(name) }
        }
        return names.sorted()
    }

    static var available: Bool { !files.isEmpty }

    static func read(_ name: String) throws -> [UInt8] {
        guard let file = fopen(directory + "/" + name, "rb") else { throw XAPIDecodingError("cannot open \(name)") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        return bytes
    }

    /// One `expected_result` entry: the raw JSON text of its `result` and `error`.
    struct Reply {
        var method: String
        var result: [UInt8]?
        var error: [UInt8]?

        func bytes(_ version: JSONRPCVersion) -> [UInt8] {
            var out: [UInt8] = Array((version == .v2 ? "{\"jsonrpc\": \"2.0\", " : "{").utf8)
            if let result {
                out += Array("\"result\": ".utf8) + result + Array(", ".utf8)
            } else if version == .v1 {
                out += Array("\"result\": null, ".utf8)
            }
            if let error {
                out += Array("\"error\": ".utf8) + error + Array(", ".utf8)
            } else if version == .v1 {
                out += Array("\"error\": null, ".utf8)
            }
            return out + Array("\"id\": 1}".utf8)
        }
    }

    static func replies(in name: String) throws -> [Reply] {
        let bytes = try read(name)
        var replies: [Reply] = []
        try JSONRPCDecoder.decode(bytes) { d in
            try d.decodeStruct { d, _ in
                try d.decodeStruct { d, key in
                    guard key == "expected_result" else { return try d.skipValue() }
                    try d.decodeStruct { d, method in
                        var reply = Reply(method: method.string)
                        try d.decodeStruct { d, member in
                            let start = d.offset
                            try d.skipValue()
                            let text = Array(bytes[start..<d.offset])
                            if member == "result" { reply.result = text } else if member == "error" { reply.error = text }
                        }
                        replies.append(reply)
                    }
                }
            }
        }
        return replies
    }
}
