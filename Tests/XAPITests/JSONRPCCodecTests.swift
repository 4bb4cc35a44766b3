import Testing
@testable import XAPI

@Suite struct JSONRPCCodecTests {
    private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    private func decodeValue(_ s: String) throws -> XAPIReply<XAPIValue> {
        try JSONRPC.decodeReply(bytes(s)) { try $0.decodeValue() }
    }

    // MARK: Round trips

    @Test(arguments: [JSONRPCVersion.v1, .v2])
    func replyRoundTripsEveryKind(version: JSONRPCVersion) throws {
        let value = CodecSamples.everything
        let encoded = JSONRPC.encodeReply(.success(value), id: .int(3), version: version)
        #expect(try JSONRPC.decodeReply(encoded) { try $0.decodeValue() } == .success(CodecSamples.afterTrip(value, .json)))
    }

    @Test(arguments: [JSONRPCVersion.v1, .v2])
    func failureRoundTrips(version: JSONRPCVersion) throws {
        let encoded = JSONRPC.encodeReply(.failure(["VM_BAD_POWER_STATE", "OpaqueRef:v", "halted", "running"]), id: .string("x"), version: version)
        #expect(try JSONRPC.decodeReply(encoded) { try $0.decodeValue() } == .failure(["VM_BAD_POWER_STATE", "OpaqueRef:v", "halted", "running"]))
    }

    @Test(arguments: [JSONRPCVersion.v1, .v2])
    func callRoundTripsEveryKind(version: JSONRPCVersion) throws {
        let params: [XAPIValue] = ["OpaqueRef:abc", CodecSamples.everything, 7, .null]
        for id in [JSONRPCID.int(17), .int(Int64.min), .string("id-😀")] {
            let call = try JSONRPC.decodeCall(JSONRPC.encodeCall(method: "VM.start", params: params, id: id, version: version))
            #expect(call.call == XAPICall(method: "VM.start", params: params.map { CodecSamples.afterTrip($0, .json) }))
            #expect(call.id == id)
            #expect(call.version == version)
        }
    }

    @Test func typedDecodersReadWhatTheWriterWrote() throws {
        func trip<T: Equatable>(_ value: XAPIValue, _ decode: (inout JSONRPCDecoder) throws -> T) throws -> T? {
            guard case .success(let v) = try JSONRPC.decodeReply(JSONRPC.encodeReply(.success(value), id: .int(1), version: .v2), decode)
            else { return nil }
            return v
        }
        for s in CodecSamples.strings { #expect(try trip(.string(s)) { try $0.decodeString() } == s) }
        for i in CodecSamples.ints { #expect(try trip(.int(i)) { try $0.decodeInt() } == i) }
        for d in CodecSamples.doubles + [.infinity, -.infinity] { #expect(try trip(.double(d)) { try $0.decodeDouble() } == d) }
        #expect(try trip(.double(.nan)) { try $0.decodeDouble() }?.isNaN == true)
        for date in CodecSamples.dates { #expect(try trip(.dateTime(date)) { try $0.decodeDateTime() } == date) }
        for b in [true, false] { #expect(try trip(.bool(b)) { try $0.decodeBool() } == b) }
    }

    @Test func writesXAPIsShapes() {
        #expect(CodecSamples.text(JSONRPC.encodeReply(.success("OpaqueRef:s"), id: .int(1), version: .v1)) == #"{"result":"OpaqueRef:s","error":null,"id":1}"#)
        #expect(CodecSamples.text(JSONRPC.encodeReply(.success(["d": 1.0, "i": 2, "t": .dateTime(.epoch), "n": .double(.nan)]), id: .string("a"), version: .v2))
            == #"{"jsonrpc":"2.0","result":{"d":1.0,"i":2,"t":"19700101T00:00:00Z","n":"NaN"},"id":"a"}"#)
        #expect(CodecSamples.text(JSONRPC.encodeReply(.failure(["SESSION_INVALID", "OpaqueRef:s"]), id: .int(9), version: .v1)) == #"{"result":null,"error":["SESSION_INVALID","OpaqueRef:s"],"id":9}"#)
        #expect(CodecSamples.text(JSONRPC.encodeReply(.failure(["SESSION_INVALID", "OpaqueRef:s"]), id: .int(9), version: .v2)) == #"{"jsonrpc":"2.0","error":{"code":1,"message":"SESSION_INVALID","data":["OpaqueRef:s"]},"id":9}"#)
        #expect(CodecSamples.text(JSONRPC.encodeCall(method: "VM.get_all", params: ["OpaqueRef:s"], id: .int(4), version: .v2)) == #"{"jsonrpc":"2.0","method":"VM.get_all","params":["OpaqueRef:s"],"id":4}"#)
        #expect(CodecSamples.text(JSONRPC.encodeCall(method: "m", params: [], id: .int(4), version: .v1)) == #"{"method":"m","params":[],"id":4}"#)
        #expect(CodecSamples.text(JSONRPC.encodeReply(.success("a\"\\\n\u{1}/é"), id: .int(1), version: .v2)).contains(#""a\"\\\n\u0001/é""#))
    }

    @Test func streamingWriterMatchesValueEncoding() {
        let streamed = JSONRPC.encodeSuccess(id: .int(2), version: .v1) { w in
            w.beginStruct()
            w.member("name") { $0.writeString("vm") }
            w.member("tags") { $0.writeStringArray(["a", "b"]) }
            w.member("empty") { $0.writeStringArray([]) }
            w.endStruct()
        }
        #expect(streamed == JSONRPC.encodeReply(.success(["name": "vm", "tags": ["a", "b"], "empty": []]), id: .int(2), version: .v1))
    }

    // MARK: Replies as literal bytes

    @Test func v1AndV2Replies() throws {
        #expect(try decodeValue(#"{"result": "OpaqueRef:s", "error": null, "id": 1}"#) == .success("OpaqueRef:s"))
        #expect(try decodeValue(#"{"id": 1, "error": null, "result": 5}"#) == .success(5))
        #expect(try decodeValue(#"{"result": null, "error": ["SESSION_INVALID", "OpaqueRef:s"], "id": 1}"#) == .failure(["SESSION_INVALID", "OpaqueRef:s"]))
        #expect(try decodeValue(#"{"jsonrpc": "2.0", "result": [1, 2.5, true], "id": "a"}"#) == .success([1, 2.5, true]))
        #expect(try decodeValue(#"{"jsonrpc":"2.0","error":{"code":1,"message":"HOST_IS_SLAVE","data":["10.0.0.1"]},"id":1}"#) == .failure(["HOST_IS_SLAVE", "10.0.0.1"]))
        #expect(try decodeValue(#"{"error":{"code":1,"message":"HANDLE_INVALID","data":"OpaqueRef:x"},"jsonrpc":"2.0","id":1}"#) == .failure(["HANDLE_INVALID", "OpaqueRef:x"]))
        #expect(try decodeValue(#"{"result": {}, "error": {"code": "abcd", "message": 123456, "data": 2.0}}"#) == .failure(["123456", "2"]))
        #expect(try decodeValue(#"{"error": "plain text", "id": 1}"#) == .failure(["plain text"]))
        #expect(try decodeValue(#"{"error": {"code": -32601}, "id": 1}"#) == .failure(["-32601"]))
    }

    @Test func errorWinsEvenWhenResultCannotBeDecoded() throws {
        let reply = try JSONRPC.decodeReply(bytes(#"{"result": {"x": [1, {}]}, "error": ["VM_IS_TEMPLATE"], "id": 1}"#)) { try $0.decodeInt() }
        #expect(reply == .failure(["VM_IS_TEMPLATE"]))
        #expect(throws: XAPIDecodingError.self) {
            try JSONRPC.decodeReply(bytes(#"{"result": {"x": 1}, "error": null, "id": 1}"#)) { try $0.decodeInt() }
        }
    }

    @Test func notJSONIsADecodingError() {
        for text in ["<html>500 Internal Server Error</html>", "", "[1]", "\"result\"", #"{"id": 1}"#, #"{"result": 1} x"#] {
            #expect(throws: XAPIDecodingError.self, "\(text)") { try decodeValue(text) }
        }
    }

    @Test func stringEscapesAndSurrogatePairs() throws {
        #expect(try decodeValue(#"{"result": "\"\\\/\b\f\n\r\t\u00e9\u4e2d\ud83d\ude00\ud800x", "id": 1}"#) == .success("\"\\/\u{8}\u{C}\n\r\té中😀\u{FFFD}x"))
        #expect(throws: XAPIDecodingError.self) { try decodeValue(#"{"result": "\q", "id": 1}"#) }
        #expect(throws: XAPIDecodingError.self) { try decodeValue(#"{"result": "\u12", "id": 1}"#) }
    }

    @Test func numbersInEveryForm() throws {
        #expect(try decodeValue(#"{"result": [0, -0, 12, -9223372036854775808, 9223372036854775807, 1.5, -2e3, 1E-2, 0.0], "id": 1}"#)
            == .success([0, 0, 12, .int(Int64.min), .int(Int64.max), 1.5, -2000.0, 0.01, 0.0]))
        #expect(throws: XAPIDecodingError.self) { try decodeValue(#"{"result": 9223372036854775808, "id": 1}"#) }
        #expect(try JSONRPC.decodeReply(bytes(#"{"result": 9223372036854775808, "id": 1}"#)) { try $0.decodeDouble() } == .success(9_223_372_036_854_775_808.0))
        for bad in ["01", "1.", "-", ".5", "1e", "+1", "0x10"] {
            #expect(throws: XAPIDecodingError.self, "\(bad)") { try decodeValue(#"{"result": \#(bad), "id": 1}"#) }
        }
    }

    @Test func nonFiniteTokensAndStrings() throws {
        let reply = try JSONRPC.decodeReply(bytes(#"{"result": [NaN, Infinity, -Infinity, "NaN", "+Infinity", "-inf", "1627478400."], "id": 1}"#)) { d in
            var out: [Double] = []
            try d.decodeArray { out.append(try $0.decodeDouble()) }
            return out
        }
        guard case .success(let values) = reply else { Issue.record("failed"); return }
        #expect(values.count == 7)
        #expect(values[0].isNaN && values[3].isNaN)
        #expect(Array(values[1...2]) == [.infinity, -.infinity])
        #expect(Array(values[4...6]) == [.infinity, -.infinity, 1_627_478_400])
    }

    @Test func leniencyOfTypedDecoders() throws {
        #expect(try JSONRPC.decodeReply(bytes(#"{"result": "1073741824", "id": 1}"#)) { try $0.decodeInt() } == .success(1_073_741_824))
        #expect(try JSONRPC.decodeReply(bytes(#"{"result": 2.0, "id": 1}"#)) { try $0.decodeInt() } == .success(2))
        #expect(throws: XAPIDecodingError.self) { try JSONRPC.decodeReply(bytes(#"{"result": 2.5, "id": 1}"#)) { try $0.decodeInt() } }
        #expect(try JSONRPC.decodeReply(bytes(#"{"result": "false", "id": 1}"#)) { try $0.decodeBool() } == .success(false))
        #expect(throws: XAPIDecodingError.self) { try JSONRPC.decodeReply(bytes(#"{"result": 1, "id": 1}"#)) { try $0.decodeBool() } }
        #expect(try JSONRPC.decodeReply(bytes(#"{"result": 42, "id": 1}"#)) { try $0.decodeString() } == .success("42"))
        #expect(throws: XAPIDecodingError.self) { try JSONRPC.decodeReply(bytes(#"{"result": true, "id": 1}"#)) { try $0.decodeString() } }
        for form in ["20190113T19:35:15Z", "20190113T19:35:15", "20190113T20:35:15+01:00", "2019-01-13T19:35:15Z"] {
            #expect(try JSONRPC.decodeReply(bytes(#"{"result": "\#(form)", "id": 1}"#)) { try $0.decodeDateTime() } == .success(XAPIDateTime(secondsSinceEpoch: 1_547_408_115)))
        }
    }

    // MARK: Calls, server side

    @Test func validatesCallsAsXAPIDoes() throws {
        let v2Object = try JSONRPC.decodeCall(bytes(#"{"jsonrpc": "2.0", "method": "m", "params": {"a": 1}, "id": "x"}"#))
        #expect(v2Object == JSONRPCCall(call: XAPICall(method: "m", params: [["a": 1]]), id: .string("x"), version: .v2))
        #expect(try JSONRPC.decodeCall(bytes(#"{"jsonrpc": "2.0", "method": "m", "id": 1}"#)).call.params == [])
        #expect(try JSONRPC.decodeCall(bytes(#"{"jsonrpc": "2.0", "method": "m", "params": null, "id": 1}"#)).call.params == [])
        let v1 = try JSONRPC.decodeCall(bytes(#"{"id": 5, "params": ["s", 1], "method": "session.logout"}"#))
        #expect(v1 == JSONRPCCall(call: XAPICall(method: "session.logout", params: ["s", 1]), id: .int(5), version: .v1))
        let rejected = [
            #"{"method": "m", "params": {"a": 1}, "id": 1}"#,  // object params in v1
            #"{"method": "m", "params": [], "id": null}"#,  // notification
            #"{"method": "m", "params": []}"#,  // no id
            #"{"method": 3, "params": [], "id": 1}"#,
            #"{"params": [], "id": 1}"#,
            #"{"method": "m", "params": "x", "id": 1}"#,
            #"{"method": "m", "params": [], "id": 1.5}"#,
            #"{"jsonrpc": "3.0", "method": "m", "params": [], "id": 1}"#,
            #"{"jsonrpc": "1.0", "method": "m", "params": [], "id": 1}"#,  // xapi knows only absent or "2.0"
            #"{"method": "m", "params": null, "id": 1}"#,  // v1 needs an array
            #"["m"]"#,
        ]
        for text in rejected {
            #expect(throws: XAPIDecodingError.self, "\(text)") { try JSONRPC.decodeCall(bytes(text)) }
        }
    }

    @Test func structKeysWithEscapes() throws {
        let reply = try JSONRPC.decodeReply(bytes(#"{"result": {"a\"b": 1, "plain": 2}, "id": 1}"#)) { d in
            var seen: [String] = []
            try d.decodeStruct { d, key in
                seen.append(key.string + (key == "a\"b" ? "!" : ""))
                try d.skipValue()
            }
            return seen
        }
        #expect(reply == .success(["a\"b!", "plain"]))
    }
}

extension JSONRPCCodecTests {
    @Test func emptyErrorsStillHaveACode() throws {
        #expect(try decodeValue(#"{"result": null, "error": [], "id": 1}"#) == .failure(["[]"]))
        #expect(try decodeValue(#"{"error": {}, "id": 1}"#) == .failure(["{}"]))
    }
}
