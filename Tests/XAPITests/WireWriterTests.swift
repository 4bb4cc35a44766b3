import Testing
@testable import XAPI

@Suite struct WireWriterTests {
    @Test func datetimeDigitsMatchWireString() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<5000 {
            // From year 0 to year 9999.
            let seconds = Int64.random(in: -62_167_219_200...253_402_300_799, using: &rng)
            let date = XAPIDateTime(secondsSinceEpoch: seconds)
            var w = JSONWriter()
            w.writeDateTime(date)
            #expect(CodecSamples.text(w.bytes) == "\"" + date.wireString + "\"")
            #expect(XAPIDateTime(wire: date.wireString) == date)
        }
    }

    @Test func doublesMatchXAPIDoubleFormat() {
        var rng = SplitMix64(seed: 11)
        var values: [Double] = [0.1, -0.0, 1e-7, 123.456, 1e15, 1e16, 1.7976931348623157e308, .leastNonzeroMagnitude, .pi]
        for _ in 0..<2000 { values.append(Double(bitPattern: rng.next())) }
        for d in values where d.isFinite {
            var w = XMLRPCWriter()
            w.writeDouble(d)
            #expect(CodecSamples.text(w.bytes) == "<value><double>\(XAPIDouble.format(d))</double></value>")
        }
    }

    @Test func intsAtTheEdges() {
        for i in CodecSamples.ints + [9, 10, 99, 100, -9, -10] {
            var w = JSONWriter()
            w.writeInt(i)
            #expect(CodecSamples.text(w.bytes) == String(i))
        }
    }

    @Test func jsonCommasFollowNesting() {
        var w = JSONWriter()
        w.beginArray()
        w.beginStruct()
        w.member("a") { $0.beginArray(); $0.endArray() }
        w.member("b") { w in
            w.beginArray()
            w.writeNull()
            w.beginStruct()
            w.endStruct()
            w.writeBool(false)
            w.endArray()
        }
        w.endStruct()
        w.writeInt(1)
        w.endArray()
        #expect(CodecSamples.text(w.bytes) == #"[{"a":[],"b":[null,{},false]},1]"#)
    }

    @Test func xmlEscapesMarkupAndDropsControlCharacters() {
        var w = XMLRPCWriter()
        w.writeString("a<b>&c\r\nd\"e'\u{1}\u{0}\tf\u{7F}")
        #expect(CodecSamples.text(w.bytes) == "<value>a&lt;b&gt;&amp;c&#13;\nd&quot;e'\tf\u{7F}</value>")
    }

    struct Read: Equatable {
        var name: String
        var value: XAPIValue
        var generic: Bool
    }

    /// Reads every member of `CodecSamples.everything` with the typed decoder its name asks for.
    static func walk<D: XAPIDecoder>(_ d: inout D) throws -> [Read] {
        var seen: [Read] = []
        try d.decodeStruct { d, key in
            let name = key.string
            let value: XAPIValue
            var generic = false
            if name.hasPrefix("int ") { value = .int(try d.decodeInt()) }
            else if name.hasPrefix("double ") { value = .double(try d.decodeDouble()) }
            else if name.hasPrefix("date ") { value = .dateTime(try d.decodeDateTime()) }
            else if name.hasPrefix("string ") { value = .string(try d.decodeString()) }
            else if name == "true" || name == "false" { value = .bool(try d.decodeBool()) }
            else if name == "null" { value = .bool(try d.decodeNull()) }
            else {
                value = try d.decodeValue()
                generic = true
            }
            seen.append(Read(name: name, value: value, generic: generic))
        }
        return seen
    }

    @Test func valueDecoderAgreesWithByteDecoders() throws {
        let value = CodecSamples.everything
        var memory = XAPIValueDecoder(value)
        let expected = try Self.walk(&memory)
        #expect(expected.count == value.structValue?.count)
        // Typed reads agree exactly; generic ones differ only where an encoding cannot carry a type.
        func after(_ wire: CodecSamples.Wire) -> [Read] {
            expected.map { read in
                if read.generic { return Read(name: read.name, value: CodecSamples.afterTrip(read.value, wire), generic: true) }
                if case .string(let s) = read.value, wire != .json { return Read(name: read.name, value: .string(CodecSamples.xmlText(s)), generic: false) }
                return read
            }
        }
        #expect(try XMLRPC.decodeReply(XMLRPC.encodeReply(.success(value))) { try Self.walk(&$0) } == .success(after(.xmlReply)))
        for version in [JSONRPCVersion.v1, .v2] {
            #expect(try JSONRPC.decodeReply(JSONRPC.encodeReply(.success(value), id: .int(1), version: version)) { try Self.walk(&$0) }
                == .success(after(.json)))
        }
    }
}

extension WireWriterTests {
    @Test func jsonDoublesReadBackExactly() throws {
        var rng = SplitMix64(seed: 13)
        var values: [Double] = [0.1, 1.0 / 3.0, 2.0 / 3.0, 1e300, .leastNonzeroMagnitude, 123456.789]
        for _ in 0..<2000 { values.append(Double(bitPattern: rng.next())) }
        for d in values where d.isFinite {
            var w = JSONWriter()
            w.writeDouble(d)
            #expect(try JSONRPCDecoder.decode(w.bytes) { try $0.decodeDouble() } == d)
            #expect(try JSONRPCDecoder.decode(w.bytes) { try $0.decodeValue() } == .double(d))
        }
    }
}
