import Synchronization
import Testing
import XAPI
import XAPISim

@testable import Inventory

/// The action runner with a real session against the in-process simulator.
@Suite("Action core: runner against the simulator", .serialized)
struct ActionRunnerSimulatorTests {
    struct Running {
        let pool: SimPool
        let server: SimServer
        let session: XAPISession

        func stop() async {
            await session.logout()
            await server.stop()
        }

        func vm(_ ref: String) -> XAPIStruct { pool.database["VM"][ref] ?? [:] }

        /// A guest VM (no template, dom0 or snapshot) in `state` whose record allows `operation`.
        func guest(_ state: String, allowing operation: String) throws -> (ref: String, record: XAPIStruct) {
            let found = pool.database["VM"].first { _, vm in
                vm["is_a_template"]?.boolValue == false && vm["is_control_domain"]?.boolValue == false
                    && vm["is_a_snapshot"]?.boolValue == false && vm["power_state"]?.stringValue == state
                    && (vm["allowed_operations"]?.arrayValue ?? []).contains(.string(operation))
            }
            let (ref, record) = try #require(found)
            return (ref, record)
        }

        func request(_ action: ObjectAction, _ ref: String, host: ActionHost? = nil, name: String? = nil) throws
            -> ActionRequest
        {
            let record = vm(ref)
            return try ActionRequest(
                action: action, pool: "sim",
                target: LogObject(uuid: record["uuid"]?.stringValue, name: record["name_label"]?.stringValue),
                targetRef: ref, host: host, newName: name)
        }
    }

    static func start() async throws -> Running {
        let database = SimDatabase.generate(pools: 1, hosts: 2, vms: 12, seed: 21)[0]
        var options = SimPoolOptions()
        options.opSeconds = 0.3
        let pool = SimPool(database: database, options: options)
        let server = SimServer(pools: [pool])
        let listeners = try await server.start(host: "127.0.0.1", port: 0)
        let session = try XAPISession(url: listeners[0].url, password: .value("password"))
        return Running(pool: pool, server: server, session: session)
    }

    @Test func startFollowsTheTaskToSuccess() async throws {
        let sim = try await Self.start()
        let (ref, _) = try sim.guest("Halted", allowing: "start")
        let runner = ActionRunner(session: sim.session, pollInterval: .milliseconds(50))
        let task = try await runner.start(try sim.request(.start, ref))
        #expect(task.rawValue.hasPrefix("OpaqueRef:"))
        let seen = Mutex<[Double]>([])
        let outcome = try await runner.wait(for: task) { value in seen.withLock { $0.append(value) } }
        guard case .success(_, let seconds) = outcome else {
            Issue.record("expected success, got \(outcome)")
            await sim.stop()
            return
        }
        #expect(seconds > 0.1)
        #expect(sim.vm(ref)["power_state"]?.stringValue == "Running")
        let progress = seen.withLock { $0 }
        #expect(progress.last == 1)
        #expect(progress == progress.sorted())
        await sim.stop()
    }

    @Test func snapshotReturnsTheNewVM() async throws {
        let sim = try await Self.start()
        let (ref, _) = try sim.guest("Running", allowing: "snapshot")
        let runner = ActionRunner(session: sim.session, pollInterval: .milliseconds(50))
        let task = try await runner.start(try sim.request(.snapshot, ref, name: "before-upgrade"))
        let outcome = try await runner.wait(for: task) { _ in }
        guard case .success(let result, _) = outcome else {
            Issue.record("expected success, got \(outcome)")
            await sim.stop()
            return
        }
        let snapshot = sim.vm(result)
        #expect(snapshot["name_label"]?.stringValue == "before-upgrade")
        #expect(snapshot["is_a_snapshot"]?.boolValue == true)
        await sim.stop()
    }

    @Test func aFailedTaskGivesXAPIsError() async throws {
        let sim = try await Self.start()
        // Allowed when asked, failing by the time it runs: the VM is started by someone else first.
        let (ref, _) = try sim.guest("Halted", allowing: "start")
        let runner = ActionRunner(session: sim.session, pollInterval: .milliseconds(50))
        let request = try sim.request(.start, ref)
        let first = try await runner.start(request)
        let second = try await runner.start(request)
        _ = try await runner.wait(for: first) { _ in }
        let outcome = try await runner.wait(for: second) { _ in }
        guard case .failure(let error, _) = outcome else {
            Issue.record("expected failure, got \(outcome)")
            await sim.stop()
            return
        }
        #expect(error.code == "OTHER_OPERATION_IN_PROGRESS" || error.code == "VM_BAD_POWER_STATE")
        #expect(error.call == "Async.VM.start")
        await sim.stop()
    }

    @Test func aWrongPowerStateFailsTheTask() async throws {
        let sim = try await Self.start()
        let (ref, _) = try sim.guest("Running", allowing: "clean_shutdown")
        let runner = ActionRunner(session: sim.session, pollInterval: .milliseconds(50))
        let task = try await runner.start(try sim.request(.start, ref))
        let outcome = try await runner.wait(for: task) { _ in }
        #expect(outcome == .failure(
            XAPIError(code: "VM_BAD_POWER_STATE", params: [ref, "halted", "running"], call: "Async.VM.start", object: ref),
            seconds: outcome.seconds))
        await sim.stop()
    }

    @Test func hostDisableAndSRScanRun() async throws {
        let sim = try await Self.start()
        let runner = ActionRunner(session: sim.session, pollInterval: .milliseconds(50))
        let (hostRef, host) = try #require(sim.pool.database["host"].elements.first)
        let disable = try ActionRequest(
            action: .hostDisable, pool: "sim",
            target: LogObject(uuid: host["uuid"]?.stringValue, name: host["name_label"]?.stringValue),
            targetRef: hostRef)
        let outcome = try await runner.wait(for: try await runner.start(disable)) { _ in }
        #expect(outcome.status == "success")
        #expect(sim.pool.database["host"][hostRef]?["enabled"]?.boolValue == false)
        let (srRef, _) = try #require(sim.pool.database["SR"].elements.first)
        let scan = try ActionRequest(action: .srScan, pool: "sim", target: LogObject(), targetRef: srRef)
        #expect(try await runner.wait(for: try await runner.start(scan)) { _ in }.status == "success")
        await sim.stop()
    }

    @Test func aCallXAPIRefusesThrowsWithCallAndObject() async throws {
        let sim = try await Self.start()
        let runner = ActionRunner(session: sim.session)
        let missing = "OpaqueRef:00000000-dead-beef-0000-000000000000"
        let request = try ActionRequest(action: .start, pool: "sim", target: LogObject(name: "ghost"), targetRef: missing)
        do {
            let task = try await runner.start(request)
            // xapi reports a bad handle through the task; either way the error names the object.
            let outcome = try await runner.wait(for: task) { _ in }
            guard case .failure(let error, _) = outcome else {
                Issue.record("expected a failure, got \(outcome)")
                await sim.stop()
                return
            }
            #expect(error.code == "HANDLE_INVALID")
        } catch let error as XAPIError {
            #expect(error.code == "HANDLE_INVALID")
            #expect(error.call == "Async.VM.start")
            #expect(error.object == missing)
        }
        await sim.stop()
    }
}
