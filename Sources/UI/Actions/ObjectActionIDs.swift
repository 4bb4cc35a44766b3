import Inventory

/// The keymap ids of the object actions (`vm.start`, `host.disable`) and the shared action
/// core's `ObjectAction`s they run.
enum ObjectActionIDs {
    static let byID: [ActionID: ObjectAction] = [
        "vm.start": .start, "vm.start_on": .startOn, "vm.shutdown": .shutdown, "vm.hard_shutdown": .hardShutdown,
        "vm.reboot": .reboot, "vm.hard_reboot": .hardReboot, "vm.suspend": .suspend, "vm.resume": .resume,
        "vm.pause": .pause, "vm.unpause": .unpause, "vm.snapshot": .snapshot, "vm.clone": .clone,
        "vm.migrate": .migrate, "vm.destroy": .destroy,
        "host.disable": .hostDisable, "host.enable": .hostEnable, "host.reboot": .hostReboot, "host.shutdown": .hostShutdown,
        "sr.scan": .srScan,
    ]

    static func action(_ id: ActionID) -> ObjectAction? { byID[id] }

    /// The `:vm` words (`start`, `hard-shutdown`…, and `start-on`, which asks for the host).
    static var vmCommandNames: [String] {
        ObjectAction.vmCommandNames + [ObjectAction.startOn.rawValue]
    }

    static func vmAction(named name: String) -> ObjectAction? {
        ObjectAction.vmAction(command: name, withHost: false)
    }
}
