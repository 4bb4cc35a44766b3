import TestSupport
import Testing
import XAPI

@testable import XAPISim

@Suite struct PoolBehaviourTests {
    @Test func churnIsDeterministicForASeedAndEmitsEvents() {
        func run(seed: UInt64) -> (SimDatabase, Int64) {
            let clock = ManualClock()
            var options = SimPoolOptions()
            options.clock = clock.clock
            var state = SimState(database: makeDatabase(), options: options)
            var random = SimRandom(seed: seed)
            for _ in 0..<200 {
                state.churnStep(&random)
                clock.advance(0.1)
                state.tick()
            }
            return (state.database, state.generation)
        }
        let (first, generation) = run(seed: 7)
        let (second, _) = run(seed: 7)
        let (other, _) = run(seed: 8)
        #expect(generation > 50)
        #expect(first == second)
        #expect(first != other)
        #expect(!(first["message"].isEmpty))
        #expect(!(first["task"].isEmpty))
    }

    @Test(.ownThread) func churnCleansUpItsTasks() {
        let clock = ManualClock()
        var options = SimPoolOptions()
        options.clock = clock.clock
        options.opSeconds = 1
        var state = SimState(database: makeDatabase(), options: options)
        var random = SimRandom(seed: 3)
        for _ in 0..<3000 {
            state.churnStep(&random)
            clock.advance(0.1)
            state.tick()
        }
        // About 500 tasks were started over 300 s; only those of the last ~30 s remain.
        #expect(state.database["task"].count < 120)
        #expect(state.database["message"].count <= SimState.churnMessageLimit)
    }

    @Test func latencyDelaysEveryCall() async {
        var options = SimPoolOptions()
        options.latencyMilliseconds = 200
        let pool = SimPool(database: makeDatabase(), options: options)
        let started = ContinuousClock.now
        let reply = await pool.serve(XAPICall(method: "system.listMethods", params: []))
        #expect(reply.value != nil)
        #expect(ContinuousClock.now - started >= .milliseconds(195))
    }

    @Test func failedLoginIsDelayed() async {
        var options = SimPoolOptions()
        options.loginFailureDelay = 0.3
        let pool = SimPool(database: makeDatabase(), options: options)
        let started = ContinuousClock.now
        let reply = await pool.serve(XAPICall(method: "session.login_with_password", params: ["root", "bad"]))
        #expect(reply.errorDescription?.first == "SESSION_AUTHENTICATION_FAILED")
        #expect(ContinuousClock.now - started >= .milliseconds(295))
    }

    @Test func tickerFinishesTasksInRealTime() async throws {
        var options = SimPoolOptions()
        options.opSeconds = 1
        let pool = SimPool(database: makeDatabase(), options: options)
        pool.startTicking(interval: 0.05)
        defer { pool.stopBackground() }
        let s = XAPIValue.string(pool.login())
        let task = pool.call("Async.VM.start", s, .string(Refs.web), false, false).value?.stringValue ?? ""
        // A watcher sees the task's progress and end through event.from.
        var token = pool.eventToken
        var statuses: [String] = []
        let deadline = ContinuousClock.now + .seconds(5)
        while !statuses.contains("success"), ContinuousClock.now < deadline {
            let reply = await pool.serve(XAPICall(method: "event.from", params: [s, ["task"], .string(token), 1.0]))
            token = reply.value?["token"]?.stringValue ?? token
            for event in reply.value?["events"]?.arrayValue ?? [] where event["ref"] == .string(task) {
                statuses.append(event["snapshot"]?["status"]?.stringValue ?? "")
            }
        }
        // How many progress events arrive depends on scheduling (TaskTests checks them on a manual clock).
        #expect(statuses.last == "success")
        #expect(pool.record("VM", Refs.web)["power_state"] == "Running")
    }

    @Test func serverBindsOneListenerPerPool() async throws {
        let pools = [SimPool(database: makeDatabase()), SimPool(database: makeDatabase())]
        let server = SimServer(pools: pools)
        let listeners = try await server.start()
        #expect(listeners.count == 2)
        #expect(listeners[0].port != listeners[1].port)
        #expect(listeners.allSatisfy { $0.role == .master && $0.url.hasPrefix("http://127.0.0.1:") })
        #expect(server.ports == listeners.map(\.port))
        await server.stop()
    }
}
