import Testing
import XAPI

@testable import XAPISim

@Suite struct LifecycleTests {
    private func ops(_ pool: SimPool, _ vm: String) -> Set<String> {
        Set(pool.record("VM", vm).refs("allowed_operations"))
    }

    @Test func startThenStartAgain() {
        let (pool, _) = makePool()
        let s = XAPIValue.string(pool.login())
        #expect(pool.call("VM.start", s, .string(Refs.web), false, false).value == "")
        let vm = pool.record("VM", Refs.web)
        #expect(vm["power_state"] == "Running")
        // host-2 has all its memory free, host-1 holds dom0 and db.
        #expect(vm["resident_on"] == .string(Refs.host2))
        #expect(vm.int("domid") > 0)
        #expect(pool.record("host", Refs.host2).refs("resident_VMs") == [Refs.web])
        #expect(pool.record("VM_metrics", Refs.webMetrics)["memory_actual"] == .int(4 * gib))
        #expect(pool.record("VM_metrics", Refs.webMetrics)["start_time"] != .dateTime(.epoch))
        #expect(pool.record("VM_guest_metrics", Refs.webGuest)["live"] == true)
        #expect(
            pool.call("VM.start", s, .string(Refs.web), false, false).errorDescription
                == ["VM_BAD_POWER_STATE", Refs.web, "halted", "running"])
    }

    @Test func fullCycleWithAllowedOperationsKeptTrue() {
        let (pool, _) = makePool()
        let s = XAPIValue.string(pool.login())
        let web = XAPIValue.string(Refs.web)
        #expect(ops(pool, Refs.web).isSuperset(of: ["start", "start_on", "clone", "copy", "snapshot", "destroy"]))
        #expect(!ops(pool, Refs.web).contains("clean_shutdown"))
        _ = pool.call("VM.start", s, web, true, false)
        #expect(pool.record("VM", Refs.web)["power_state"] == "Paused")
        #expect(ops(pool, Refs.web) == ["unpause", "hard_shutdown", "hard_reboot", "snapshot"])
        #expect(pool.call("VM.unpause", s, web).value == "")
        #expect(ops(pool, Refs.web).isSuperset(of: ["clean_shutdown", "hard_shutdown", "clean_reboot", "hard_reboot", "suspend", "pause", "pool_migrate", "snapshot"]))
        #expect(!ops(pool, Refs.web).contains("start"))
        let domid = pool.record("VM", Refs.web).int("domid")
        #expect(pool.call("VM.clean_reboot", s, web).value == "")
        #expect(pool.record("VM", Refs.web).int("domid") != domid)
        #expect(pool.call("VM.suspend", s, web).value == "")
        #expect(pool.record("VM", Refs.web)["power_state"] == "Suspended")
        #expect(pool.record("VM", Refs.web)["resident_on"] == "OpaqueRef:NULL")
        #expect(ops(pool, Refs.web).isSuperset(of: ["resume", "resume_on", "hard_shutdown"]))
        #expect(pool.call("VM.resume_on", s, web, .string(Refs.host1), false, false).value == "")
        #expect(pool.record("VM", Refs.web)["resident_on"] == .string(Refs.host1))
        #expect(pool.call("VM.pause", s, web).value == "")
        #expect(pool.call("VM.clean_shutdown", s, web).errorDescription == ["VM_BAD_POWER_STATE", Refs.web, "running", "paused"])
        #expect(pool.call("VM.hard_shutdown", s, web).value == "")
        let halted = pool.record("VM", Refs.web)
        #expect(halted["power_state"] == "Halted")
        #expect(halted["resident_on"] == "OpaqueRef:NULL")
        #expect(halted["domid"] == -1)
        #expect(!pool.record("host", Refs.host1).refs("resident_VMs").contains(Refs.web))
        #expect(pool.call("VM.hard_shutdown", s, web).errorDescription == ["VM_BAD_POWER_STATE", Refs.web, "running;paused;suspended", "halted"])
    }

    @Test func templatesRefuseLifecycle() {
        let (pool, _) = makePool()
        let s = XAPIValue.string(pool.login())
        #expect(pool.call("VM.start", s, .string(Refs.template), false, false).errorDescription == ["VM_IS_TEMPLATE", Refs.template, "start"])
        #expect(ops(pool, Refs.template) == ["clone", "copy", "destroy"])
    }

    @Test func blockedOperations() {
        let (pool, _) = makePool()
        let s = XAPIValue.string(pool.login())
        _ = pool.call("VM.add_to_blocked_operations", s, .string(Refs.web), "start", "maintenance")
        #expect(!ops(pool, Refs.web).contains("start"))
        #expect(pool.call("VM.start", s, .string(Refs.web), false, false).errorDescription == ["OPERATION_BLOCKED", Refs.web, "maintenance"])
    }

    @Test func notEnoughMemory() {
        let (pool, _) = makePool()
        let s = XAPIValue.string(pool.login())
        #expect(
            pool.call("VM.start", s, .string(Refs.big), false, false).errorDescription
                == ["HOST_NOT_ENOUGH_FREE_MEMORY", String(32 * gib), String(16 * gib)])
        // host-1 has 16 - 2 (dom0) - 8 (db) = 6 GiB free: web (4 GiB) fits, then only 2 GiB are left.
        #expect(pool.call("VM.start_on", s, .string(Refs.web), .string(Refs.host1), false, false).value == "")
        #expect(
            pool.call("VM.start_on", s, .string(Refs.big), .string(Refs.host1), false, false).errorDescription
                == ["HOST_NOT_ENOUGH_FREE_MEMORY", String(32 * gib), String(2 * gib)])
    }

    @Test func disabledAndOfflineHostsRefuseStartOn() {
        let (pool, _) = makePool()
        let s = XAPIValue.string(pool.login())
        #expect(pool.call("host.disable", s, .string(Refs.host2)).value == "")
        #expect(pool.record("host", Refs.host2)["enabled"] == false)
        #expect(
            pool.call("VM.start_on", s, .string(Refs.web), .string(Refs.host2), false, false).errorDescription
                == ["HOST_DISABLED", Refs.host2])
        // With host-2 disabled, start picks host-1.
        #expect(pool.call("VM.start", s, .string(Refs.web), false, false).value == "")
        #expect(pool.record("VM", Refs.web)["resident_on"] == .string(Refs.host1))
        #expect(pool.call("host.enable", s, .string(Refs.host2)).value == "")
        #expect(pool.call("VM.pool_migrate", s, .string(Refs.web), .string(Refs.host2), [:]).value == "")
        #expect(pool.record("VM", Refs.web)["resident_on"] == .string(Refs.host2))
        #expect(pool.record("host", Refs.host2).refs("resident_VMs") == [Refs.web])
        #expect(!pool.record("host", Refs.host1).refs("resident_VMs").contains(Refs.web))
    }

    @Test func offlineHostRefusesStartOn() {
        var database = makeDatabase()
        database["host_metrics"][Refs.hostMetrics2]?["live"] = false
        let pool = SimPool(database: database)
        let s = XAPIValue.string(pool.login())
        #expect(
            pool.call("VM.start_on", s, .string(Refs.web), .string(Refs.host2), false, false).errorDescription
                == ["HOST_OFFLINE", Refs.host2])
        #expect(pool.call("VM.start", s, .string(Refs.web), false, false).value == "")
        #expect(pool.record("VM", Refs.web)["resident_on"] == .string(Refs.host1))
    }

    @Test func snapshotCloneCopyDestroy() {
        let (pool, _) = makePool()
        let s = XAPIValue.string(pool.login())
        let web = XAPIValue.string(Refs.web)
        let snapshot = pool.call("VM.snapshot", s, web, "before upgrade").value?.stringValue ?? ""
        let snap = pool.record("VM", snapshot)
        #expect(snap["is_a_snapshot"] == true)
        #expect(snap["snapshot_of"] == web)
        #expect(snap["name_label"] == "before upgrade")
        #expect(pool.record("VM", Refs.web).refs("snapshots") == [snapshot])
        let snapVDI = pool.record("VBD", snap.refs("VBDs").first ?? "").string("VDI")
        #expect(snapVDI != Refs.vdi)
        #expect(pool.record("VDI", snapVDI)["snapshot_of"] == .string(Refs.vdi))
        #expect(pool.call("VM.start", s, .string(snapshot), false, false).errorDescription == ["VM_IS_TEMPLATE", snapshot, "start"])

        let clone = pool.call("VM.clone", s, web, "web-2").value?.stringValue ?? ""
        #expect(pool.record("VM", clone)["is_a_snapshot"] == false)
        #expect(pool.record("VM", clone).refs("VIFs").count == 1)
        let copy = pool.call("VM.copy", s, web, "web-3", .string(Refs.sr2)).value?.stringValue ?? ""
        let copyVDI = pool.record("VBD", pool.record("VM", copy).refs("VBDs").first ?? "").string("VDI")
        #expect(pool.record("VDI", copyVDI)["SR"] == .string(Refs.sr2))
        #expect(pool.record("SR", Refs.sr2).refs("VDIs") == [copyVDI])

        _ = pool.call("VM.start", s, web, false, false)
        #expect(pool.call("VM.destroy", s, web).errorDescription == ["VM_BAD_POWER_STATE", Refs.web, "halted", "running"])
        _ = pool.call("VM.hard_shutdown", s, web)
        #expect(pool.call("VM.destroy", s, web).value == "")
        #expect(pool.database["VM"][Refs.web] == nil)
        #expect(pool.database["VBD"][Refs.vbd] == nil)
        #expect(pool.database["VIF"][Refs.vif] == nil)
        #expect(pool.database["VM_metrics"][Refs.webMetrics] == nil)
        #expect(pool.record("VM", snapshot)["snapshot_of"] == "OpaqueRef:NULL")
        #expect(pool.record("VDI", Refs.vdi).refs("VBDs").isEmpty)
        #expect(!pool.record("network", Refs.network).refs("VIFs").contains(Refs.vif))
    }
}
