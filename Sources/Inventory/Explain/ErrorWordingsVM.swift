// Our wording for the errors of VM operations.
extension ErrorWording {
    static let vmWordings: [ErrorWording] = [
        ErrorWording("VM_BAD_POWER_STATE", ["vm", "expected", "actual"]) { f in
            let vm = f.name(0, or: "The VM")
            let actual = f.raw(2)?.lowercased() ?? ""
            let needed = f.action.map { "\($0) needs it" } ?? "this operation needs it"
            let suggestion: String
            switch actual {
            case "running": suggestion = "Shut it down first (or reboot it, if a restart is what you want)."
            case "halted": suggestion = "Start it first."
            case "suspended": suggestion = "Resume it first, or hard shutdown to throw away its saved memory."
            case "paused": suggestion = "Unpause it first, or hard shutdown it."
            default: suggestion = "Refresh and check the VM's power state, then choose an operation that fits it."
            }
            return ErrorText(
                title: "The VM is not in the right power state",
                explanation: "\(vm) is \(actual.isEmpty ? "in another state" : actual), but \(needed) "
                    + "\(f.states(1)). XAPI checks the power state before each lifecycle operation; "
                    + "it may have changed since the screen was drawn (another user, a task, or the guest itself).",
                suggestion: suggestion)
        },
        ErrorWording(
            "OTHER_OPERATION_IN_PROGRESS", ["class", "object", "operation_type", "operation_ref"], transient: true
        ) { f in
            let object = f.name(1, or: "The \(f.raw(0) ?? "object")")
            let busy = "another operation" + (f.operation(2).map { " (\($0))" } ?? "")
            return ErrorText(
                title: "Another operation is running on this object",
                explanation: "\(object) is busy with \(busy). XAPI runs one conflicting operation at a time on "
                    + "an object, so this call was refused rather than queued.",
                suggestion: "Wait for the running task to finish (it is in the tasks pane), or cancel it, then retry.")
        },
        ErrorWording("OPERATION_NOT_ALLOWED", ["reason"]) { f in
            ErrorText(
                title: "XAPI does not allow this operation now",
                explanation: SentenceText.withDetail(
                    "The object's current state does not allow \(f.action.map { "\"\($0)\"" } ?? "this operation")",
                    f.detail(0)),
                suggestion:
                    "Check the object's allowed operations in the details pane; another task or its power state may be in the way."
            )
        },
        ErrorWording("OPERATION_BLOCKED", ["ref", "code"]) { f in
            let object = f.name(0, or: "This object")
            let why = f.detail(1).flatMap { $0 == "true" ? nil : $0 }
            return ErrorText(
                title: "This operation is blocked on the object",
                explanation:
                    "\(object) has this operation listed in its blocked_operations, which someone set on purpose "
                    + "(often to protect a production VM from accidental shutdown or deletion)"
                    + (why.map { ". The note left with it: \($0)" } ?? "") + ".",
                suggestion: "If you really mean it, remove the block: xe vm-param-remove uuid=<vm uuid> "
                    + "param-name=blocked-operations param-key=\(f.method ?? "<operation>").")
        },
        ErrorWording("VM_IS_TEMPLATE", ["vm"]) { f in
            ErrorText(
                title: "This is a template, not a VM",
                explanation: "\(f.name(0, or: "The object")) is a template. Templates cannot be started, shut down "
                    + "or migrated; they are only copied into new VMs.",
                suggestion:
                    "Create a VM from it (clone or copy), or clear is_a_template if it was turned into a template by mistake."
            )
        },
        ErrorWording("VM_MISSING_PV_DRIVERS", ["vm"]) { f in
            ErrorText(
                title: "The guest tools are not running in the VM",
                explanation: "\(f.name(0, or: "The VM")) has no PV drivers (guest tools) that XAPI can see. Operations "
                    + "that need the guest's cooperation, such as clean shutdown, suspend or live migration, cannot work without them.",
                suggestion:
                    "Install or start the guest tools in the VM, or use the hard (forced) variant of the operation.")
        },
        ErrorWording("VM_OLD_PV_DRIVERS", ["vm", "major", "minor"]) { f in
            ErrorText(
                title: "The VM's guest tools are too old",
                explanation:
                    "\(f.name(0, or: "The VM")) runs PV drivers version \(f.raw(1) ?? "?").\(f.raw(2) ?? "?"), "
                    + "which is too old for this operation.",
                suggestion: "Update the guest tools inside the VM, then retry.")
        },
        ErrorWording("VM_LACKS_FEATURE", ["vm"]) { f in
            ErrorText(
                title: "The guest does not support this operation",
                explanation: "\(f.name(0, or: "The VM"))'s guest has not told XAPI that it supports "
                    + "\(f.action.map { "\"\($0)\"" } ?? "this operation"). The guest tools advertise each feature "
                    + "(clean shutdown, suspend, vCPU hot-plug…) once they are running.",
                suggestion: "Check that the guest tools are installed and running, or use the hard (forced) variant.")
        },
        ErrorWording("VM_REQUIRES_SR", ["vm", "sr"]) { f in
            ErrorText(
                title: "The chosen host cannot see one of the VM's disks",
                explanation:
                    "\(f.name(0, or: "The VM")) has a disk on \(f.name(1, or: "a storage repository")), which is "
                    + "not attached to the chosen host. A VM can only run where all its disks are reachable.",
                suggestion:
                    "Choose a host that has the SR plugged, plug the SR's PBD on that host, or move the disk to shared storage."
            )
        },
        ErrorWording("VM_REQUIRES_NETWORK", ["vm", "network"]) { f in
            ErrorText(
                title: "The chosen host is not on one of the VM's networks",
                explanation: "\(f.name(0, or: "The VM")) has a network interface on \(f.name(1, or: "a network")), "
                    + "and the chosen host has no physical interface on that network.",
                suggestion: "Choose another host, or connect the host to that network.")
        },
        ErrorWording("VM_HOST_INCOMPATIBLE_VERSION", ["host", "vm"]) { f in
            ErrorText(
                title: "The host runs an older version than the VM needs",
                explanation: "\(f.name(1, or: "The VM")) cannot go to \(f.name(0, or: "this host")) because that host "
                    + "runs an older XenServer/XCP-ng version; during a rolling upgrade VMs may only move to upgraded hosts.",
                suggestion: "Upgrade that host first, or choose a host that is already upgraded.")
        },
        ErrorWording("VM_MIGRATE_FAILED", ["vm", "source", "destination", "msg"]) { f in
            ErrorText(
                title: "The migration failed",
                explanation: SentenceText.withDetail(
                    "Moving \(f.name(0, or: "the VM")) from \(f.name(1, or: "its host")) to "
                        + "\(f.name(2, or: "the destination")) failed part-way", f.detail(3))
                    + " The VM normally keeps running on the source host.",
                suggestion:
                    "Check that the destination has enough memory and the VM's networks and storage, then retry; the hosts' xensource.log has the details."
            )
        },
        ErrorWording("VM_HAS_PCI_ATTACHED", ["vm"]) { f in
            ErrorText(
                title: "The VM has a PCI device passed through",
                explanation: "\(f.name(0, or: "The VM")) uses a physical PCI device of its host. Such a VM cannot be "
                    + "migrated or suspended, because the device cannot follow it.",
                suggestion: "Shut the VM down and start it on the other host instead, or detach the PCI device.")
        },
        ErrorWording("VM_HAS_VGPU", ["vm"]) { f in
            ErrorText(
                title: "The VM has a virtual GPU",
                explanation: "\(f.name(0, or: "The VM")) has a virtual GPU backed by its host's graphics card, "
                    + "which rules out this operation (typically a migration or suspend) while it runs.",
                suggestion: "Shut the VM down first, or move it only to a host with a compatible GPU.")
        },
        ErrorWording("VM_HAS_TOO_MANY_SNAPSHOTS", ["vm"]) { f in
            ErrorText(
                title: "The VM has too many snapshots to migrate",
                explanation: "\(f.name(0, or: "The VM")) has more snapshots than a storage migration can carry.",
                suggestion: "Delete the snapshots you no longer need, then retry.")
        },
        ErrorWording("VM_TOO_MANY_VCPUS", ["vm"]) { f in
            ErrorText(
                title: "The VM has more vCPUs than allowed",
                explanation:
                    "\(f.name(0, or: "The VM")) is configured with more virtual CPUs than XAPI allows it to start with.",
                suggestion: "Lower VCPUs_max and VCPUs_at_startup, then start it again.")
        },
        ErrorWording("HOST_NOT_ENOUGH_PCPUS", ["vcpus", "pcpus"]) { f in
            ErrorText(
                title: "The host has fewer CPUs than the VM has vCPUs",
                explanation: "The VM wants \(f.raw(0) ?? "more") vCPUs but the host has only \(f.raw(1) ?? "fewer") "
                    + "physical CPUs; a VM may not have more vCPUs than its host has CPUs.",
                suggestion: "Lower the VM's vCPU count, or start it on a bigger host.")
        },
        ErrorWording("MEMORY_CONSTRAINT_VIOLATION", ["constraint"]) { f in
            ErrorText(
                title: "The VM's memory settings are inconsistent",
                explanation: "The memory limits must satisfy static_min ≤ dynamic_min ≤ dynamic_max ≤ static_max, "
                    + "and this change breaks that" + (f.detail(0).map { " (\($0))" } ?? "") + ".",
                suggestion: "Set all four memory values together so that they stay in that order.")
        },
        ErrorWording("VM_SHUTDOWN_TIMEOUT", ["vm", "timeout"]) { f in
            ErrorText(
                title: "The VM did not shut down in time",
                explanation: "\(f.name(0, or: "The VM")) was asked to shut down but was still running after "
                    + "\(f.raw(1).map { "\($0) seconds" } ?? "the timeout"). The guest may be stuck or busy finishing work.",
                suggestion: "Look at the VM's console; if it hangs, use hard shutdown.")
        },
        ErrorWording("VM_FAILED_SHUTDOWN_ACKNOWLEDGMENT", ["vm"]) { f in
            ErrorText(
                title: "The guest ignored the shutdown request",
                explanation: "\(f.name(0, or: "The VM"))'s guest did not acknowledge the shutdown request. "
                    + "The guest tools may not be running, or the guest is still booting or hung.",
                suggestion: "Retry once the guest has finished booting, shut it down from inside, or use hard shutdown."
            )
        },
        ErrorWording("VM_FAILED_SUSPEND_ACKNOWLEDGMENT", ["vm"]) { f in
            ErrorText(
                title: "The guest ignored the suspend request",
                explanation: "\(f.name(0, or: "The VM"))'s guest did not acknowledge the suspend request; "
                    + "its guest tools may not be running or may not support suspend.",
                suggestion: "Check the guest tools, or shut the VM down instead.")
        },
        ErrorWording("VM_CHECKPOINT_SUSPEND_FAILED", ["vm"]) { f in
            ErrorText(
                title: "Saving the VM's memory failed",
                explanation:
                    "XAPI could not save the memory of \(f.name(0, or: "the VM")) while taking a checkpoint or suspending it.",
                suggestion: "Check that the suspend SR has free space, then retry; or take a disk-only snapshot.")
        },
        ErrorWording("VM_SNAPSHOT_WITH_QUIESCE_FAILED", ["vm"]) { f in
            ErrorText(
                title: "The quiesced snapshot failed",
                explanation:
                    "The guest of \(f.name(0, or: "the VM")) could not freeze its file systems for a quiesced snapshot.",
                suggestion: "Take a normal snapshot instead, or check the guest's VSS service (Windows).")
        },
        ErrorWording("VM_NO_SUSPEND_SR", ["vm"]) { f in
            ErrorText(
                title: "There is nowhere to save the VM's memory",
                explanation:
                    "Suspending \(f.name(0, or: "the VM")) writes its memory to a disk, but neither the VM nor the pool has a suspend SR set.",
                suggestion: "Set the pool's suspend-image SR (or the VM's suspend_SR), then retry.")
        },
        ErrorWording("VM_HVM_REQUIRED", ["vm"]) { f in
            ErrorText(
                title: "This needs a fully virtualised (HVM) VM",
                explanation:
                    "\(f.name(0, or: "The VM")) is paravirtualised (PV), and this operation only works on HVM guests.",
                suggestion: "Use an HVM VM for this, or convert the VM to HVM boot.")
        },
        ErrorWording("VM_IS_PROTECTED", ["vm"]) { f in
            ErrorText(
                title: "The VM is protected by high availability",
                explanation:
                    "\(f.name(0, or: "The VM")) is in the pool's HA restart plan, and this operation would break that protection.",
                suggestion: "Set its HA restart priority to \"do not restart\" first, then retry.")
        },
        ErrorWording("VM_CANNOT_DELETE_DEFAULT_TEMPLATE", ["vm"]) { f in
            ErrorText(
                title: "Built-in templates cannot be deleted",
                explanation: "\(f.name(0, or: "This template")) is one of the default templates shipped with the host.",
                suggestion: nil)
        },
        ErrorWording("BOOTLOADER_FAILED", ["vm", "msg"]) { f in
            ErrorText(
                title: "The VM's boot loader failed",
                explanation: SentenceText.withDetail(
                    "The boot loader of \(f.name(0, or: "the VM")) could not find or load a kernel", f.detail(1)),
                suggestion: "Check that the boot disk is attached and bootable, or boot from an ISO to repair it.")
        },
    ]
}
