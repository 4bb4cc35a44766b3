import Testing
import XAPI

@testable import XAPISim

@Suite struct EventTests {
    private func from(_ pool: SimPool, _ s: XAPIValue, _ classes: [XAPIValue], _ token: String) -> XAPIReply<XAPIValue> {
        pool.call("event.from", s, .array(classes), .string(token), 0.0)
    }

    @Test func emptyTokenGivesEveryObjectAsAdd() {
        let (pool, _) = makePool()
        let s = XAPIValue.string(pool.login())
        let result = from(pool, s, ["VM", "host"], "").value
        let events = result?["events"]?.arrayValue ?? []
        #expect(events.count == 7)
        #expect(events.allSatisfy { $0["operation"] == "add" && $0["timestamp"] == "0.0" })
        #expect(Set(events.compactMap { $0["class"]?.stringValue }) == ["vm", "host"])
        #expect(events.first { $0["ref"] == .string(Refs.web) }?["snapshot"]?["name_label"] == "web")
        #expect(result?["valid_ref_counts"]?["host"] == .int(2))
        #expect(result?["valid_ref_counts"]?["vm"] == .int(5))
        #expect(result?["valid_ref_counts"]?.structValue?.count == 2)
        #expect(result?["token"]?.stringValue == "00000000000000000000,00000000000000000000")
    }

    @Test func changesAfterATokenAreMergedPerObject() {
        let (pool, _) = makePool()
        let session = pool.login()
        let s = XAPIValue.string(session)
        let token = from(pool, s, ["*"], "").value?["token"]?.stringValue ?? ""
        _ = pool.call("VM.set_name_label", s, .string(Refs.web), "one")
        _ = pool.call("VM.set_name_label", s, .string(Refs.web), "two")
        _ = pool.call("host.set_name_label", s, .string(Refs.host2), "renamed")
        let events = from(pool, s, ["vm"], token).value?["events"]?.arrayValue ?? []
        #expect(events.count == 1)
        #expect(events.first?["snapshot"]?["name_label"] == "two")
        #expect(events.first?["class"] == "vm")
        let all = from(pool, s, ["*"], token).value?["events"]?.arrayValue ?? []
        #expect(all.map { $0["ref"] } == [.string(Refs.web), .string(Refs.host2)])
        let one = from(pool, s, [.string("host/\(Refs.host1)")], token).value?["events"]?.arrayValue ?? []
        #expect(one.isEmpty)
    }

    @Test func addThenDeleteInOneWindowIsNotReported() {
        let (pool, _) = makePool()
        let s = XAPIValue.string(pool.login())
        let before = pool.eventToken
        let clone = pool.call("VM.clone", s, .string(Refs.web), "copy").value?.stringValue ?? ""
        let middle = pool.eventToken
        _ = pool.call("VM.destroy", s, .string(clone))
        let sinceBefore = from(pool, s, ["vm"], before).value?["events"]?.arrayValue ?? []
        #expect(!sinceBefore.contains { $0["ref"] == .string(clone) })
        let sinceMiddle = from(pool, s, ["vm"], middle).value?["events"]?.arrayValue ?? []
        let deletion = sinceMiddle.first { $0["ref"] == .string(clone) }
        #expect(deletion?["operation"] == "del")
        #expect(deletion?["snapshot"] == nil)
    }

    @Test func badTokenAndLostEvents() {
        let (pool, _) = makePool { $0.eventHistoryLimit = 3 }
        let s = XAPIValue.string(pool.login())
        #expect(from(pool, s, ["vm"], "garbage").errorDescription == ["EVENT_FROM_TOKEN_PARSE_FAILURE", "garbage"])
        let token = pool.eventToken
        for index in 0..<10 { _ = pool.call("VM.set_name_label", s, .string(Refs.web), .string("n\(index)")) }
        #expect(from(pool, s, ["vm"], token).errorDescription == ["EVENTS_LOST"])
        let fresh = pool.eventToken
        pool.loseEvents()
        #expect(from(pool, s, ["vm"], fresh).errorDescription == ["EVENTS_LOST"])
        #expect(from(pool, s, ["vm"], fresh).value != nil)
    }

    @Test func injectReturnsATokenAndRecordsAMod() {
        let (pool, _) = makePool()
        let s = XAPIValue.string(pool.login())
        let before = pool.eventToken
        let token = pool.call("event.inject", s, "pool", .string(Refs.pool)).value?.stringValue
        #expect(token == pool.eventToken)
        let events = from(pool, s, ["pool"], before).value?["events"]?.arrayValue ?? []
        #expect(events.map { $0["operation"] } == ["mod"])
        #expect(pool.call("event.inject", s, "pool", "OpaqueRef:x").errorDescription == ["HANDLE_INVALID", "pool", "OpaqueRef:x"])
    }

    @Test func eventFromWaitsUntilTimeoutThenReturnsNothing() async {
        let pool = SimPool(database: makeDatabase())
        let s = XAPIValue.string(pool.login())
        let token = pool.eventToken
        let started = ContinuousClock.now
        let reply = await pool.serve(XAPICall(method: "event.from", params: [s, ["vm"], .string(token), 0.3]))
        #expect(ContinuousClock.now - started >= .milliseconds(290))
        #expect(reply.value?["events"] == [])
        #expect(reply.value?["token"]?.stringValue == token)
    }

    @Test func eventFromWakesOnAChange() async {
        let pool = SimPool(database: makeDatabase())
        let s = XAPIValue.string(pool.login())
        let token = pool.eventToken
        async let reply = pool.serve(XAPICall(method: "event.from", params: [s, ["vm"], .string(token), 10.0]))
        try? await Task.sleep(for: .milliseconds(100))
        _ = pool.call("host.set_name_label", s, .string(Refs.host1), "not watched")
        try? await Task.sleep(for: .milliseconds(100))
        _ = pool.call("VM.set_name_label", s, .string(Refs.web), "watched")
        let started = ContinuousClock.now
        let events = await reply.value?["events"]?.arrayValue ?? []
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(events.map { $0["ref"] } == [.string(Refs.web)])
    }

    @Test func registerAndNext() async {
        let (pool, _) = makePool()
        let session = pool.login()
        let s = XAPIValue.string(session)
        #expect(pool.call("event.next", s).errorDescription == ["SESSION_NOT_REGISTERED", session])
        #expect(pool.call("event.register", s, ["vm"]).value == "")
        _ = pool.call("VM.set_name_label", s, .string(Refs.web), "a")
        _ = pool.call("VM.set_name_label", s, .string(Refs.web), "b")
        let events = pool.call("event.next", s).value?.arrayValue ?? []
        #expect(events.count == 2)
        #expect(events.first?["obj_uuid"] == "uuid-web")
        #expect(pool.call("event.next", s).value == [])
        #expect(pool.call("event.unregister", s, ["vm"]).value == "")
        #expect(pool.call("event.next", s).errorDescription == ["SESSION_NOT_REGISTERED", session])
    }

    @Test func nextOverflowRaisesEventsLost() {
        let (pool, _) = makePool { $0.eventQueueLimit = 5 }
        let s = XAPIValue.string(pool.login())
        _ = pool.call("event.register", s, ["*"])
        for index in 0..<6 { _ = pool.call("VM.set_name_label", s, .string(Refs.web), .string("n\(index)")) }
        #expect(pool.call("event.next", s).errorDescription == ["EVENTS_LOST"])
    }

    @Test func messagesComeThroughEvents() {
        let (pool, _) = makePool()
        let s = XAPIValue.string(pool.login())
        let token = pool.eventToken
        let ref = pool.addMessage(name: "ALARM", priority: 3, className: "VM", objectUUID: "uuid-web", body: "cpu high")
        let events = from(pool, s, ["message"], token).value?["events"]?.arrayValue ?? []
        #expect(events.map { $0["ref"] } == [.string(ref)])
        #expect(events.first?["snapshot"]?["name"] == "ALARM")
        #expect(pool.call("message.get_since", s, .dateTime(.epoch)).value?.structValue?.count == 1)
        #expect(pool.call("message.destroy", s, .string(ref)).value == "")
        let after = from(pool, s, ["message"], token).value
        #expect(after?["events"] == [])
        #expect(after?["token"]?.stringValue?.hasSuffix(",00000000000000000002") == true)
    }
}
