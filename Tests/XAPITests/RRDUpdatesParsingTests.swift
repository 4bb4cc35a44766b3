import Testing
@testable import XAPI

/// `/rrd_updates` replies in both formats and both JSON value encodings, with gaps and garbage.
@Suite("RRD updates parsing")
struct RRDUpdatesParsingTests {
    static let vm = "0b4a5c1e-0000-4000-8000-000000000001"
    static let legend = ["AVERAGE:vm:\(vm):cpu0", "AVERAGE:vm:\(vm):memory", "AVERAGE:host:h-1:cpu_avg"]

    static func parse(_ text: String) throws(RRDUpdatesError) -> RRDUpdates { try RRDUpdates(parsing: Array(text.utf8)) }

    static func modernJSON(_ values: [[String]], times: [Int64] = [1_000, 995]) -> String {
        let rows = zip(times, values).map { time, row in
            "{\"t\":\(time),\"values\":[" + row.map { "\"\($0)\"" }.joined(separator: ",") + "]}"
        }
        return "{\"meta\":{\"start\":990,\"step\":5,\"end\":1000,\"rows\":\(rows.count),\"columns\":3,\"legend\":["
            + legend.map { "\"\($0)\"" }.joined(separator: ",") + "]},\"data\":[" + rows.joined(separator: ",") + "]}"
    }

    @Test func modernJSONWithStringValuesAndNaN() throws {
        let updates = try Self.parse(Self.modernJSON([["0.2500", "1073741824.0000", "NaN"], ["0.1250", "1073741824.0000", "0.5000"]]))
        #expect(updates.start == 990 && updates.step == 5 && updates.end == 1000)
        #expect(updates.legend[0] == RRDLegendEntry(consolidation: "AVERAGE", objectClass: "vm", uuid: Self.vm, name: "cpu0"))
        #expect(updates.legend[2].objectClass == "host")
        #expect(updates.rows.map(\.time) == [1_000, 995])
        #expect(updates.rows[0].values[0] == 0.25)
        #expect(updates.rows[0].values[1] == 1_073_741_824)
        #expect(updates.rows[0].values[2].isNaN)
        #expect(updates.rows[1].values[2] == 0.5)
    }

    @Test func oldJSONWithNumbersBareNaNUnquotedKeysAndDataInsideMeta() throws {
        let text = """
            {meta: {start: 990, step: 5, end: 1000, rows: 2, columns: 3,
              legend: ["\(Self.legend.joined(separator: "\",\""))"],
              data: [{t: 1000, values: [0.25, 1e9, NaN]}, {t: 995, values: [Infinity, -Infinity, 0.5,]},]}}
            """
        let updates = try Self.parse(text)
        #expect(updates.rows.count == 2)
        #expect(updates.rows[0].values[1] == 1e9)
        #expect(updates.rows[0].values[2].isNaN)
        #expect(updates.rows[1].values[0] == .infinity)
        #expect(updates.rows[1].values[1] == -.infinity)
    }

    @Test func xmlReply() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <xport><meta><start>990</start><step>5</step><end>1000</end><rows>2</rows><columns>3</columns>
            <legend>\(Self.legend.map { "<entry>\($0)</entry>" }.joined())</legend></meta>
            <data><row><t>1000</t><v>0.2500</v><v>2048.0000</v><v>NaN</v></row>
            <!-- a comment --><row><t>995</t><v>0.1</v><v>-Infinity</v><v>0.5000</v></row></data></xport>
            """
        let updates = try Self.parse(text)
        #expect(updates.legend.count == 3)
        #expect(updates.rows.count == 2)
        #expect(updates.rows[0].values[1] == 2048)
        #expect(updates.rows[0].values[2].isNaN)
        #expect(updates.rows[1].values[1] == -.infinity)
    }

    @Test func bothFormatsReadTheSameData() throws {
        let json = try Self.parse(Self.modernJSON([["0.2500", "1.0000", "NaN"], ["0.1250", "2.0000", "0.5000"]]))
        let xml = try Self.parse("""
            <xport><meta><start>990</start><step>5</step><end>1000</end><legend>\(Self.legend.map { "<entry>\($0)</entry>" }.joined())</legend></meta>
            <data><row><t>1000</t><v>0.2500</v><v>1.0000</v><v>NaN</v></row><row><t>995</t><v>0.1250</v><v>2.0000</v><v>0.5000</v></row></data></xport>
            """)
        #expect(json == xml)
    }

    @Test func missingRowsAndNoRowsAreFine() throws {
        // Rows 995 and 985 absent: the reply is read as it is; the gaps are the reader's business.
        let updates = try Self.parse(Self.modernJSON([["0.1", "1", "2"], ["0.2", "1", "2"]], times: [1_000, 990]))
        #expect(updates.rows.map(\.time) == [1_000, 990])
        let empty = try Self.parse(Self.modernJSON([]))
        #expect(empty.rows.isEmpty && empty.legend.count == 3)
    }

    @Test(arguments: [
        ("", "empty"),
        ("   \n", "empty"),
        ("<html><body>Bad gateway</body></html>", "not <xport>"),
        ("HTTP/1.1 500", "neither JSON nor XML"),
        ("{\"meta\":{\"start\":1}", "not closed"),
        ("{\"meta\":{\"start\":990,\"step\":5,\"end\":1000,\"legend\":[\"cpu0\"]},\"data\":[]}", "not CF:class:uuid:name"),
        ("{\"meta\":{\"start\":990,\"step\":0,\"end\":1000,\"legend\":[]},\"data\":[]}", "meta.step is 0"),
        ("{\"meta\":{\"start\":990,\"step\":5,\"end\":1000,\"legend\":[\"AVERAGE:vm:u:cpu0\"]},\"data\":[{\"t\":1000,\"values\":[\"abc\"]}]}", "\"abc\", not a number"),
        ("{\"meta\":{\"start\":990,\"step\":5,\"end\":1000,\"legend\":[\"AVERAGE:vm:u:cpu0\"]},\"data\":[{\"t\":1000,\"values\":[]}]}", "has 0 values for 1 legend entries"),
        ("{\"meta\":{\"start\":990,\"step\":5,\"end\":1000,\"legend\":[]}}", "no \"data\" list"),
        ("<xport><meta><start>990</start><step>5</step><end>x</end></meta><data></data></xport>", "<end> is \"x\""),
        ("<xport><meta><start>990</start><step>5</step><end>1</end></meta><data><row><v>1</v></row></data></xport>", "has no <t>"),
        ("<xport><meta><start>990</start></step></meta></xport>", "</step> closes <meta>"),
        ("<xport><meta><start>990</start>", "ends inside <meta>"),
        ("<xport><meta", "tag is not closed"),
    ])
    func garbageGetsAClearError(input: String, expected: String) {
        do {
            _ = try Self.parse(input)
            Issue.record("parsed: \(input)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test func deepNestingIsRefusedWithoutCrashing() {
        let text = String(repeating: "[", count: 100_000)
        #expect(throws: RRDUpdatesError.self) { try RRDUpdates(parsing: Array(("{\"meta\":" + text).utf8)) }
        let xml = String(repeating: "<a>", count: 100_000)
        #expect(throws: RRDUpdatesError.self) { try RRDUpdates(parsing: Array(("<xport>" + xml).utf8)) }
    }

    @Test func queryStringCarriesTheSessionEncoded() {
        let query = RRDFetchQuery(start: -600, interval: 5, extra: ["host_uuid": "h 1"])
        #expect(query.queryString(sessionID: "OpaqueRef:a/b") ==
            "session_id=OpaqueRef%3Aa%2Fb&start=-600&cf=AVERAGE&interval=5&host=true&json=true&host_uuid=h%201")
    }
}
