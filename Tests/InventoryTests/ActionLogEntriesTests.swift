import Testing
import XAPI

@testable import Inventory

@Suite("Action core: log entries")
struct ActionLogEntriesTests {
    static let ts = LogTimestamp(millisecondsSinceEpoch: 1_795_000_000_000)
    static let task: Ref<TaskRecord> = "OpaqueRef:task-1"

    @Test func startedIsAnActionEntry() throws {
        let request = try ActionCoreTests.request(.startOn, host: true)
        let entry = ActionLogEntries.started(request, task: Self.task, at: Self.ts)
        #expect(entry.kind == .action)
        #expect(entry.level == .info)
        #expect(entry.pool == "prod")
        #expect(entry.object == LogObject(className: "VM", uuid: ActionCoreTests.vmUUID, name: "web-01"))
        #expect(entry.call == "VM.start_on")
        #expect(entry.task == "OpaqueRef:task-1")
        #expect(entry.status == "pending")
        #expect(entry.message == "start on host web-01 on host-2")
        #expect(entry.xe == request.xe)
        #expect(entry.ts == Self.ts)
    }

    @Test func successIsATaskEntryWithItsDuration() throws {
        let request = try ActionCoreTests.request(.snapshot, name: "nightly")
        let entry = ActionLogEntries.finished(
            request, task: Self.task, outcome: .success(result: "OpaqueRef:new", seconds: 1.24), at: Self.ts)
        #expect(entry.kind == .task)
        #expect(entry.level == .info)
        #expect(entry.status == "success")
        #expect(entry.error == nil)
        #expect(entry.message == "snapshot web-01 as 'nightly': done, took 1.2s (new VM OpaqueRef:new)")
    }

    @Test func failureCarriesTheErrorTheExplanationAndXe() throws {
        let request = try ActionCoreTests.request(.start)
        let error = XAPIError(
            code: "VM_BAD_POWER_STATE", params: [ActionCoreTests.vmRef, "halted", "running"], call: "Async.VM.start")
        let entry = ActionLogEntries.finished(request, task: Self.task, outcome: .failure(error, seconds: 0.3), at: Self.ts)
        #expect(entry.kind == .task)
        #expect(entry.level == .error)
        #expect(entry.status == "failure")
        #expect(entry.error == ["VM_BAD_POWER_STATE", ActionCoreTests.vmRef, "halted", "running"])
        let message = try #require(entry.message)
        #expect(message.contains("web-01"))
        #expect(message == ActionLogEntries.detail(error, request).logMessage)
        #expect(entry.xe == "xe vm-start uuid=\(ActionCoreTests.vmUUID)")
    }

    @Test func cancelledIsAWarning() throws {
        let entry = ActionLogEntries.finished(
            try ActionCoreTests.request(.shutdown), task: Self.task, outcome: .cancelled(seconds: 2), at: Self.ts)
        #expect(entry.level == .warn)
        #expect(entry.status == "cancelled")
    }

    @Test func failedToStartIsAnErrorEntry() throws {
        let request = try ActionCoreTests.request(.destroy)
        let error = XAPIError(code: "OPERATION_BLOCKED", params: [ActionCoreTests.vmRef, "protected"])
        let entry = ActionLogEntries.failedToStart(request, error: error, at: Self.ts)
        #expect(entry.kind == .error)
        #expect(entry.level == .error)
        #expect(entry.task == nil)
        #expect(entry.error == ["OPERATION_BLOCKED", ActionCoreTests.vmRef, "protected"])
        #expect(entry.xe == "xe vm-destroy uuid=\(ActionCoreTests.vmUUID)")
        struct Unreachable: Error {}
        let other = ActionLogEntries.failedToStart(request, error: Unreachable(), at: Self.ts)
        #expect(other.error == nil)
        #expect(other.message?.hasPrefix("destroy web-01 could not be started") == true)
    }

    @Test func entriesRoundTripThroughTheLogFile() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        let log = scratch.log()
        let request = try ActionCoreTests.request(.migrate, host: true)
        let entries = [
            ActionLogEntries.started(request, task: Self.task, at: Self.ts),
            ActionLogEntries.finished(request, task: Self.task, outcome: .success(result: "", seconds: 3), at: Self.ts),
        ]
        for entry in entries { try log.append(entry) }
        #expect(log.read(last: 10).entries == entries)
    }
}
