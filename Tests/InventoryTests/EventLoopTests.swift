import Testing
import XAPI

@testable import Inventory

@Suite("Pool event loop against a scripted session")
struct EventLoopTests {
    static func world() -> FakePool.World {
        var world = FakePool.World()
        world.tables["pool"] = ["OpaqueRef:pool": PoolRecord().toXAPIValue()]
        world.tables["host"] = [
            "OpaqueRef:h1": FakePool.host("xen-a", address: "10.0.0.1"),
            "OpaqueRef:h2": FakePool.host("xen-b", address: "10.0.0.2"),
        ]
        world.tables["VM"] = ["OpaqueRef:v1": FakePool.vm("web", on: "OpaqueRef:h1"), "OpaqueRef:v2": FakePool.vm("db")]
        return world
    }

    @Test func loadsThenAppliesEvents() async throws {
        var world = Self.world()
        world.steps = [
            { _ in
                EventBatch(
                    events: [FakePool.event(.mod, vm: "OpaqueRef:v2", "db-renamed"), FakePool.event(.add, vm: "OpaqueRef:v3", "new")],
                    token: "t1", validRefCounts: [:])
            },
            { _ in EventBatch(events: [FakePool.event(.del, vm: "OpaqueRef:v1")], token: "t2", validRefCounts: [:]) },
        ]
        let pool = FakePool(world)
        let run = try SyncRun(pool: pool)
        let loaded = await run.waitFor { $0.kind == .reloaded }
        #expect(loaded?.inventory.vms.count == 2)
        #expect(loaded?.inventory.state == .live)
        #expect(loaded?.inventory.token == "inject-1")
        let last = await run.waitFor { $0.inventory.token == "t2" }
        await run.stop()
        let vms = last?.inventory.vms
        #expect(vms?.count == 2)
        #expect(vms?[Ref("OpaqueRef:v2")]?.name_label == "db-renamed")
        #expect(vms?[Ref("OpaqueRef:v1")] == nil)
        #expect(last?.kind == .events(["vm": ["OpaqueRef:v1"]]))
        #expect(pool.read { $0.eventTokens.prefix(3) } == ["inject-1", "t1", "t2"])
        #expect(pool.read { Set($0.fetched) }.count == 17)
    }

    @Test func eventsLostResyncsFromANewInject() async throws {
        var world = Self.world()
        world.steps = [
            { world in
                world.tables["VM"]?["OpaqueRef:v9"] = FakePool.vm("appeared while lost")
                throw XAPIError(code: "EVENTS_LOST", call: "event.from")
            }
        ]
        let pool = FakePool(world)
        let run = try SyncRun(pool: pool)
        let reloaded = await run.waitFor { $0.kind == .reloaded && $0.inventory.token == "inject-2" }
        await run.stop()
        #expect(reloaded?.inventory.vms.count == 3)
        #expect(pool.read { $0.logins.count } == 2)
        #expect(run.sleeps.withLock { $0 }.isEmpty)  // no backoff for a resync
    }

    @Test func sessionInvalidLogsInAgain() async throws {
        var world = Self.world()
        world.steps = [{ _ in throw XAPIError(code: "SESSION_INVALID", params: ["OpaqueRef:s"], call: "event.from") }]
        let pool = FakePool(world)
        let run = try SyncRun(pool: pool)
        let reloaded = await run.waitFor { $0.kind == .reloaded && $0.inventory.token == "inject-2" }
        await run.stop()
        #expect(reloaded != nil)
        #expect(pool.read { $0.logins } == ["10.0.0.1", "10.0.0.1"])
    }

    @Test func networkErrorsBackOffExponentially() async throws {
        var world = Self.world()
        world.steps = [
            { world in
                // The whole pool goes away for three attempts.
                world.down = ["10.0.0.1", "10.0.0.2"]
                throw XAPITransportError.connectionLost(url: "https://10.0.0.1/jsonrpc", message: "reset")
            }
        ]
        let pool = FakePool(world)
        let run = try SyncRun(pool: pool)
        _ = await run.waitFor { $0.inventory.state == .reconnecting(attempt: 3, error: $0.inventory.state.errorText) }
        let attempts = await run.waitFor {
            if case .reconnecting(let attempt, _) = $0.inventory.state { return attempt >= 4 }
            return false
        }
        pool.world.withLock { $0.down = [] }
        let back = await run.waitFor { $0.kind == .reloaded && $0.inventory.token == "inject-2" }
        await run.stop()
        #expect(attempts != nil)
        #expect(back != nil)
        #expect(Array(run.sleeps.withLock { $0 }.prefix(4)) == [1, 2, 4, 4])
        let firstError = run.changes.withLock { changes in
            changes.lazy.compactMap { change -> String? in
                if case .reconnecting(1, let error) = change.inventory.state { return error }
                return nil
            }.first
        }
        #expect(firstError == "connection to https://10.0.0.1/jsonrpc lost: reset")
    }

    @Test func failsOverToAnotherHostAddress() async throws {
        var world = Self.world()
        world.steps = [
            { world in
                world.down = ["10.0.0.1"]
                throw XAPITransportError.cannotConnect(url: "https://10.0.0.1/jsonrpc", message: "refused")
            }
        ]
        let pool = FakePool(world)
        let run = try SyncRun(pool: pool)
        let back = await run.waitFor { $0.kind == .reloaded && $0.inventory.token == "inject-2" }
        await run.stop()
        #expect(back?.inventory.master?.description == "https://10.0.0.2")
        #expect(pool.read { $0.logins } == ["10.0.0.1", "10.0.0.2"])
    }

    @Test func taskCountMismatchRefetchesTasks() async throws {
        var world = Self.world()
        world.steps = [
            { world in
                world.tables["task"] = ["OpaqueRef:t1": TaskRecord().toXAPIValue()]
                return EventBatch(events: [], token: "t1", validRefCounts: ["task": 1])
            }
        ]
        let pool = FakePool(world)
        let run = try SyncRun(pool: pool)
        let change = await run.waitFor { $0.inventory.tasks.count == 1 }
        await run.stop()
        #expect(change?.kind == .events(["task": ["OpaqueRef:t1"]]))
    }

    @Test func badCredentialsFailWithoutRetrying() async throws {
        var world = Self.world()
        world.loginError = XAPIError(code: "SESSION_AUTHENTICATION_FAILED", params: ["root", "Authentication failure"])
        let pool = FakePool(world)
        let run = try SyncRun(pool: pool)
        let failed = await run.waitFor { if case .failed = $0.inventory.state { true } else { false } }
        await run.stop()
        #expect(failed?.inventory.state == .failed(error: "SESSION_AUTHENTICATION_FAILED [root, Authentication failure]"))
        #expect(run.sleeps.withLock { $0 }.isEmpty)
    }

    @Test func untrustedCertificateFailsAtOnceWithThePin() async throws {
        var world = Self.world()
        world.loginError = XAPITransportError.tlsVerificationFailed(
            url: "https://10.0.0.1/jsonrpc", message: "self-signed certificate", fingerprint: "sha256//abc=")
        let pool = FakePool(world)
        let run = try SyncRun(pool: pool)
        let failed = await run.waitFor { if case .failed = $0.inventory.state { true } else { false } }
        await run.stop()
        guard case .failed(let message)? = failed?.inventory.state else {
            Issue.record("expected the pool to fail")
            return
        }
        #expect(message.contains("pin = \"sha256//abc=\""))
        #expect(run.sleeps.withLock { $0 }.isEmpty)
    }

    @Test func backoffDoublesUpToTheMaximum() {
        let backoff = Backoff()
        #expect((1...7).map { backoff.delay(attempt: $0) } == [1, 2, 4, 8, 16, 30, 30])
    }
}

extension ConnectionState {
    var errorText: String {
        if case .reconnecting(_, let error) = self { return error }
        return ""
    }
}
