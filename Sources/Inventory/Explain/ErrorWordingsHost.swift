// Our wording for errors about hosts, placement and high availability.
extension ErrorWording {
    static let hostWordings: [ErrorWording] = [
        ErrorWording("HOST_NOT_ENOUGH_FREE_MEMORY", ["needed", "available"]) { f in
            ErrorText(
                title: "Not enough free memory on the host",
                explanation: "This needs \(f.bytes(0)) of memory but the host has only \(f.bytes(1)) free. "
                    + "XAPI reserves a VM's whole memory before starting or moving it, so a host that looks "
                    + "mostly idle can still be full.",
                suggestion:
                    "Free memory on the host (shut down or migrate another VM, or lower this VM's memory), or choose another host."
            )
        },
        ErrorWording("NO_HOSTS_AVAILABLE", []) { _ in
            ErrorText(
                title: "No host can take this VM",
                explanation: "XAPI looked at every host of the pool and none could run the VM: each one lacks free "
                    + "memory, is disabled or offline, or cannot reach the VM's storage or networks.",
                suggestion:
                    "Free memory or enable a host, or check that the VM's disks are on storage the hosts can see.")
        },
        ErrorWording("HOST_OFFLINE", ["host"]) { f in
            ErrorText(
                title: "The host is offline",
                explanation: "\(f.name(0, or: "A host this operation needs")) cannot be contacted by the pool master, "
                    + "so nothing can be run on it.",
                suggestion:
                    "Check that the host is powered on and on the network; its VMs may need to be started elsewhere.")
        },
        ErrorWording("HOST_DISABLED", ["host"]) { f in
            ErrorText(
                title: "The host is disabled",
                explanation:
                    "\(f.name(0, or: "The host")) is disabled (usually for maintenance), so it accepts no new VMs.",
                suggestion: "Enable the host (host enable) when the maintenance is over, or choose another host.")
        },
        ErrorWording("HOST_NOT_DISABLED", []) { _ in
            ErrorText(
                title: "The host must be disabled first",
                explanation:
                    "This operation is only allowed on a host that is disabled, so that no new VMs land on it meanwhile.",
                suggestion: "Disable the host first, then retry.")
        },
        ErrorWording("HOST_IS_SLAVE", ["Master IP address"]) { f in
            ErrorText(
                title: "This host is not the pool master",
                explanation:
                    "The address used is a pool member; only the master (\(f.detail(0) ?? "address not given")) "
                    + "answers API calls. The master may have changed since the address was configured.",
                suggestion:
                    "Point the pool's url in the config at the master's address; xentui follows the master automatically when it can."
            )
        },
        ErrorWording("HOST_IN_USE", ["host", "type", "ref"]) { f in
            ErrorText(
                title: "The host is still in use",
                explanation: "\(f.name(0, or: "The host")) is still used by \(f.name(2, or: "an object")) "
                    + "(\(f.detail(1) ?? "object")), so this cannot be done yet.",
                suggestion: "Move or remove what still uses the host, then retry.")
        },
        ErrorWording("HOST_HAS_RESIDENT_VMS", ["host"]) { f in
            ErrorText(
                title: "The host still has VMs on it",
                explanation: "\(f.name(0, or: "The host")) still has VMs resident on it.",
                suggestion: "Migrate or shut down its VMs first (evacuate the host), then retry.")
        },
        ErrorWording("HOST_NOT_LIVE", []) { _ in
            ErrorText(
                title: "The host is not live",
                explanation: "The pool master has not heard from the host recently, so it is treated as down.",
                suggestion: "Check that the host is running and its toolstack is up (xe-toolstack-restart on the host)."
            )
        },
        ErrorWording("HOST_STILL_BOOTING", [], transient: true) { _ in
            ErrorText(
                title: "The host is still starting up",
                explanation: "The host's toolstack is still initialising and is not ready for this call yet.",
                suggestion: "Wait a minute and retry.")
        },
        ErrorWording("CANNOT_CONTACT_HOST", ["host"], transient: true) { f in
            ErrorText(
                title: "The pool master cannot reach the host",
                explanation:
                    "The master tried to pass this call to \(f.name(0, or: "a pool member")) and could not reach it. "
                    + "The host may be switched off, rebooting, or cut off from the management network.",
                suggestion: "Check the host's power and network, then retry.")
        },
        ErrorWording("CANNOT_EVACUATE_HOST", ["errors"]) { f in
            ErrorText(
                title: "The host cannot be evacuated",
                explanation: SentenceText.withDetail(
                    "Some VMs on the host could not be placed on any other host", f.detail(0)),
                suggestion:
                    "Free memory elsewhere, shut down the VMs that cannot move, or check their storage and networks.")
        },
        ErrorWording("HOST_CANNOT_ATTACH_NETWORK", ["host", "network"]) { f in
            ErrorText(
                title: "The host cannot attach the network",
                explanation:
                    "\(f.name(0, or: "The host")) cannot bring up \(f.name(1, or: "the network")); with NIC bonds this "
                    + "can happen when doing so would take down another network in use.",
                suggestion: "Check the host's physical interfaces and bonds for that network.")
        },
        ErrorWording("VM_NOT_RESIDENT_HERE", ["vm", "host"]) { f in
            ErrorText(
                title: "The VM is not on that host",
                explanation: "\(f.name(0, or: "The VM")) is not running on \(f.name(1, or: "the given host")); "
                    + "it may have moved since the screen was drawn.",
                suggestion: "Refresh and retry against the host it runs on.")
        },
        ErrorWording("HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN", []) { _ in
            ErrorText(
                title: "This would break the HA failover plan",
                explanation: "High availability keeps enough spare capacity to restart protected VMs if a host fails. "
                    + "This operation would use up that reserve, so XAPI refused it.",
                suggestion: "Lower the number of host failures to tolerate, unprotect some VMs, or add capacity.")
        },
        ErrorWording("LICENCE_RESTRICTION", ["feature"]) { f in
            ErrorText(
                title: "The pool's licence does not include this",
                explanation:
                    "This needs the licensed feature \(f.detail(0) ?? "(not named)"), which the hosts' current licence does not include.",
                suggestion: "Apply a licence with that feature, or do without it.")
        },
    ]
}
