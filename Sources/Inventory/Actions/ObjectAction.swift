/// What an action acts on; the raw values are XAPI's class names.
public enum ActionTargetClass: String, Sendable {
    case vm = "VM", host, sr = "SR"
}

/// One object action of PRODUCT §1/§3, with everything needed to run, check, explain and log it.
/// The raw values are the names the CLI and command mode use.
public enum ObjectAction: String, CaseIterable, Sendable {
    // VM (the `xentui vm ACTION` names)
    case start, startOn = "start-on", shutdown, hardShutdown = "hard-shutdown", reboot, hardReboot = "hard-reboot",
        suspend, resume, pause, unpause, snapshot, clone, migrate, destroy
    // host
    case hostDisable = "host-disable", hostEnable = "host-enable", hostReboot = "host-reboot",
        hostShutdown = "host-shutdown"
    // SR
    case srScan = "sr-scan"

    public var targetClass: ActionTargetClass {
        switch self {
        case .hostDisable, .hostEnable, .hostReboot, .hostShutdown: .host
        case .srScan: .sr
        default: .vm
        }
    }

    /// The XAPI method without `Async.`: `VM.clean_shutdown`, `host.disable`, `SR.scan`.
    public var call: String { targetClass.rawValue + "." + method }

    /// The XAPI call, always the Async one: `Async.VM.start`, `Async.VM.pool_migrate`, `Async.SR.scan`…
    public var asyncCall: String { "Async." + call }

    /// The method name in the class.
    var method: String {
        switch self {
        case .start: "start"
        case .startOn: "start_on"
        case .shutdown: "clean_shutdown"
        case .hardShutdown: "hard_shutdown"
        case .reboot: "clean_reboot"
        case .hardReboot: "hard_reboot"
        case .suspend: "suspend"
        case .resume: "resume"
        case .pause: "pause"
        case .unpause: "unpause"
        case .snapshot: "snapshot"
        case .clone: "clone"
        case .migrate: "pool_migrate"
        case .destroy: "destroy"
        case .hostDisable: "disable"
        case .hostEnable: "enable"
        case .hostReboot: "reboot"
        case .hostShutdown: "shutdown"
        case .srScan: "scan"
        }
    }

    /// The value of the target's `allowed_operations` that permits it (`start`, `clean_shutdown`,
    /// `pool_migrate`, `scan`…); nil when XAPI has no such operation (host enable/disable).
    public var allowedOperation: String? {
        switch self {
        case .hostDisable, .hostEnable: nil
        default: method
        }
    }

    /// Hard shutdown/reboot, destroy, host reboot/shutdown: a confirmation naming the targets.
    public var isDangerous: Bool {
        switch self {
        case .hardShutdown, .hardReboot, .destroy, .hostReboot, .hostShutdown: true
        default: false
        }
    }

    /// Everything here changes something (read-only mode refuses all of them).
    public var isMutating: Bool { true }

    /// Needs a host: `startOn`, `migrate`.
    public var needsHost: Bool { self == .startOn || self == .migrate }

    /// Needs a name for the new VM: `snapshot`, `clone`.
    public var needsName: Bool { self == .snapshot || self == .clone }

    /// Short words for the menu and the log: "start", "clean shutdown", "migrate"…
    public var label: String {
        switch self {
        case .start: "start"
        case .startOn: "start on host"
        case .shutdown: "clean shutdown"
        case .hardShutdown: "hard shutdown"
        case .reboot: "clean reboot"
        case .hardReboot: "hard reboot"
        case .suspend: "suspend"
        case .resume: "resume"
        case .pause: "pause"
        case .unpause: "unpause"
        case .snapshot: "snapshot"
        case .clone: "clone"
        case .migrate: "migrate"
        case .destroy: "destroy"
        case .hostDisable: "disable (maintenance)"
        case .hostEnable: "enable"
        case .hostReboot: "reboot host"
        case .hostShutdown: "shut down host"
        case .srScan: "scan"
        }
    }

    /// The `xentui vm` action name, for VM actions (nil otherwise). `startOn` is `start` with `--on`.
    public var commandName: String? {
        switch targetClass {
        case .vm: self == .startOn ? "start" : rawValue
        case .host, .sr: nil
        }
    }

    /// The VM action a `xentui vm` (or `:vm`) name means: `start` with a host is `startOn`;
    /// `start-on` is accepted too. Nil for an unknown name.
    public static func vmAction(command: String, withHost: Bool) -> ObjectAction? {
        guard let action = ObjectAction(rawValue: command.lowercased()), action.targetClass == .vm else { return nil }
        if action == .start && withHost { return .startOn }
        return action
    }

    /// The `xentui vm` action names, in menu order.
    public static var vmCommandNames: [String] {
        allCases.filter { $0.targetClass == .vm && $0 != .startOn }.compactMap(\.commandName)
    }
}
