// Our wording for errors about storage: SRs, VDIs and their connections (PBDs).
extension ErrorWording {
    static let storageWordings: [ErrorWording] = [
        ErrorWording("SR_FULL", ["requested", "maximum"]) { f in
            ErrorText(
                title: "The storage repository is full",
                explanation: "The SR needs room for \(f.bytes(0)) but can give at most \(f.bytes(1)). "
                    + "Snapshots and clones also take space on the SR, even when the disks look small.",
                suggestion: "Delete unused disks or old snapshots on that SR, or put the new disk on another SR.")
        },
        ErrorWording("SR_BACKEND_FAILURE", ["status", "stdout", "stderr"]) { f in
            StorageBackendFailure(code: "SR_BACKEND_FAILURE", number: nil).write(f)
        },
        ErrorWording("SR_HAS_NO_PBDS", ["sr"]) { f in
            ErrorText(
                title: "The SR is not connected to any host",
                explanation:
                    "\(f.name(0, or: "The SR")) has no PBD, the record that connects an SR to a host, so no host can use it.",
                suggestion: "Repair the SR (create and plug a PBD for each host), or forget it if it is gone.")
        },
        ErrorWording("SR_NOT_ATTACHED", ["sr"]) { f in
            ErrorText(
                title: "The SR is not plugged in",
                explanation:
                    "\(f.name(0, or: "The SR")) is not attached on the host that needs it: its PBD is unplugged.",
                suggestion: "Plug the SR's PBD on that host (repair the SR), then retry.")
        },
        ErrorWording("SR_HAS_PBD", ["sr"]) { f in
            ErrorText(
                title: "The SR is still connected to a host",
                explanation:
                    "\(f.name(0, or: "The SR")) still has a PBD connecting it to a host, so it cannot be destroyed or forgotten.",
                suggestion: "Unplug and destroy its PBDs first (detach the SR), then retry.")
        },
        ErrorWording("SR_OPERATION_NOT_SUPPORTED", ["sr"]) { f in
            ErrorText(
                title: "The storage type does not support this",
                explanation:
                    "The driver of \(f.name(0, or: "the SR")) does not offer this operation (ISO libraries, for example, cannot create disks).",
                suggestion: "Use an SR whose type supports it.")
        },
        ErrorWording("SR_ATTACH_FAILED", ["sr"]) { f in
            ErrorText(
                title: "Attaching the SR failed",
                explanation:
                    "The host could not attach \(f.name(0, or: "the SR")); its storage server may be unreachable or refusing the host.",
                suggestion: "Check the storage server and the host's storage network, then plug the PBD again.")
        },
        ErrorWording("PBD_EXISTS", ["sr", "host", "pbd"]) { f in
            ErrorText(
                title: "The SR is already connected to this host",
                explanation:
                    "\(f.name(0, or: "The SR")) already has a PBD for \(f.name(1, or: "this host")); a host needs only one.",
                suggestion: "Plug the existing PBD instead of creating another.")
        },
        ErrorWording("VDI_IN_USE", ["vdi", "operation"], transient: true) { f in
            ErrorText(
                title: "The disk is busy",
                explanation: "\(f.name(0, or: "The disk")) is being used by another operation"
                    + (f.operation(1).map { " (\($0))" } ?? "") + ", so it cannot be changed right now.",
                suggestion: "Wait for that operation to finish, then retry.")
        },
        ErrorWording("VDI_MISSING", ["sr", "vdi"]) { f in
            ErrorText(
                title: "The disk is missing on its storage",
                explanation:
                    "\(f.name(1, or: "The disk")) is known to XAPI but its data cannot be found on \(f.name(0, or: "its SR")). "
                    + "It may have been deleted outside XAPI, or the SR needs a rescan.",
                suggestion: "Rescan the SR; if the disk is still missing, restore it from a backup.")
        },
        ErrorWording("VDI_READONLY", ["vdi"]) { f in
            ErrorText(
                title: "The disk is read-only",
                explanation:
                    "\(f.name(0, or: "The disk")) is read-only (a snapshot or an ISO, for instance) and this needs to write to it.",
                suggestion: "Use a writable copy of the disk.")
        },
    ]
}
