import Foundation
import TestSupport
import Testing

/// `xentui vm` against a real `xapi-sim` process: every action checked in the simulator's
/// own state, read back over raw JSON-RPC.
@Suite(.serialized)
struct VMCommandTests {
    @Test func powerActionsChangeTheSimulatorsState() async throws {
        let f = try await VMCommandFixture.start()
        defer { f.stop() }
        let halted = try f.guest("Halted")
        var run = try await f.xentui(["vm", "start", halted.name, "--wait"])
        #expect(run.status == 0, "\(run.all)")
        #expect(run.stdout.contains("start \(halted.name)") && run.stdout.contains("✓ done"))
        #expect(try f.vm(halted.ref)?["power_state"] as? String == "Running")

        run = try await f.xentui(["vm", "shutdown", halted.uuid, "--wait"])
        #expect(run.status == 0, "\(run.all)")
        #expect(try f.vm(halted.ref)?["power_state"] as? String == "Halted")

        let running = try f.guest("Running")
        run = try await f.xentui(["vm", "hard-shutdown", running.name, "--yes", "--wait"])
        #expect(run.status == 0, "\(run.all)")
        #expect(try f.vm(running.ref)?["power_state"] as? String == "Halted")

        let other = try f.guest("Running")
        for (action, state) in [("suspend", "Suspended"), ("resume", "Running"), ("pause", "Paused"), ("unpause", "Running")] {
            run = try await f.xentui(["vm", action, other.name, "--wait"])
            #expect(run.status == 0, "\(action): \(run.all)")
            #expect(try f.vm(other.ref)?["power_state"] as? String == state, "\(action)")
        }

        for arguments in [["reboot"], ["hard-reboot", "--yes"]] {
            let domid = try f.vm(other.ref)?["domid"] as? Int
            run = try await f.xentui(["vm"] + arguments + [other.name, "--wait"])
            #expect(run.status == 0, "\(arguments): \(run.all)")
            let after = try f.vm(other.ref)
            #expect(after?["power_state"] as? String == "Running", "\(arguments)")
            #expect(after?["domid"] as? Int != domid, "\(arguments): a reboot makes a new domain")
        }
        #expect(!f.outputs.all.contains(VMCommandFixture.secret))
        #expect(!f.logText().contains(VMCommandFixture.secret))
    }

    @Test func startOnAndMigrateUseTheChosenHost() async throws {
        let f = try await VMCommandFixture.start()
        defer { f.stop() }
        let halted = try f.guest("Halted")
        let hosts = try f.hosts().sorted { ($0.value["name_label"] as? String ?? "") < ($1.value["name_label"] as? String ?? "") }
        try #require(hosts.count >= 2)
        let first = hosts[0]
        let second = hosts[1]
        var run = try await f.xentui(["vm", "start", halted.name, "--on", first.value["name_label"] as? String ?? "", "--wait"])
        #expect(run.status == 0, "\(run.all)")
        var vm = try f.vm(halted.ref)
        #expect(vm?["power_state"] as? String == "Running")
        #expect(vm?["resident_on"] as? String == first.key)

        run = try await f.xentui(["vm", "migrate", halted.uuid, "--to", second.value["uuid"] as? String ?? "", "--wait"])
        #expect(run.status == 0, "\(run.all)")
        vm = try f.vm(halted.ref)
        #expect(vm?["resident_on"] as? String == second.key)

        run = try await f.xentui(["vm", "migrate", halted.name, "--to", "no-such-host"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no-such-host") && run.stderr.contains(first.value["name_label"] as? String ?? "?"))
        run = try await f.xentui(["vm", "migrate", halted.name])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--to HOST"))
    }

    @Test func snapshotCloneAndDestroy() async throws {
        let f = try await VMCommandFixture.start()
        defer { f.stop() }
        let running = try f.guest("Running")
        var run = try await f.xentui(["vm", "snapshot", running.name, "--name", "before upgrade", "--wait"])
        #expect(run.status == 0, "\(run.all)")
        let snapshot = try f.raw.allRecords("VM").first { $0.value["name_label"] as? String == "before upgrade" }
        #expect(snapshot?.value["is_a_snapshot"] as? Bool == true)
        #expect(snapshot?.value["snapshot_of"] as? String == running.ref)

        let halted = try f.guest("Halted")
        run = try await f.xentui(["vm", "clone", halted.name, "--name", "clone-of-test", "--wait"])
        #expect(run.status == 0, "\(run.all)")
        let clone = try #require(try f.raw.allRecords("VM").first { $0.value["name_label"] as? String == "clone-of-test" })
        #expect(clone.value["is_a_snapshot"] as? Bool == false)

        run = try await f.xentui(["vm", "destroy", "clone-of-test", "--yes", "--wait"])
        #expect(run.status == 0, "\(run.all)")
        #expect(try f.vm(clone.key) == nil)

        run = try await f.xentui(["vm", "snapshot", running.name])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--name"))
    }

    @Test func withoutWaitItPrintsTheTaskAndEnds() async throws {
        let f = try await VMCommandFixture.start()
        defer { f.stop() }
        let halted = try f.guest("Halted")
        let run = try await f.xentui(["vm", "start", halted.name])
        #expect(run.status == 0, "\(run.all)")
        let task = try #require(run.stdout.split(separator: " ").first.map(String.init))
        #expect(task.hasPrefix("OpaqueRef:"))
        let record = try f.raw.allRecords("task")[task]
        #expect(record?["name_label"] as? String == "Async.VM.start")
        #expect(try f.eventually { try f.vm(halted.ref)?["power_state"] as? String == "Running" })
        let entries = try f.logEntries()
        #expect(entries.count == 1)
        #expect(entries.first?["kind"] as? String == "action" && entries.first?["task"] as? String == task)
    }

    @Test func aWrongPowerStateExits1WithTheWholeExplanation() async throws {
        let f = try await VMCommandFixture.start()
        defer { f.stop() }
        let running = try f.guest("Running")
        let run = try await f.xentui(["vm", "start", running.name, "--wait"])
        #expect(run.status == 1)
        let text = run.stderr
        #expect(text.contains("error code: VM_BAD_POWER_STATE \(running.ref) halted running"), "\(text)")
        #expect(text.contains("vm = \(running.ref) (\(running.name))"))
        #expect(text.contains("expected = halted") && text.contains("actual = running"))
        #expect(text.contains("What happened: \(running.name) is running, but start needs it halted"))
        #expect(text.contains("xe: xe vm-start uuid=\(running.uuid)"))
        #expect(try f.vm(running.ref)?["power_state"] as? String == "Running")
        let entry = try #require(try f.logEntries().last)
        #expect(entry["level"] as? String == "error" && entry["status"] as? String == "failure")
        #expect(entry["error"] as? [String] == ["VM_BAD_POWER_STATE", running.ref, "halted", "running"])
        #expect(entry["xe"] as? String == "xe vm-start uuid=\(running.uuid)")
    }

    @Test func aTaskThatFailsOnThePoolExits1() async throws {
        let f = try await VMCommandFixture.start()
        defer { f.stop() }
        let running = try f.guest("Running")
        let (hostRef, host) = try #require(try f.hosts().first { $0.key != (try? f.vm(running.ref))?["resident_on"] as? String })
        try f.call("host.disable", [hostRef])
        let run = try await f.xentui(["vm", "migrate", running.name, "--to", host["name_label"] as? String ?? "", "--wait"])
        #expect(run.status == 1, "\(run.all)")
        #expect(run.stdout.contains("✗ HOST_DISABLED"))
        #expect(run.stderr.contains("error code: HOST_DISABLED \(hostRef)"))
        #expect(run.stderr.contains("xe: xe vm-migrate uuid=\(running.uuid) host-uuid=\(host["uuid"] as? String ?? "?") live=true"))
        let entries = try f.logEntries()
        #expect(entries.map { $0["kind"] as? String } == ["action", "task"])
        #expect(entries.last?["status"] as? String == "failure")
        #expect((entries.last?["error"] as? [String])?.first == "HOST_DISABLED")
        #expect(entries.last?["task"] as? String == entries.first?["task"] as? String)
    }

    @Test func filterStartsEveryMatchingVMAndNoTemplate() async throws {
        let f = try await VMCommandFixture.start()
        defer { f.stop() }
        let halted = try f.guests().filter { $0.value["power_state"] as? String == "Halted" }
        try #require(halted.count >= 2)
        let templates = try f.raw.allRecords("VM").filter { $0.value["is_a_template"] as? Bool == true }
        let run = try await f.xentui(["vm", "start", "--filter", "power_state:Halted", "--wait"])
        #expect(run.status == 0, "\(run.all)")
        #expect(run.stdout.split(separator: "\n").count == halted.count)
        for (ref, vm) in halted {
            #expect(try f.vm(ref)?["power_state"] as? String == "Running", "\(vm["name_label"] ?? ref)")
        }
        let after = try f.raw.allRecords("VM")
        for (ref, template) in templates {
            #expect(after[ref]?["power_state"] as? String == template["power_state"] as? String)
        }
        #expect(try f.logEntries().count == 2 * halted.count)
        let none = try await f.xentui(["vm", "start", "--filter", "power_state:Halted"])
        #expect(none.status == 0)
        #expect(none.stderr.contains("no VM matches"))
    }

    @Test func anAmbiguousOrUnknownNameIsRefusedWithTheCandidates() async throws {
        let f = try await VMCommandFixture.start()
        defer { f.stop() }
        let first = try f.guest("Running")
        let second = try f.guest("Running", skipping: [first.name])
        try f.call("VM.set_name_label", [second.ref, first.name])
        var run = try await f.xentui(["vm", "shutdown", first.name])
        #expect(run.status == 2)
        #expect(run.stderr.contains("names 2 VMs"))
        #expect(run.stderr.contains(first.uuid) && run.stderr.contains(second.uuid))
        #expect(try f.vm(first.ref)?["power_state"] as? String == "Running")
        #expect(try f.vm(second.ref)?["power_state"] as? String == "Running")
        // The uuid settles it.
        run = try await f.xentui(["vm", "shutdown", second.uuid, "--wait"])
        #expect(run.status == 0, "\(run.all)")
        #expect(try f.vm(second.ref)?["power_state"] as? String == "Halted")
        run = try await f.xentui(["vm", "start", "nobody-has-this-name"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("nobody-has-this-name"))
        run = try await f.xentui(["vm", "explode", first.uuid])
        #expect(run.status == 2)
        #expect(run.stderr.contains("hard-shutdown"))
    }

    @Test func dangerousActionsNeedYesWithoutATerminal() async throws {
        let f = try await VMCommandFixture.start()
        defer { f.stop() }
        let running = try f.guest("Running")
        let halted = try f.guest("Halted")
        for (action, vm) in [("hard-shutdown", running), ("hard-reboot", running), ("destroy", halted)] {
            let run = try await f.xentui(["vm", action, vm.name, "--wait"])
            #expect(run.status == 2, "\(action)")
            #expect(run.stderr.contains("no terminal") && run.stderr.contains("--yes"), "\(action): \(run.stderr)")
        }
        #expect(try f.vm(running.ref)?["power_state"] as? String == "Running")
        #expect(try f.vm(halted.ref) != nil)
        #expect(try f.logEntries().isEmpty)
    }

    @Test func onATerminalTheQuestionNamesEveryTarget() async throws {
        let f = try await VMCommandFixture.start()
        defer { f.stop() }
        let first = try f.guest("Running")
        let second = try f.guest("Running", skipping: [first.name])
        let command = BuildPaths.executable("xentui").path
            + " vm hard-shutdown \(first.name) \(second.uuid) --url \(f.url) --password-env XENTUI_TEST_PASSWORD --wait"
        let environment = ["XENTUI_TEST_PASSWORD": VMCommandFixture.secret, "XENTUI_STATE_DIR": f.state]
        let declined = try await Xentui.runOnTerminal(command, answer: "n", environment: environment)
        #expect(declined.all.contains("these 2 VMs"), "\(declined.all)")
        #expect(declined.all.contains(first.uuid) && declined.all.contains(second.name))
        #expect(declined.all.contains("not confirmed"))
        #expect(try f.vm(first.ref)?["power_state"] as? String == "Running")
        let accepted = try await Xentui.runOnTerminal(command, answer: "y", environment: environment)
        #expect(accepted.all.contains("✓ done"), "\(accepted.all)")
        // One progress line per target, redrawn in place: back up two rows, then each line from its start.
        #expect(accepted.all.contains("\u{1B}[2A\r"), "\(accepted.all)")
        #expect(accepted.all.contains("%\u{1B}[K"))
        #expect(try f.vm(first.ref)?["power_state"] as? String == "Halted")
        #expect(try f.vm(second.ref)?["power_state"] as? String == "Halted")
        #expect(!declined.all.contains(VMCommandFixture.secret) && !accepted.all.contains(VMCommandFixture.secret))
    }

    @Test func readOnlyRefusesAndSaysWhy() async throws {
        let f = try await VMCommandFixture.start()
        defer { f.stop() }
        let halted = try f.guest("Halted")
        var run = try await f.xentui(["vm", "start", halted.name, "--read-only", "--wait"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("read-only"), "\(run.stderr)")
        #expect(try f.vm(halted.ref)?["power_state"] as? String == "Halted")

        let folder = try TemporaryFolder.make()
        let config = folder + "/config.toml"
        try "[[pool]]\nname = \"lab\"\nurl = \"\(f.url)\"\nread_only = true\n".write(toFile: config, atomically: true, encoding: .utf8)
        run = try await f.xentui(
            ["vm", "start", halted.name, "--config", config, "--pool", "lab", "--password-env", "XENTUI_TEST_PASSWORD"],
            connect: false)
        #expect(run.status == 2, "\(run.all)")
        #expect(run.stderr.contains("read-only") && run.stderr.contains("lab"), "\(run.stderr)")
        #expect(try f.vm(halted.ref)?["power_state"] as? String == "Halted")
        #expect(try f.logEntries().isEmpty)
    }
}
