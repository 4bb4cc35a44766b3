import Testing
import XAPI

@testable import Inventory

@Suite("Action core: actions, requests, refusals")
struct ActionCoreTests {
    static let vmRef = "OpaqueRef:11111111-0000-0000-0000-000000000001"
    static let vmUUID = "5f2c0a4e-1111-4b7a-9a63-0c6f1d2e3a41"
    static let hostRef = "OpaqueRef:22222222-0000-0000-0000-000000000002"
    static let hostUUID = "7d1e9b2c-2222-4c8d-8e1f-1a2b3c4d5e6f"

    static func request(_ action: ObjectAction, host: Bool = false, name: String? = nil) throws -> ActionRequest {
        try ActionRequest(
            action: action, pool: "prod", target: LogObject(uuid: vmUUID, name: "web-01"), targetRef: vmRef,
            host: host ? ActionHost(ref: hostRef, name: "host-2", uuid: hostUUID) : nil, newName: name)
    }

    @Test func everyActionNamesItsAsyncCallAndOperation() {
        let expected: [ObjectAction: (String, String?)] = [
            .start: ("Async.VM.start", "start"), .startOn: ("Async.VM.start_on", "start_on"),
            .shutdown: ("Async.VM.clean_shutdown", "clean_shutdown"),
            .hardShutdown: ("Async.VM.hard_shutdown", "hard_shutdown"),
            .reboot: ("Async.VM.clean_reboot", "clean_reboot"), .hardReboot: ("Async.VM.hard_reboot", "hard_reboot"),
            .suspend: ("Async.VM.suspend", "suspend"), .resume: ("Async.VM.resume", "resume"),
            .pause: ("Async.VM.pause", "pause"), .unpause: ("Async.VM.unpause", "unpause"),
            .snapshot: ("Async.VM.snapshot", "snapshot"), .clone: ("Async.VM.clone", "clone"),
            .migrate: ("Async.VM.pool_migrate", "pool_migrate"), .destroy: ("Async.VM.destroy", "destroy"),
            .hostDisable: ("Async.host.disable", nil), .hostEnable: ("Async.host.enable", nil),
            .hostReboot: ("Async.host.reboot", "reboot"), .hostShutdown: ("Async.host.shutdown", "shutdown"),
            .srScan: ("Async.SR.scan", "scan"),
        ]
        #expect(Set(expected.keys) == Set(ObjectAction.allCases))
        for (action, (call, operation)) in expected {
            #expect(action.asyncCall == call, "\(action)")
            #expect(action.allowedOperation == operation, "\(action)")
        }
    }

    @Test func dangerNeedsAndClasses() {
        #expect(ObjectAction.allCases.filter(\.isDangerous) == [.hardShutdown, .hardReboot, .destroy, .hostReboot, .hostShutdown])
        #expect(ObjectAction.allCases.filter(\.needsHost) == [.startOn, .migrate])
        #expect(ObjectAction.allCases.filter(\.needsName) == [.snapshot, .clone])
        #expect(ObjectAction.allCases.allSatisfy { $0.isMutating })
        #expect(ObjectAction.hostDisable.targetClass == .host)
        #expect(ObjectAction.srScan.targetClass == .sr)
        #expect(ObjectAction.srScan.commandName == nil)
        #expect(ObjectAction.shutdown.label == "clean shutdown")
    }

    @Test func commandNamesAreThoseOfProduct() {
        #expect(
            ObjectAction.vmCommandNames == [
                "start", "shutdown", "hard-shutdown", "reboot", "hard-reboot", "suspend", "resume", "pause", "unpause",
                "snapshot", "clone", "migrate", "destroy",
            ])
        #expect(ObjectAction.vmAction(command: "start", withHost: true) == .startOn)
        #expect(ObjectAction.vmAction(command: "start", withHost: false) == .start)
        #expect(ObjectAction.vmAction(command: "Hard-Shutdown", withHost: false) == .hardShutdown)
        #expect(ObjectAction.vmAction(command: "host-reboot", withHost: false) == nil)
        #expect(ObjectAction.vmAction(command: "explode", withHost: false) == nil)
    }

    @Test func parametersFollowTheDatamodel() throws {
        #expect(try Self.request(.start).parameters == [.string(Self.vmRef), .bool(false), .bool(false)])
        #expect(
            try Self.request(.startOn, host: true).parameters == [
                .string(Self.vmRef), .string(Self.hostRef), .bool(false), .bool(false),
            ])
        #expect(
            try Self.request(.migrate, host: true).parameters == [
                .string(Self.vmRef), .string(Self.hostRef), .structure(["live": "true"]),
            ])
        #expect(try Self.request(.snapshot, name: "nightly").parameters == [.string(Self.vmRef), "nightly"])
        #expect(try Self.request(.clone, name: "copy").parameters == [.string(Self.vmRef), "copy"])
        #expect(try Self.request(.resume).parameters == [.string(Self.vmRef), .bool(false), .bool(false)])
        #expect(try Self.request(.destroy).parameters == [.string(Self.vmRef)])
        // A host or name given to an action that takes none is dropped.
        let start = try Self.request(.start, host: true, name: "x")
        #expect(start.host == nil && start.newName == nil)
        #expect(start.target.className == "VM")
    }

    @Test func missingHostOrNameIsAnError() {
        #expect(throws: ActionRequestError.missingHost(.migrate)) { try Self.request(.migrate) }
        #expect(throws: ActionRequestError.missingName(.snapshot)) { try Self.request(.snapshot) }
        #expect(throws: ActionRequestError.missingName(.clone)) { try Self.request(.clone, name: "") }
        #expect(ActionRequestError.missingHost(.startOn).description.contains("--on HOST"))
    }

    @Test func xeLinesUseUUIDsNeverRefs() throws {
        #expect(try Self.request(.start).xe == "xe vm-start uuid=\(Self.vmUUID)")
        #expect(try Self.request(.startOn, host: true).xe == "xe vm-start uuid=\(Self.vmUUID) on=\(Self.hostUUID)")
        #expect(
            try Self.request(.migrate, host: true).xe
                == "xe vm-migrate uuid=\(Self.vmUUID) host-uuid=\(Self.hostUUID) live=true")
        #expect(try Self.request(.hardShutdown).xe == "xe vm-shutdown uuid=\(Self.vmUUID) --force")
        #expect(
            try Self.request(.snapshot, name: "night ly").xe
                == "xe vm-snapshot uuid=\(Self.vmUUID) new-name-label='night ly'")
        let host = try ActionRequest(
            action: .hostDisable, pool: "prod", target: LogObject(uuid: Self.hostUUID, name: "host-2"),
            targetRef: Self.hostRef)
        #expect(host.xe == "xe host-disable uuid=\(Self.hostUUID)")
        #expect(host.target.className == "host")
        // Without the uuid there is no honest xe line.
        let unknown = try ActionRequest(action: .start, pool: "p", target: LogObject(name: "a"), targetRef: Self.vmRef)
        #expect(unknown.xe == "")
    }

    @Test func refusalNamesReadOnlyAndAllowedOperations() {
        let readOnly = ActionRequest.refusal(.start, target: ["start"], readOnly: true)
        #expect(readOnly?.hasPrefix("read-only mode") == true)
        #expect(ActionRequest.refusal(.start, target: ["start", "clone"], readOnly: false) == nil)
        let refused = ActionRequest.refusal(.start, target: ["clean_shutdown", "hard_shutdown"], readOnly: false)
        #expect(refused == "OPERATION_NOT_ALLOWED: start is not in the VM's allowed_operations now (allowed: clean_shutdown, hard_shutdown)")
        // Enable and disable have no allowed operation of their own.
        #expect(ActionRequest.refusal(.hostEnable, target: [], readOnly: false) == nil)
        #expect(ActionRequest.refusal(.hostReboot, target: ["evacuate"], readOnly: false) != nil)
    }

    @Test func refusalErrorsAreXAPIs() throws {
        let badState = try #require(
            ActionRequest.refusalError(
                .start, targetRef: Self.vmRef, allowedOperations: ["clean_shutdown"], powerState: "Running"))
        #expect(badState.code == "VM_BAD_POWER_STATE")
        #expect(badState.params == [Self.vmRef, "halted", "running"])
        #expect(badState.call == "Async.VM.start")
        #expect(badState.object == Self.vmRef)
        let busy = try #require(
            ActionRequest.refusalError(
                .shutdown, targetRef: Self.vmRef, allowedOperations: [], powerState: "Running",
                currentOperations: ["OpaqueRef:t": "clean_reboot"]))
        #expect(busy.errorDescription == ["OTHER_OPERATION_IN_PROGRESS", "VM", Self.vmRef, "clean_reboot", "OpaqueRef:t"])
        let other = try #require(
            ActionRequest.refusalError(.snapshot, targetRef: Self.vmRef, allowedOperations: [], powerState: "Halted"))
        #expect(other.code == "OPERATION_NOT_ALLOWED")
        #expect(ActionRequest.refusalError(.start, targetRef: Self.vmRef, allowedOperations: ["start"]) == nil)
    }

    @Test func taskResultsAreUnwrapped() {
        #expect(ActionRunner.unwrappedResult("<value>OpaqueRef:abc</value>") == "OpaqueRef:abc")
        #expect(ActionRunner.unwrappedResult("<value>a &lt;b&gt; &amp; c</value>") == "a <b> & c")
        #expect(ActionRunner.unwrappedResult("") == "")
    }
}
