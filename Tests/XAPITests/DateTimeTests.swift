import Testing
@testable import XAPI

@Suite struct DateTimeTests {
    @Test func epochRoundTrips() {
        #expect(XAPIDateTime.epoch.wireString == "19700101T00:00:00Z")
        #expect(XAPIDateTime(wire: "19700101T00:00:00Z") == .epoch)
    }

    @Test(arguments: [
        ("20190113T19:35:15Z", Int64(1_547_408_115)),
        ("20190113T19:35:15", Int64(1_547_408_115)),
        ("2019-01-13T19:35:15Z", Int64(1_547_408_115)),
        ("20190113T20:35:15+01:00", Int64(1_547_408_115)),
        ("20190113T18:35:15-0100", Int64(1_547_408_115)),
        ("20190113T19:35:15.250Z", Int64(1_547_408_115)),
    ])
    func parsesEveryForm(text: String, seconds: Int64) {
        #expect(XAPIDateTime(wire: text)?.secondsSinceEpoch == seconds)
    }

    @Test(arguments: ["", "2019", "20191313T00:00:00Z", "20190113T19:35", "20190113T19:35:15Q", "x0190113T19:35:15Z"])
    func rejectsGarbage(text: String) {
        #expect(XAPIDateTime(wire: text) == nil)
    }

    @Test func writesXAPIForm() {
        #expect(XAPIDateTime(secondsSinceEpoch: 1_547_408_115).wireString == "20190113T19:35:15Z")
        #expect(XAPIDateTime(secondsSinceEpoch: -1).wireString == "19691231T23:59:59Z")
    }

    @Test func doublesPrintLikeXAPI() {
        #expect(XAPIDouble.format(1.0) == "1")
        #expect(XAPIDouble.format(0.1) == "0.1")
        #expect(XAPIDouble.format(.nan) == "NaN")
        #expect(XAPIDouble.parse("1627478400.") == 1_627_478_400)
        #expect(XAPIDouble.parse("-Infinity") == -.infinity)
    }
}
