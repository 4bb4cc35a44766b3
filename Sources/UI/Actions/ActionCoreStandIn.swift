// TEMPORARY stand-in for the shared action core (Sources/Inventory/Actions, branch vmcli),
// written to its documented API so that the UI compiles before the core is merged.
// Deleted when `vmcli` is merged.
import Inventory
import XAPI

public enum ActionTargetClass: String, Sendable { case vm = "VM", host, sr = "SR" }

public enum ObjectAction: String, CaseIterable, Sendable {
    case start, startOn = "start-on", shutdown, hardShutdown = "hard-shutdown", reboot, hardReboot = "hard-reboot",
         suspend, resume, pause, unpause, snapshot, clone, migrate, destroy
    case hostDisable = "host-disable", hostEnable = "host-enable", hostReboot = "host-reboot", hostShutdown = "host-shutdown"
    case srScan = "sr-scan"

    public var targetClass: ActionTargetClass {
        switch self {
        case .hostDisable, .hostEnable, .hostReboot, .hostShutdown: .host
        case .srScan: .sr
        default: .vm
        }
    }
    public var asyncCall: String {
        switch self {
        case .start: "Async.VM.start"
        case .startOn: "Async.VM.start_on"
        case .shutdown: "Async.VM.clean_shutdown"
        case .hardShutdown: "Async.VM.hard_shutdown"
        case .reboot: "Async.VM.clean_reboot"
        case .hardReboot: "Async.VM.hard_reboot"
        case .suspend: "Async.VM.suspend"
        case .resume: "Async.VM.resume"
        case .pause: "Async.VM.pause"
        case .unpause: "Async.VM.unpause"
        case .snapshot: "Async.VM.snapshot"
        case .clone: "Async.VM.clone"
        case .migrate: "Async.VM.pool_migrate"
        case .destroy: "Async.VM.destroy"
        case .hostDisable: "Async.host.disable"
        case .hostEnable: "Async.host.enable"
        case .hostReboot: "Async.host.reboot"
        case .hostShutdown: "Async.host.shutdown"
        case .srScan: "Async.SR.scan"
        }
    }
    public var allowedOperation: String? {
        switch self {
        case .start: "start"
        case .startOn: "start_on"
        case .shutdown: "clean_shutdown"
        case .hardShutdown: "hard_shutdown"
        case .reboot: "clean_reboot"
        case .hardReboot: "hard_reboot"
        case .migrate: "pool_migrate"
        case .hostDisable, .hostEnable: nil
        case .hostReboot: "reboot"
        case .hostShutdown: "shutdown"
        case .srScan: "scan"
        default: rawValue
        }
    }
    public var isDangerous: Bool { [.hardShutdown, .hardReboot, .destroy, .hostReboot, .hostShutdown].contains(self) }
    public var isMutating: Bool { true }
    public var needsHost: Bool { self == .startOn || self == .migrate }
    public var needsName: Bool { self == .snapshot || self == .clone }
    public var label: String {
        switch self {
        case .startOn: "start on"
        case .hardShutdown: "hard shutdown"
        case .shutdown: "clean shutdown"
        case .reboot: "clean reboot"
        case .hardReboot: "hard reboot"
        case .hostDisable: "disable host"
        case .hostEnable: "enable host"
        case .hostReboot: "reboot host"
        case .hostShutdown: "shut host down"
        case .srScan: "scan SR"
        default: rawValue
        }
    }
    public var commandName: String? { targetClass == .vm ? rawValue : nil }
}

public struct ActionHost: Sendable, Hashable {
    public var ref: String
    public var name: String
    public init(ref: String, name: String) {
        self.ref = ref
        self.name = name
    }
}

public struct ActionRequest: Sendable, Hashable {
    public var action: ObjectAction
    public var pool: String
    public var target: LogObject
    public var targetRef: String
    public var host: ActionHost?
    public var newName: String?
    public var parameters: [XAPIValue]
    public var xe: String

    public init(action: ObjectAction, pool: String, target: LogObject, targetRef: String, host: ActionHost? = nil, newName: String? = nil) {
        self.action = action
        self.pool = pool
        self.target = target
        self.targetRef = targetRef
        self.host = host
        self.newName = newName
        let ref = XAPIValue.string(targetRef)
        switch action {
        case .start: parameters = [ref, .bool(false), .bool(false)]
        case .startOn: parameters = [ref, .string(host?.ref ?? ""), .bool(false), .bool(false)]
        case .migrate: parameters = [ref, .string(host?.ref ?? ""), .structure(["live": .string("true")])]
        case .snapshot, .clone: parameters = [ref, .string(newName ?? "")]
        default: parameters = [ref]
        }
        xe = "xe \(action.rawValue) uuid=\(target.uuid ?? "")"
    }

    public static func refusal(_ action: ObjectAction, target allowedOperations: [String], readOnly: Bool) -> String? {
        if readOnly { return "read-only mode: \(action.label) changes the pool" }
        guard let operation = action.allowedOperation else { return nil }
        if allowedOperations.contains(operation) { return nil }
        return "\(operation) is not in its allowed_operations now"
    }
}
