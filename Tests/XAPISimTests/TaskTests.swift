import Testing
import XAPI

@testable import XAPISim

@Suite struct TaskTests {
    @Test func asyncStartProgressesToSuccess() {
        let (pool, clock) = makePool()
        let s = XAPIValue.string(pool.login())
        let task = pool.call("Async.VM.start", s, .string(Refs.web), false, false).value?.stringValue ?? ""
        var record = pool.record("task", task)
        #expect(record["status"] == "pending")
        #expect(record["name_label"] == "Async.VM.start")
        #expect(record["allowed_operations"] == ["cancel"])
        #expect(record["other_config"] == ["applies_to": .string(Refs.web)])
        #expect(pool.record("VM", Refs.web)["current_operations"] == .structure([task: "start"]))
        #expect(pool.record("VM", Refs.web)["allowed_operations"] == [])
        #expect(
            pool.call("VM.start", s, .string(Refs.web), false, false).errorDescription
                == ["OTHER_OPERATION_IN_PROGRESS", "VM", Refs.web, "start", task])

        clock.advance(1)
        pool.tick()
        record = pool.record("task", task)
        #expect(record["status"] == "pending")
        #expect((record["progress"]?.doubleValue ?? 0) >= 0.4)
        #expect((record["progress"]?.doubleValue ?? 1) < 1)

        clock.advance(1.5)
        pool.tick()
        record = pool.record("task", task)
        #expect(record["status"] == "success")
        #expect(record["progress"] == 1.0)
        #expect(record["result"] == "")
        #expect(record["finished"] != .dateTime(.epoch))
        #expect(pool.record("VM", Refs.web)["power_state"] == "Running")
        #expect(pool.record("VM", Refs.web)["current_operations"] == [:])
        #expect(pool.record("VM", Refs.web).refs("allowed_operations").contains("clean_shutdown"))
        #expect(pool.call("task.get_status", s, .string(task)).value == "success")
    }

    @Test func asyncCloneReturnsTheRefAsXMLRPC() {
        let (pool, clock) = makePool()
        let s = XAPIValue.string(pool.login())
        let task = pool.call("Async.VM.clone", s, .string(Refs.web), "copy").value?.stringValue ?? ""
        clock.advance(3)
        pool.tick()
        let result = pool.record("task", task).string("result")
        #expect(result.hasPrefix("<value>OpaqueRef:") && result.hasSuffix("</value>"))
        let ref = String(result.dropFirst("<value>".count).dropLast("</value>".count))
        #expect(pool.record("VM", ref)["name_label"] == "copy")
    }

    @Test func failingAsyncCallFailsItsTask() {
        let (pool, _) = makePool()
        let s = XAPIValue.string(pool.login())
        let task = pool.call("Async.VM.clean_shutdown", s, .string(Refs.web)).value?.stringValue ?? ""
        let record = pool.record("task", task)
        #expect(record["status"] == "failure")
        #expect(record["error_info"] == ["VM_BAD_POWER_STATE", .string(Refs.web), "running", "halted"])
        #expect(record["allowed_operations"] == [])
    }

    @Test func cancelAndDestroy() {
        let (pool, clock) = makePool()
        let s = XAPIValue.string(pool.login())
        let task = pool.call("Async.VM.start", s, .string(Refs.web), false, false).value?.stringValue ?? ""
        #expect(pool.call("task.cancel", s, .string(task)).value == "")
        #expect(pool.record("task", task)["status"] == "cancelling")
        clock.advance(0.1)
        pool.tick()
        #expect(pool.record("task", task)["status"] == "cancelled")
        #expect(pool.record("task", task)["error_info"] == ["TASK_CANCELLED", .string(task)])
        #expect(pool.record("VM", Refs.web)["power_state"] == "Halted")
        #expect(pool.record("VM", Refs.web)["current_operations"] == [:])
        #expect(pool.call("task.cancel", s, .string(task)).errorDescription?.first == "OPERATION_NOT_ALLOWED")
        #expect(pool.call("task.destroy", s, .string(task)).value == "")
        #expect(pool.call("task.get_record", s, .string(task)).errorDescription == ["HANDLE_INVALID", "task", .init(task)])
    }

    @Test func progressEmitsTaskEvents() {
        let (pool, clock) = makePool()
        let s = XAPIValue.string(pool.login())
        let token = pool.eventToken
        let task = pool.call("Async.VM.start", s, .string(Refs.web), false, false).value?.stringValue ?? ""
        var progressEvents = 0
        var next = token
        for _ in 0..<8 {
            clock.advance(0.3)
            pool.tick()
            let reply = pool.call("event.from", s, ["task"], .string(next), 0.0).value
            next = reply?["token"]?.stringValue ?? next
            progressEvents += reply?["events"]?.arrayValue?.filter { $0["ref"] == .string(task) }.count ?? 0
        }
        #expect(progressEvents >= 5)
        #expect(pool.record("task", task)["status"] == "success")
    }
}
