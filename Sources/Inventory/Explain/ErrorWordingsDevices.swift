// Our wording for failures while a VM runs or changes hosts, and for its devices.
extension ErrorWording {
    static let deviceWordings: [ErrorWording] = [
        ErrorWording("VM_CRASHED", ["vm"]) { f in
            ErrorText(
                title: "The VM crashed during the operation",
                explanation:
                    "\(f.name(0, or: "The VM"))'s guest crashed while the operation was running, "
                    + "so the operation did not complete.",
                suggestion: "Look at the VM's console and its logs for the cause before starting it again.")
        },
        ErrorWording("VM_REBOOTED", ["vm"]) { f in
            ErrorText(
                title: "The VM rebooted during the operation",
                explanation:
                    "\(f.name(0, or: "The VM")) rebooted by itself while the operation was running, which interrupted it.",
                suggestion: "Retry once the VM is up again.")
        },
        ErrorWording("VM_HALTED", ["vm"]) { f in
            ErrorText(
                title: "The VM stopped during the operation",
                explanation:
                    "\(f.name(0, or: "The VM")) halted unexpectedly while the operation was running (the guest may have shut itself down).",
                suggestion: "Check the VM's state and start it again if needed.")
        },
        ErrorWording("VM_MEMORY_SIZE_TOO_LOW", ["vm"]) { f in
            ErrorText(
                title: "The VM has too little memory to start",
                explanation: "\(f.name(0, or: "The VM")) is configured with less memory than it needs to boot.",
                suggestion: "Raise its memory (static and dynamic limits), then start it.")
        },
        ErrorWording("VM_UNSAFE_BOOT", ["vm"]) { f in
            ErrorText(
                title: "Starting the VM here looks unsafe",
                explanation: "XAPI judged that \(f.name(0, or: "the VM")) may not run safely on this host: its CPU may "
                    + "lack features the VM expects.",
                suggestion: "Start it on a host with a matching CPU, or force the start if you accept the risk.")
        },
        ErrorWording("VM_INCOMPATIBLE_WITH_THIS_HOST", ["vm", "host", "reason"]) { f in
            ErrorText(
                title: "The host's CPU does not suit the VM",
                explanation: SentenceText.withDetail(
                    "\(f.name(0, or: "The VM")) needs CPU features that \(f.name(1, or: "this host")) does not offer",
                    f.detail(2)),
                suggestion: "Choose a host with the same or a newer CPU, or shut the VM down and start it on that host."
            )
        },
        ErrorWording("VM_REQUIRES_VDI", ["vm", "vdi"]) { f in
            ErrorText(
                title: "One of the VM's disks cannot be attached",
                explanation: "\(f.name(0, or: "The VM")) cannot start because \(f.name(1, or: "one of its disks")) "
                    + "cannot be attached; its SR may be unplugged, or the disk is in use elsewhere.",
                suggestion: "Check the disk's SR and that no other VM uses the disk, then retry.")
        },
        ErrorWording("VDI_NOT_AVAILABLE", ["vdi"]) { f in
            ErrorText(
                title: "The disk could not be attached",
                explanation:
                    "\(f.name(0, or: "The disk")) could not be attached to the VM; its storage may be unreachable.",
                suggestion: "Rescan or repair its SR, then retry.")
        },
        ErrorWording("VBD_NOT_UNPLUGGABLE", ["vbd"]) { _ in
            ErrorText(
                title: "This drive cannot be removed while the VM runs",
                explanation:
                    "The virtual drive is not marked as unpluggable, so it cannot be detached from a running VM.",
                suggestion: "Shut the VM down first, or set the drive's unpluggable flag.")
        },
        ErrorWording("VBD_IS_EMPTY", ["vbd"]) { _ in
            ErrorText(
                title: "The drive is empty",
                explanation: "The virtual CD drive has no disc in it, so there is nothing to eject or use.",
                suggestion: "Insert an ISO first.")
        },
        ErrorWording("VM_NO_EMPTY_CD_VBD", ["vm"]) { f in
            ErrorText(
                title: "The VM has no free CD drive",
                explanation: "\(f.name(0, or: "The VM")) has no empty virtual CD drive to put the ISO in.",
                suggestion: "Eject the current ISO, or add a CD drive to the VM.")
        },
        ErrorWording("DEVICE_ALREADY_ATTACHED", ["device"]) { f in
            ErrorText(
                title: "The device is already attached",
                explanation: "\(f.name(0, or: "The device")) is already plugged into its VM.",
                suggestion: nil)
        },
        ErrorWording("DEVICE_DETACH_REJECTED", ["type", "ref", "msg"]) { f in
            ErrorText(
                title: "The guest refused to release the device",
                explanation: SentenceText.withDetail(
                    "The VM's guest did not let go of the \(f.detail(0) ?? "device")", f.detail(2))
                    + " A disk in use by a mounted file system is the usual cause.",
                suggestion: "Unmount or stop using the device inside the guest, then retry.")
        },
        ErrorWording("HOST_EVACUATE_IN_PROGRESS", ["host"], transient: true) { f in
            ErrorText(
                title: "The host is being evacuated",
                explanation:
                    "\(f.name(0, or: "The host")) is moving its VMs away right now, so it takes no other operation.",
                suggestion: "Wait for the evacuation to finish, then retry.")
        },
        ErrorWording("TOO_MANY_STORAGE_MIGRATES", ["number"], transient: true) { f in
            ErrorText(
                title: "Too many storage migrations at once",
                explanation:
                    "The pool already runs \(f.detail(0) ?? "the maximum number of") storage migrations, the most it allows at a time.",
                suggestion: "Wait for one to finish, then retry.")
        },
        ErrorWording("SR_UNHEALTHY", ["sr", "health", "fix"]) { f in
            ErrorText(
                title: "The SR is unhealthy",
                explanation:
                    "\(f.name(0, or: "The SR")) reports its health as \(f.detail(1) ?? "not healthy"), so the operation was refused.",
                suggestion: f.detail(2) ?? "Check the SR's storage and the host's /var/log/SMlog.")
        },
        ErrorWording("PIF_IS_MANAGEMENT_INTERFACE", ["PIF"]) { _ in
            ErrorText(
                title: "This is the management interface",
                explanation:
                    "The network interface carries the host's management traffic; changing it this way would cut the host off from the pool.",
                suggestion: "Move management to another interface first (host management reconfigure).")
        },
        ErrorWording("XENAPI_PLUGIN_FAILURE", ["status", "stdout", "stderr"]) { f in
            ErrorText(
                title: "A host plug-in failed",
                explanation: SentenceText.withDetail(
                    "A plug-in script on the host failed\(f.detail(0).map { " (\($0))" } ?? "")",
                    f.detail(2) ?? f.detail(1)),
                suggestion: "Check the plug-in's log on the host (/var/log/xensource.log).")
        },
    ]
}
