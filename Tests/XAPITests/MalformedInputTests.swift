import TestSupport
import Testing
@testable import XAPI

/// Bad input of every kind must end in an `XAPIDecodingError`, never a trap or a hang.
@Suite(.ownThread) struct MalformedInputTests {
    private static let sample: XAPIValue = [
        "OpaqueRef:1": ["uuid": "u-1", "name_label": "vm &<> 😀", "VCPUs_max": 4, "memory": .int(Int64.max),
                        "ratio": 0.25, "on": true, "when": .dateTime(.epoch), "tags": ["a", "b"], "other": [:], "nil": .null],
        "OpaqueRef:2": ["esc": "q\"\\\n\u{1}", "nested": [[[1, 2], []], [:]]],
    ]

    /// Every way of decoding a reply the client and server use.
    private static func decodeAll(_ bytes: [UInt8]) {
        expectDecodingErrorOrSuccess { _ = try XMLRPC.decodeReply(bytes) { try $0.decodeValue() } }
        expectDecodingErrorOrSuccess { _ = try XMLRPC.decodeReply(bytes) { try $0.skipValue() } }
        expectDecodingErrorOrSuccess { _ = try XMLRPC.decodeReply(bytes) { try typedWalk(&$0) } }
        expectDecodingErrorOrSuccess { _ = try XMLRPC.decodeBareReply(bytes) { try $0.decodeValue() } }
        expectDecodingErrorOrSuccess { _ = try XMLRPC.decodeCall(bytes) }
        expectDecodingErrorOrSuccess { _ = try JSONRPC.decodeReply(bytes) { try $0.decodeValue() } }
        expectDecodingErrorOrSuccess { _ = try JSONRPC.decodeReply(bytes) { try $0.skipValue() } }
        expectDecodingErrorOrSuccess { _ = try JSONRPC.decodeReply(bytes) { try typedWalk(&$0) } }
        expectDecodingErrorOrSuccess { _ = try JSONRPC.decodeCall(bytes) }
    }

    /// Decodes the sample's shape through the typed decoders.
    private static func typedWalk<D: XAPIDecoder>(_ d: inout D) throws {
        try d.decodeStruct { d, _ in
            try d.decodeStruct { d, key in
                if key == "VCPUs_max" || key == "memory" { _ = try d.decodeInt() }
                else if key == "ratio" { _ = try d.decodeDouble() }
                else if key == "on" { _ = try d.decodeBool() }
                else if key == "when" { _ = try d.decodeDateTime() }
                else if key == "tags" { _ = try d.decodeStringArray() }
                else if key == "nil" { _ = try d.decodeNull() }
                else if key == "uuid" || key == "name_label" || key == "esc" { _ = try d.decodeString() }
                else { try d.skipValue() }
            }
        }
    }

    private static func expectDecodingErrorOrSuccess(_ body: () throws -> Void) {
        do {
            try body()
        } catch is XAPIDecodingError {
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
    }

    private static func expectDecodingError(_ what: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("\(what): decoded without an error")
        } catch let error as XAPIDecodingError {
            #expect(error.offset != nil || !error.message.isEmpty)
        } catch {
            Issue.record("\(what): unexpected error type: \(error)")
        }
    }

    private static var samples: [[UInt8]] {
        [
            XMLRPC.encodeReply(.success(sample)), XMLRPC.encodeReply(.failure(["CODE", "p"])),
            XMLRPC.encodeCall(method: "VM.start", params: ["s", sample]),
            JSONRPC.encodeReply(.success(sample), id: .int(1), version: .v1),
            JSONRPC.encodeReply(.success(sample), id: .string("x"), version: .v2),
            JSONRPC.encodeReply(.failure(["CODE", "p"]), id: .int(1), version: .v2),
            JSONRPC.encodeCall(method: "VM.start", params: ["s", sample], id: .int(1), version: .v2),
        ]
    }

    @Test func truncatedAtEveryOffsetIsAnError() {
        for full in Self.samples {
            for cut in 0..<full.count {
                let prefix = Array(full[0..<cut])
                Self.expectDecodingError("XML reply cut at \(cut)") { _ = try XMLRPC.decodeReply(prefix) { try $0.decodeValue() } }
                Self.expectDecodingError("JSON reply cut at \(cut)") { _ = try JSONRPC.decodeReply(prefix) { try $0.decodeValue() } }
                Self.expectDecodingError("XML call cut at \(cut)") { _ = try XMLRPC.decodeCall(prefix) }
                Self.expectDecodingError("JSON call cut at \(cut)") { _ = try JSONRPC.decodeCall(prefix) }
            }
        }
    }

    @Test func randomByteFlipsNeverTrap() {
        var rng = SplitMix64(seed: 0x5EED)
        let interesting: [UInt8] = Array("<>/&;\"\\{}[],:0123456789.eE-+ntfNI \u{0}".utf8) + [0x80, 0xC3, 0xFF, 0xF0]
        for full in Self.samples {
            for _ in 0..<500 {
                var mutated = full
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    let at = Int.random(in: 0..<mutated.count, using: &rng)
                    switch Int.random(in: 0..<3, using: &rng) {
                    case 0: mutated[at] = interesting.randomElement(using: &rng)!
                    case 1: mutated[at] = UInt8.random(in: 0...255, using: &rng)
                    default: mutated.remove(at: at)
                    }
                }
                Self.decodeAll(mutated)
            }
        }
    }

    @Test func deepNestingIsAnErrorNotAStackOverflow() {
        let depth = 100_000
        let xml = Array(("<methodResponse><params><param>" + String(repeating: "<value><array><data>", count: depth)).utf8)
        let json = Array(("{\"result\":" + String(repeating: "[", count: depth)).utf8)
        let jsonObjects = Array(("{\"result\":" + String(repeating: "{\"a\":", count: depth)).utf8)
        Self.expectDecodingError("deep XML") { _ = try XMLRPC.decodeBareReply(xml) { try $0.decodeValue() } }
        Self.expectDecodingError("deep XML skip") { _ = try XMLRPC.decodeBareReply(xml) { try $0.skipValue() } }
        Self.expectDecodingError("deep JSON") { _ = try JSONRPC.decodeReply(json) { try $0.decodeValue() } }
        Self.expectDecodingError("deep JSON skip") { _ = try JSONRPC.decodeReply(json) { try $0.skipValue() } }
        Self.expectDecodingError("deep JSON objects") { _ = try JSONRPC.decodeReply(jsonObjects) { try $0.decodeValue() } }
    }

    @Test func nestingWithinTheLimitDecodes() throws {
        let depth = 500
        let json = Array(("{\"result\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + ",\"id\":1}").utf8)
        guard case .success = try JSONRPC.decodeReply(json, { try $0.decodeValue() }) else { Issue.record("failed"); return }
        var value: XAPIValue = []
        for _ in 1..<depth { value = [value] }
        guard case .success = try XMLRPC.decodeReply(XMLRPC.encodeReply(.success(value)), { try $0.decodeValue() }) else {
            Issue.record("failed")
            return
        }
    }

    @Test func hugeNumbersAreErrors() {
        let digits = String(repeating: "9", count: 5000)
        Self.expectDecodingError("JSON int") { _ = try JSONRPC.decodeReply(Array("{\"result\":\(digits),\"id\":1}".utf8)) { try $0.decodeInt() } }
        Self.expectDecodingError("JSON value") { _ = try JSONRPC.decodeReply(Array("{\"result\":\(digits),\"id\":1}".utf8)) { try $0.decodeValue() } }
        Self.expectDecodingError("JSON float") { _ = try JSONRPC.decodeReply(Array("{\"result\":\(digits).5,\"id\":1}".utf8)) { try $0.decodeDouble() } }
        Self.expectDecodingError("XML int") { _ = try XMLRPC.decodeBareReply(Array("<methodResponse><params><param><value>\(digits)</value></param></params></methodResponse>".utf8)) { try $0.decodeInt() } }
        Self.expectDecodingError("XML i8") { _ = try XMLRPC.decodeBareReply(Array("<methodResponse><params><param><value><i8>9223372036854775808</i8></value></param></params></methodResponse>".utf8)) { try $0.decodeValue() } }
    }

    @Test func unterminatedPiecesAreErrors() {
        let xml = [
            "<methodResponse><params><param><value>abc", "<methodResponse><params><param><value><string>abc</value>",
            "<methodResponse><params><param><value><int>1</i4></value></param></params></methodResponse>",
            "<methodResponse><params><param><value>&#xZZ;</value></param></params></methodResponse>",
            "<methodResponse><params><param><value>&#99999999;</value></param></params></methodResponse>",
            "<methodResponse><params><param><value>&#xD800;</value></param></params></methodResponse>",
            "<methodResponse><params><param><value><blob>1</blob></value></param></params></methodResponse>",
            "<methodResponse><params><param><value>x<string>y</string></value></param></params></methodResponse>",
            "<methodResponse><params><param><value>x</value></param></params></methodResponse>trailing",
            "<methodResponse><params><param><value><struct><member><value>1</value></member></struct></value></param></params></methodResponse>",
        ]
        for text in xml {
            Self.expectDecodingError(text) { _ = try XMLRPC.decodeBareReply(Array(text.utf8)) { try $0.decodeValue() } }
        }
        let json = [#"{"result": "abc"#, #"{"result": [1, 2"#, #"{"result": {"a": 1"#, #"{"result": {"a" 1}}"#, #"{"result": tru}"#,
                    #"{"result": [1,], "id": 1}"#, #"{"result": {,}, "id": 1}"#, #"{"result": nul, "id": 1}"#, "{\"result\": \"\\"]
        for text in json {
            Self.expectDecodingError(text) { _ = try JSONRPC.decodeReply(Array(text.utf8)) { try $0.decodeValue() } }
        }
    }

    @Test func invalidUTF8NeverTraps() throws {
        let bad: [UInt8] = [0xFF, 0xC3, 0x28, 0xE2, 0x82, 0xF0, 0x9F, 0x98]
        let json = Array("{\"result\":\"".utf8) + bad + Array("\",\"id\":1}".utf8)
        #expect(try JSONRPC.decodeReply(json) { try $0.decodeString() } == .success(String(decoding: bad, as: UTF8.self)))
        let xml = Array("<methodResponse><params><param><value>".utf8) + bad + Array("</value></param></params></methodResponse>".utf8)
        #expect(try XMLRPC.decodeBareReply(xml) { try $0.decodeString() } == String(decoding: bad, as: UTF8.self))
    }
}
