import Testing
@testable import XAPI

@Suite struct XMLRPCCodecTests {
    private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    private func reply(_ value: String) -> [UInt8] {
        bytes(
            "<?xml version=\"1.0\"?><methodResponse><params><param><value><struct><member><name>Status</name><value>Success</value></member><member><name>Value</name>\(value)</member></struct></value></param></params></methodResponse>"
        )
    }

    // MARK: Round trips

    @Test func replyRoundTripsEveryKind() throws {
        let value = CodecSamples.everything
        let decoded = try XMLRPC.decodeReply(XMLRPC.encodeReply(.success(value))) { try $0.decodeValue() }
        #expect(decoded == .success(CodecSamples.afterTrip(value, .xmlReply)))
    }

    @Test func callRoundTripsEveryKind() throws {
        let params: [XAPIValue] = ["OpaqueRef:abc", CodecSamples.everything, .int(7), .int(Int64.max), .null]
        let call = try XMLRPC.decodeCall(XMLRPC.encodeCall(method: "VM.set_name_label & <x>", params: params))
        #expect(call.method == "VM.set_name_label & <x>")
        #expect(call.params == params.map { CodecSamples.afterTrip($0, .xmlCall) })
    }

    @Test func callWritesSmallIntsAsIntTagsAndLargeAsText() {
        let text = CodecSamples.text(XMLRPC.encodeCall(method: "m", params: [.int(5), .int(5_000_000_000)]))
        #expect(text.contains("<value><int>5</int></value>"))
        #expect(text.contains("<value>5000000000</value>"))
        #expect(text.hasPrefix("<?xml version=\"1.0\"?><methodCall><methodName>m</methodName><params><param>"))
    }

    @Test func typedDecodersReadWhatTheWriterWrote() throws {
        for s in CodecSamples.strings {
            #expect(try XMLRPC.decodeReply(XMLRPC.encodeReply(.success(.string(s)))) { try $0.decodeString() } == .success(CodecSamples.xmlText(s)))
        }
        for i in CodecSamples.ints {
            #expect(try XMLRPC.decodeReply(XMLRPC.encodeReply(.success(.int(i)))) { try $0.decodeInt() } == .success(i))
        }
        for d in CodecSamples.doubles + [.infinity, -.infinity] {
            #expect(try XMLRPC.decodeReply(XMLRPC.encodeReply(.success(.double(d)))) { try $0.decodeDouble() } == .success(d))
        }
        let nan = try XMLRPC.decodeReply(XMLRPC.encodeReply(.success(.double(.nan)))) { try $0.decodeDouble() }
        guard case .success(let d) = nan else { Issue.record("NaN did not decode"); return }
        #expect(d.isNaN)
        for date in CodecSamples.dates {
            #expect(try XMLRPC.decodeReply(XMLRPC.encodeReply(.success(.dateTime(date)))) { try $0.decodeDateTime() } == .success(date))
        }
        for b in [true, false] {
            #expect(try XMLRPC.decodeReply(XMLRPC.encodeReply(.success(.bool(b)))) { try $0.decodeBool() } == .success(b))
        }
    }

    @Test func writesXAPIsDialect() {
        let text = CodecSamples.text(
            XMLRPC.encodeReply(.success(["s": "", "i": 42, "d": 1.0, "b": true, "t": .dateTime(.epoch), "n": .null, "e": "a<&>\""])))
        #expect(
            text
                == "<?xml version=\"1.0\"?><methodResponse><params><param><value><struct>"
                + "<member><name>Status</name><value>Success</value></member><member><name>Value</name><value><struct>"
                + "<member><name>s</name><value></value></member>"
                + "<member><name>i</name><value>42</value></member>"
                + "<member><name>d</name><value><double>1</double></value></member>"
                + "<member><name>b</name><value><boolean>1</boolean></value></member>"
                + "<member><name>t</name><value><dateTime.iso8601>19700101T00:00:00Z</dateTime.iso8601></value></member>"
                + "<member><name>n</name><value><nil/></value></member>"
                + "<member><name>e</name><value>a&lt;&amp;&gt;&quot;</value></member>"
                + "</struct></value></member></struct></value></param></params></methodResponse>")
    }

    @Test func failureReplyRoundTrips() throws {
        let encoded = XMLRPC.encodeReply(.failure(["HANDLE_INVALID", "VM", "OpaqueRef:x"]))
        #expect(CodecSamples.text(encoded).contains("<member><name>Status</name><value>Failure</value></member><member><name>ErrorDescription</name>"))
        let decoded = try XMLRPC.decodeReply(encoded) { try $0.decodeValue() }
        #expect(decoded == .failure(["HANDLE_INVALID", "VM", "OpaqueRef:x"]))
    }

    @Test func bareReplyRoundTrips() throws {
        let methods: XAPIValue = ["VM.start", "VM.get_all_records", "system.listMethods"]
        let encoded = XMLRPC.encodeBareReply(methods)
        #expect(try XMLRPC.decodeBareReply(encoded) { try $0.decodeStringArray() } == ["VM.start", "VM.get_all_records", "system.listMethods"])
    }

    @Test func streamingWriterMatchesValueEncoding() {
        let streamed = XMLRPC.encodeSuccess { w in
            w.beginStruct()
            w.member("name") { $0.writeString("vm") }
            w.member("tags") { $0.writeStringArray(["a", "b"]) }
            w.endStruct()
        }
        #expect(streamed == XMLRPC.encodeReply(.success(["name": "vm", "tags": ["a", "b"]])))
    }

    // MARK: XAPI's dialect, as literal bytes

    @Test func untypedTextIsReadAsAnyScalar() throws {
        #expect(try XMLRPC.decodeReply(reply("<value>1073741824</value>")) { try $0.decodeInt() } == .success(1_073_741_824))
        #expect(try XMLRPC.decodeReply(reply("<value>-9223372036854775808</value>")) { try $0.decodeInt() } == .success(Int64.min))
        #expect(try XMLRPC.decodeReply(reply("<value>1.5</value>")) { try $0.decodeDouble() } == .success(1.5))
        #expect(try XMLRPC.decodeReply(reply("<value><i4>12</i4></value>")) { try $0.decodeDouble() } == .success(12))
        #expect(try XMLRPC.decodeReply(reply("<value>true</value>")) { try $0.decodeBool() } == .success(true))
        #expect(try XMLRPC.decodeReply(reply("<value><i8>99</i8></value>")) { try $0.decodeString() } == .success("99"))
        #expect(try XMLRPC.decodeReply(reply("<value><int> 7 </int></value>")) { try $0.decodeInt() } == .success(7))
        #expect(try XMLRPC.decodeReply(reply("<value><string>x</string></value>")) { try $0.decodeValue() } == .success("x"))
        #expect(try XMLRPC.decodeReply(reply("<value><base64>aGk=</base64></value>")) { try $0.decodeValue() } == .success("aGk="))
    }

    @Test func emptyValuesAreEmptyStrings() throws {
        #expect(try XMLRPC.decodeReply(reply("<value/>")) { try $0.decodeString() } == .success(""))
        #expect(try XMLRPC.decodeReply(reply("<value></value>")) { try $0.decodeString() } == .success(""))
        #expect(try XMLRPC.decodeReply(reply("<value><string/></value>")) { try $0.decodeString() } == .success(""))
        #expect(try XMLRPC.decodeReply(reply("<value><array><data/></array></value>")) { try $0.decodeValue() } == .success([]))
        #expect(try XMLRPC.decodeReply(reply("<value><struct/></value>")) { try $0.decodeValue() } == .success(.structure([:])))
    }

    @Test func whitespaceBetweenTagsIsIgnored() throws {
        let text = """
            <?xml version='1.0'?>
            <methodResponse>
              <params>
                <param>
                  <value>
                    <struct>
                      <member>
                        <name>Status</name>
                        <value>Success</value>
                      </member>
                      <member>
                        <name>Value</name>
                        <value>
                          <array>
                            <data>
                              <value>OpaqueRef:a</value>
                              <value><boolean>0</boolean></value>
                              <value>
                                <nil/>
                              </value>
                            </data>
                          </array>
                        </value>
                      </member>
                    </struct>
                  </value>
                </param>
              </params>
            </methodResponse>

            """
        #expect(try XMLRPC.decodeReply(bytes(text)) { try $0.decodeValue() } == .success(["OpaqueRef:a", false, .null]))
    }

    @Test func statusAfterValueStillDecodesTheValue() throws {
        let text =
            "<methodResponse><params><param><value><struct><member><name>Value</name><value><array><data><value>7</value></data></array></value></member><member><name>Status</name><value>Success</value></member></struct></value></param></params></methodResponse>"
        var calls = 0
        let decoded = try XMLRPC.decodeReply(bytes(text)) { d -> [Int64] in
            calls += 1
            var items: [Int64] = []
            try d.decodeArray { items.append(try $0.decodeInt()) }
            return items
        }
        #expect(decoded == .success([7]))
        #expect(calls == 1)
    }

    @Test func failureWithValueBeforeStatusDropsTheValue() throws {
        let text =
            "<methodResponse><params><param><value><struct><member><name>Value</name><value>not an int</value></member><member><name>ErrorDescription</name><value><array><data><value>SESSION_INVALID</value><value>OpaqueRef:s</value></data></array></value></member><member><name>Status</name><value>Failure</value></member></struct></value></param></params></methodResponse>"
        #expect(try XMLRPC.decodeReply(bytes(text)) { try $0.decodeInt() } == .failure(["SESSION_INVALID", "OpaqueRef:s"]))
    }

    @Test func failureDescriptionStringifiesItsElements() throws {
        let text =
            "<methodResponse><params><param><value><struct><member><name>Status</name><value>Failure</value></member><member><name>ErrorDescription</name><value><array><data><value>CODE</value><value><int>3</int></value><value><boolean>1</boolean></value></data></array></value></member></struct></value></param></params></methodResponse>"
        #expect(try XMLRPC.decodeReply(bytes(text)) { try $0.decodeValue() } == .failure(["CODE", "3", "true"]))
    }

    @Test func faultBecomesAFailure() throws {
        let text =
            "<?xml version=\"1.0\"?><methodResponse><fault><value><struct><member><name>faultCode</name><value><int>4</int></value></member><member><name>faultString</name><value><string>Too many parameters.</string></value></member></struct></value></fault></methodResponse>"
        #expect(try XMLRPC.decodeReply(bytes(text)) { try $0.decodeValue() } == .failure(["XMLRPC_FAULT", "4", "Too many parameters."]))
    }

    @Test func missingStatusIsAnError() {
        let text = "<methodResponse><params><param><value><struct><member><name>Value</name><value>x</value></member></struct></value></param></params></methodResponse>"
        #expect(throws: XAPIDecodingError.self) { try XMLRPC.decodeReply(bytes(text)) { try $0.decodeValue() } }
    }

    @Test func bareListMethodsArray() throws {
        let text = "<?xml version=\"1.0\"?>\n<methodResponse><params><param><value><array><data><value>VM.start</value><value>host.get_all</value></data></array></value></param></params></methodResponse>\n"
        #expect(try XMLRPC.decodeBareReply(bytes(text)) { try $0.decodeStringArray() } == ["VM.start", "host.get_all"])
    }

    @Test func datetimesInEveryForm() throws {
        let forms = ["20190113T19:35:15Z", "20190113T19:35:15", "20190113T20:35:15+01:00", "2019-01-13T19:35:15Z"]
        for form in forms {
            #expect(try XMLRPC.decodeReply(reply("<value><dateTime.iso8601>\(form)</dateTime.iso8601></value>")) { try $0.decodeDateTime() } == .success(XAPIDateTime(secondsSinceEpoch: 1_547_408_115)))
            #expect(try XMLRPC.decodeReply(reply("<value>\(form)</value>")) { try $0.decodeDateTime() } == .success(XAPIDateTime(secondsSinceEpoch: 1_547_408_115)))
        }
        #expect(try XMLRPC.decodeReply(reply("<value>1627478400.</value>")) { try $0.decodeDateTime() } == .success(XAPIDateTime(secondsSinceEpoch: 1_627_478_400)))
        #expect(try XMLRPC.decodeReply(reply("<value><dateTime.iso8601>20190113T19:35:15Z</dateTime.iso8601></value>")) { try $0.decodeValue() } == .success(.dateTime(XAPIDateTime(secondsSinceEpoch: 1_547_408_115))))
    }

    @Test func doublesInEveryForm() throws {
        for (text, expected) in [("NaN", Double.nan), ("inf", .infinity), ("-Infinity", -.infinity), ("1e300", 1e300), ("1627478400.", 1_627_478_400)] {
            let decoded = try XMLRPC.decodeReply(reply("<value><double>\(text)</double></value>")) { try $0.decodeDouble() }
            guard case .success(let d) = decoded else { Issue.record("\(text) failed"); continue }
            #expect(d == expected || (d.isNaN && expected.isNaN), "\(text)")
        }
    }

    @Test func entitiesAndCharacterReferences() throws {
        let decoded = try XMLRPC.decodeReply(reply("<value>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;&#233;</value>")) { try $0.decodeString() }
        #expect(decoded == .success("<>&\"'AB😀é"))
        let key = try XMLRPC.decodeReply(reply("<value><struct><member><name>a&amp;b</name><value>1</value></member></struct></value>")) { d in
            var names: [String] = []
            try d.decodeStruct { d, key in
                names.append(key.string)
                #expect(key == "a&b")
                _ = try d.decodeInt()
            }
            return names
        }
        #expect(key == .success(["a&b"]))
    }

    @Test func bareAmpersandsAreText() throws {
        // xapi writes member names raw, so a map key "a&b" arrives as <name>a&b</name>.
        let decoded = try XMLRPC.decodeReply(reply("<value><struct><member><name>R&D; dept &amp</name><value>a & b &bogus;</value></member></struct></value>")) { try $0.decodeValue() }
        #expect(decoded == .success(["R&D; dept &amp": "a & b &bogus;"]))
    }

    @Test func structKeysCompareWithoutAllocating() throws {
        var seen: [String] = []
        _ = try XMLRPC.decodeReply(reply("<value><struct><member><name>uuid</name><value>u</value></member><member><name>name_label</name><value>n</value></member></struct></value>")) { d in
            try d.decodeStruct { d, key in
                if key == "uuid" { seen.append("uuid=" + (try d.decodeString())) }
                else if key == "name_label" { seen.append("name=" + (try d.decodeString())) }
                else { try d.skipValue() }
            }
        }
        #expect(seen == ["uuid=u", "name=n"])
    }

    @Test func decodeNullConsumesOnlyNil() throws {
        let decoded = try XMLRPC.decodeReply(reply("<value><array><data><value><nil/></value><value>x</value></data></array></value>")) { d in
            var out: [String] = []
            try d.decodeArray { d in out.append(try d.decodeNull() ? "null" : try d.decodeString()) }
            return out
        }
        #expect(decoded == .success(["null", "x"]))
    }

    @Test func invalidUTF8BecomesReplacementCharacters() throws {
        let raw = reply("<value>a\u{1}b</value>").map { $0 == 1 ? 0xFF : $0 }
        #expect(try XMLRPC.decodeReply(raw) { try $0.decodeString() } == .success("a\u{FFFD}b"))
    }

    @Test func mismatchesNameWhatWasFound() {
        do {
            _ = try XMLRPC.decodeReply(reply("<value><boolean>1</boolean></value>")) { try $0.decodeInt() }
            Issue.record("no error")
        } catch let error as XAPIDecodingError {
            #expect(error.message.contains("expected an int"))
            #expect(error.message.contains("<boolean>"))
            #expect(error.offset != nil)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func cdataIsAClearError() {
        do {
            _ = try XMLRPC.decodeReply(reply("<value><![CDATA[x]]></value>")) { try $0.decodeString() }
            Issue.record("no error")
        } catch let error as XAPIDecodingError {
            #expect(error.message.contains("CDATA"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func decodesPythonClientCalls() throws {
        // What Python's xmlrpc.client sends (XenAPI.py), CRLF line ends included.
        let text = "<?xml version='1.0'?>\r\n<methodCall>\r\n<methodName>VM.set_other_config</methodName>\r\n<params>\r\n<param>\r\n<value><string>OpaqueRef:s</string></value>\r\n</param>\r\n<param>\r\n<value><struct>\r\n<member>\r\n<name>k</name>\r\n<value><string>a &amp; b</string></value>\r\n</member>\r\n<member>\r\n<name>n</name>\r\n<value><array><data>\r\n<value><int>3</int></value>\r\n<value><double>0.5</double></value>\r\n<value><boolean>0</boolean></value>\r\n</data></array></value>\r\n</member>\r\n</struct></value>\r\n</param>\r\n</params>\r\n</methodCall>\r\n"
        let call = try XMLRPC.decodeCall(bytes(text))
        #expect(call == XAPICall(method: "VM.set_other_config", params: ["OpaqueRef:s", ["k": "a & b", "n": [3, 0.5, false]]]))
    }

    @Test func decodesServerCalls() throws {
        let text = "<?xml version=\"1.0\"?>\n<methodCall>\n<methodName>session.login_with_password</methodName>\n<params>\n<param><value><string>root</string></value></param>\n<param><value>pa&amp;ss</value></param>\n<param><value><int>1</int></value></param>\n</params>\n</methodCall>\n"
        let call = try XMLRPC.decodeCall(bytes(text))
        #expect(call == XAPICall(method: "session.login_with_password", params: ["root", "pa&ss", 1]))
        #expect(try XMLRPC.decodeCall(bytes("<methodCall><methodName>system.listMethods</methodName></methodCall>")) == XAPICall(method: "system.listMethods", params: []))
        #expect(try XMLRPC.decodeCall(bytes("<methodCall><methodName>x</methodName><params/></methodCall>")).params == [])
    }
}
