import Foundation
import TestSupport
import Testing

/// What `xentui vm` leaves in the persistent log (PRODUCT §5).
@Suite(.serialized)
struct VMCommandLogTests {
    @Test func everyStartAndEndIsLoggedPrivatelyWithoutThePassword() async throws {
        let f = try await VMCommandFixture.start()
        defer { f.stop() }
        let halted = try f.guest("Halted")
        let running = try f.guest("Running")
        let started = try await f.xentui(["vm", "start", halted.name, "--wait"])
        #expect(started.status == 0, "\(started.all)")
        let refused = try await f.xentui(["vm", "suspend", halted.uuid, running.uuid, "--wait"])
        #expect(refused.status == 0, "both are running now: \(refused.all)")
        let failed = try await f.xentui(["vm", "unpause", running.name, "--wait"])
        #expect(failed.status == 1)

        let entries = try f.logEntries()
        #expect(entries.map { $0["kind"] as? String } == ["action", "task", "action", "action", "task", "task", "error"])
        let first = entries[0]
        #expect(first["level"] as? String == "info")
        #expect(first["call"] as? String == "VM.start")
        #expect(first["status"] as? String == "pending")
        #expect(first["pool"] as? String == "127.0.0.1")
        let object = first["object"] as? [String: Any]
        #expect(object?["class"] as? String == "VM" && object?["uuid"] as? String == halted.uuid
            && object?["name"] as? String == halted.name)
        #expect(first["xe"] as? String == "xe vm-start uuid=\(halted.uuid)")
        let task = try #require(first["task"] as? String)
        #expect(task.hasPrefix("OpaqueRef:"))
        #expect(try f.raw.allRecords("task")[task]?["name_label"] as? String == "Async.VM.start")
        let end = entries[1]
        #expect(end["task"] as? String == task && end["status"] as? String == "success")
        #expect(entries[4...5].allSatisfy { $0["call"] as? String == "VM.suspend" && $0["status"] as? String == "success" })

        let last = entries[6]
        #expect(last["level"] as? String == "error" && last["status"] as? String == "failure")
        #expect(last["error"] as? [String] == ["VM_BAD_POWER_STATE", running.ref, "paused", "suspended"])
        #expect((last["message"] as? String)?.contains(running.name) == true)
        #expect(last["xe"] as? String == "xe vm-unpause uuid=\(running.uuid)")

        let attributes = try FileManager.default.attributesOfItem(atPath: f.logPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(!f.logText().contains(VMCommandFixture.secret))
        #expect(!f.outputs.all.contains(VMCommandFixture.secret))
    }
}
