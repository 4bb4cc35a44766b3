import OrderedCollections
import XAPI

/// Record templates shared by the generator's steps.
extension SimPoolGenerator {
    /// A halted, ordinary VM with every commonly read field present.
    mutating func baseVMRecord(name: String, description: String) -> XAPIStruct {
        var record = SimTemplates.vm
        record["uuid"] = .string(rng.uuid())
        record["name_label"] = .string(name)
        record["name_description"] = .string(description)
        return record
    }
}

/// Records with every field at its usual value, copied and then adjusted: copying a built
/// dictionary is much cheaper than hashing every key of a fresh one for each object.
enum SimTemplates {
    static let vm: XAPIStruct = [
            "uuid": .string(""), "allowed_operations": SimField.emptySet, "current_operations": SimField.emptyMap,
            "name_label": .string(""), "name_description": .string(""), "power_state": .string("Halted"),
            "user_version": .int(1), "is_a_template": .bool(false), "is_default_template": .bool(false),
            "suspend_VDI": SimField.nullRef, "resident_on": SimField.nullRef, "scheduled_to_be_resident_on": SimField.nullRef,
            "affinity": SimField.nullRef, "memory_overhead": .int(0), "memory_target": .int(0),
            "memory_static_max": .int(0), "memory_dynamic_max": .int(0), "memory_dynamic_min": .int(0), "memory_static_min": .int(0),
            "VCPUs_params": SimField.emptyMap, "VCPUs_max": .int(1), "VCPUs_at_startup": .int(1),
            "actions_after_softreboot": .string("soft_reboot"), "actions_after_shutdown": .string("destroy"),
            "actions_after_reboot": .string("restart"), "actions_after_crash": .string("restart"),
            "consoles": SimField.emptySet, "VIFs": SimField.emptySet, "VBDs": SimField.emptySet, "VUSBs": SimField.emptySet,
            "crash_dumps": SimField.emptySet, "VTPMs": SimField.emptySet, "PV_bootloader": .string(""), "PV_kernel": .string(""),
            "PV_ramdisk": .string(""), "PV_args": .string(""), "PV_bootloader_args": .string(""), "PV_legacy_args": .string(""),
            "HVM_boot_policy": .string(""), "HVM_boot_params": SimField.emptyMap, "HVM_shadow_multiplier": .double(1),
            "platform": SimField.emptyMap, "PCI_bus": .string(""), "other_config": SimField.emptyMap, "domid": .int(-1),
            "domarch": .string(""), "last_boot_CPU_flags": SimField.emptyMap, "is_control_domain": .bool(false),
            "metrics": SimField.nullRef, "guest_metrics": SimField.nullRef, "last_booted_record": .string(""),
            "recommendations": .string("<restrictions><restriction field=\"memory-static-max\" max=\"1649267441664\"/><restriction field=\"vcpus-max\" max=\"32\"/></restrictions>"),
            "xenstore_data": SimField.emptyMap, "ha_always_run": .bool(false), "ha_restart_priority": .string(""),
            "is_a_snapshot": .bool(false), "snapshot_of": SimField.nullRef, "snapshots": SimField.emptySet,
            "snapshot_time": SimField.time(0), "transportable_snapshot_id": .string(""), "blobs": SimField.emptyMap,
            "tags": SimField.emptySet, "blocked_operations": SimField.emptyMap, "snapshot_info": SimField.emptyMap,
            "snapshot_metadata": .string(""), "parent": SimField.nullRef, "children": SimField.emptySet,
            "bios_strings": SimField.emptyMap, "protection_policy": SimField.nullRef, "is_snapshot_from_vmpp": .bool(false),
            "snapshot_schedule": SimField.nullRef, "is_vmss_snapshot": .bool(false), "appliance": SimField.nullRef,
            "start_delay": .int(0), "shutdown_delay": .int(0), "order": .int(0), "VGPUs": SimField.emptySet,
            "attached_PCIs": SimField.emptySet, "suspend_SR": SimField.nullRef, "version": .int(0),
            "generation_id": .string(""), "hardware_platform_version": .int(0), "has_vendor_device": .bool(false),
            "requires_reboot": .bool(false), "reference_label": .string(""), "domain_type": .string("hvm"),
            "NVRAM": SimField.emptyMap, "pending_guidances": SimField.emptySet,
        ]

    static let vmMetrics: XAPIStruct = [
        "uuid": .string(""), "memory_actual": .int(0), "VCPUs_number": .int(0),
        "VCPUs_utilisation": SimField.emptyMap, "VCPUs_CPU": SimField.emptyMap, "VCPUs_params": SimField.emptyMap,
        "VCPUs_flags": SimField.emptyMap, "state": SimField.emptySet, "start_time": SimField.time(0),
        "install_time": SimField.time(0), "last_updated": SimField.time(0),
        "other_config": SimField.emptyMap, "hvm": .bool(false), "nested_virt": .bool(false),
        "nomigrate": .bool(false), "current_domain_type": .string("unspecified"),
    ]

    static let guestMetrics: XAPIStruct = [
        "uuid": .string(""), "os_version": SimField.emptyMap, "PV_drivers_version": SimField.emptyMap,
        "PV_drivers_up_to_date": .bool(false), "memory": SimField.emptyMap, "disks": SimField.emptyMap,
        "networks": SimField.emptyMap, "other": SimField.emptyMap, "last_updated": SimField.time(0),
        "other_config": SimField.emptyMap, "live": .bool(true), "can_use_hotplug_vbd": .string("unspecified"),
        "can_use_hotplug_vif": .string("unspecified"), "PV_drivers_detected": .bool(false),
    ]

    static let vif: XAPIStruct = [
        "uuid": .string(""), "allowed_operations": SimField.emptySet,
        "current_operations": SimField.emptyMap, "device": .string(""), "network": SimField.nullRef,
        "VM": SimField.nullRef, "MAC": .string(""), "MTU": .int(1500), "other_config": SimField.emptyMap,
        "currently_attached": .bool(false), "status_code": .int(0), "status_detail": .string(""),
        "runtime_properties": SimField.emptyMap, "qos_algorithm_type": .string(""),
        "qos_algorithm_params": SimField.emptyMap, "qos_supported_algorithms": SimField.emptySet,
        "metrics": SimField.nullRef, "MAC_autogenerated": .bool(true), "locking_mode": .string("network_default"),
        "ipv4_allowed": SimField.emptySet, "ipv6_allowed": SimField.emptySet, "ipv4_configuration_mode": .string("None"),
        "ipv4_addresses": SimField.emptySet, "ipv4_gateway": .string(""), "ipv6_configuration_mode": .string("None"),
        "ipv6_addresses": SimField.emptySet, "ipv6_gateway": .string(""),
    ]

    static let vbd: XAPIStruct = [
        "uuid": .string(""), "allowed_operations": SimField.emptySet, "current_operations": SimField.emptyMap,
        "VM": SimField.nullRef, "VDI": SimField.nullRef, "device": .string(""), "userdevice": .string(""),
        "bootable": .bool(false), "mode": .string("RW"), "type": .string("Disk"),
        "unpluggable": .bool(false), "storage_lock": .bool(false), "empty": .bool(false),
        "other_config": SimField.emptyMap, "currently_attached": .bool(false), "status_code": .int(0),
        "status_detail": .string(""), "runtime_properties": SimField.emptyMap, "qos_algorithm_type": .string(""),
        "qos_algorithm_params": SimField.emptyMap, "qos_supported_algorithms": SimField.emptySet, "metrics": SimField.nullRef,
    ]

    static let vdi: XAPIStruct = [
        "uuid": .string(""), "name_label": .string(""), "name_description": .string(""),
        "allowed_operations": SimField.emptySet, "current_operations": SimField.emptyMap, "SR": SimField.nullRef,
        "VBDs": SimField.emptySet, "crash_dumps": SimField.emptySet, "virtual_size": .int(0),
        "physical_utilisation": .int(0), "type": .string("user"), "sharable": .bool(false), "read_only": .bool(false),
        "other_config": SimField.emptyMap, "storage_lock": .bool(false), "location": .string(""),
        "managed": .bool(true), "missing": .bool(false), "parent": SimField.nullRef, "xenstore_data": SimField.emptyMap,
        "sm_config": SimField.emptyMap, "is_a_snapshot": .bool(false), "snapshot_of": SimField.nullRef,
        "snapshots": SimField.emptySet, "snapshot_time": SimField.time(0), "tags": SimField.emptySet,
        "allow_caching": .bool(false), "on_boot": .string("persist"), "metadata_of_pool": SimField.nullRef,
        "metadata_latest": .bool(false), "is_tools_iso": .bool(false), "cbt_enabled": .bool(false),
    ]

    static let vdiOperations: (readOnly: XAPIValue, attached: XAPIValue, detached: XAPIValue) = (
        SimField.set(["clone", "copy", "forget", "update", "generate_config"]),
        SimField.set(["clone", "copy", "snapshot", "mirror", "resize_online", "update", "generate_config", "enable_cbt", "disable_cbt"]),
        SimField.set(["clone", "copy", "snapshot", "mirror", "resize", "destroy", "forget", "update", "generate_config", "data_destroy", "enable_cbt", "disable_cbt", "list_changed_blocks", "set_on_boot"])
    )
    static let vhdConfig = SimField.map(["vdi_type": "vhd"])
}

extension SimPoolGenerator {

    mutating func vmMetricsRecord(memory: Int64, vcpus: Int, start: Int64, running: Bool, domainType: String) -> XAPIStruct {
        var record = SimTemplates.vmMetrics
        record["uuid"] = .string(rng.uuid())
        if running {
            var cpus = XAPIStruct()
            for index in 0..<vcpus { cpus[String(index)] = .int(Int64(index % 8)) }
            record["memory_actual"] = .int(memory)
            record["VCPUs_number"] = .int(Int64(vcpus))
            record["VCPUs_CPU"] = .structure(cpus)
            record["start_time"] = SimField.time(start)
            record["install_time"] = SimField.time(start - 86_400 * 30)
            record["last_updated"] = SimField.time(now)
            record["current_domain_type"] = .string(domainType)
        }
        record["hvm"] = .bool(domainType == "hvm")
        return record
    }

    mutating func guestMetricsRecord(os: SimCatalog.GuestOS, drivers: Bool, networks: [(String, String)], updated: Int64) -> XAPIStruct {
        var osVersion: [(String, String)] = [("name", os.name), ("distro", os.distro), ("major", os.major), ("minor", os.minor)]
        if !os.uname.isEmpty { osVersion.append(("uname", os.uname)) }
        let version: [(String, String)] = !drivers ? []
            : os.windows ? [("major", "9"), ("minor", "3"), ("micro", "3"), ("build", "0x1005")]
            : [("major", "7"), ("minor", "30"), ("micro", "0"), ("build", "11")]
        var record = SimTemplates.guestMetrics
        record["uuid"] = .string(rng.uuid())
        record["os_version"] = SimField.map(osVersion)
        record["PV_drivers_version"] = SimField.map(version)
        record["PV_drivers_up_to_date"] = .bool(drivers)
        record["networks"] = SimField.map(networks)
        if drivers {
            record["other"] = SimField.map([("feature-shutdown", "1"), ("feature-suspend", "1"), ("feature-poweroff", "1"), ("feature-reboot", "1"), ("has-vendor-device", "0")])
            record["can_use_hotplug_vbd"] = .string("yes")
            record["can_use_hotplug_vif"] = .string("yes")
            record["PV_drivers_detected"] = .bool(true)
        }
        record["last_updated"] = SimField.time(updated)
        return record
    }

    mutating func vifRecord(vm: String, network: String, device: Int, mac: String, attached: Bool) -> XAPIStruct {
        var record = SimTemplates.vif
        record["uuid"] = .string(rng.uuid())
        record["allowed_operations"] = SimField.set(attached ? ["unplug"] : ["attach"])
        record["device"] = .string(String(device))
        record["network"] = .string(network)
        record["VM"] = .string(vm)
        record["MAC"] = .string(mac)
        record["currently_attached"] = .bool(attached)
        return record
    }

    mutating func vbdRecord(vm: String, vdi: String, device: String, userdevice: String, type: String, bootable: Bool, empty: Bool, attached: Bool) -> XAPIStruct {
        let operations: [String] = type == "CD"
            ? (attached ? (empty ? ["insert"] : ["eject"]) : (empty ? ["insert", "attach"] : ["eject", "attach"]))
            : (attached ? ["unplug", "unplug_force"] : ["attach"])
        var record = SimTemplates.vbd
        record["uuid"] = .string(rng.uuid())
        record["allowed_operations"] = SimField.set(operations)
        record["VM"] = .string(vm)
        record["VDI"] = .string(vdi)
        record["device"] = .string(device)
        record["userdevice"] = .string(userdevice)
        record["bootable"] = .bool(bootable)
        if type == "CD" {
            record["mode"] = .string("RO")
            record["type"] = .string("CD")
        }
        record["unpluggable"] = .bool(type == "Disk" && userdevice != "0")
        record["empty"] = .bool(empty)
        record["currently_attached"] = .bool(attached)
        return record
    }

    mutating func vdiRecord(name: String, description: String, sr: String, size: Int64, used: Int64, type: String, readOnly: Bool, location: String, attached: Bool) -> XAPIStruct {
        let uuid = rng.uuid()
        var record = SimTemplates.vdi
        record["uuid"] = .string(uuid)
        record["name_label"] = .string(name)
        record["name_description"] = .string(description)
        record["allowed_operations"] = readOnly ? SimTemplates.vdiOperations.readOnly
            : attached ? SimTemplates.vdiOperations.attached : SimTemplates.vdiOperations.detached
        record["SR"] = .string(sr)
        record["virtual_size"] = .int(size)
        record["physical_utilisation"] = .int(used)
        if type != "user" { record["type"] = .string(type) }
        if readOnly { record["read_only"] = .bool(true) } else { record["sm_config"] = SimTemplates.vhdConfig }
        record["location"] = .string(location.isEmpty ? uuid : location)
        if name == "guest-tools.iso" { record["is_tools_iso"] = .bool(true) }
        return record
    }

    /// The consoles xapi creates for a domain when it starts: rfb for every domain, and a vt100
    /// text console for PV guests and dom0 (`text`); HVM guests have only the graphical one.
    mutating func makeConsoles(vm: String, address: String, text: Bool = true) -> [String] {
        var refs = [String]()
        for proto in ["rfb", "vt100"] {
            // Drawn even when unused, so that the data generated after it stays the same.
            let ref = newRef()
            let uuid = rng.uuid()
            guard proto == "rfb" || text else { continue }
            insert("console", ref, [
                "uuid": .string(uuid), "protocol": .string(proto),
                "location": .string("https://\(address)/console?ref=\(ref)"), "VM": .string(vm),
                "other_config": SimField.emptyMap,
            ])
            refs.append(ref)
        }
        return refs
    }
}

/// The VM operations xapi allows in each power state (wire names of `vm_operations`).
enum SimVMOperations {
    static func allowed(power: String, pvDrivers: Bool) -> [String] {
        switch power {
        case "Running":
            var ops = ["hard_shutdown", "hard_reboot", "pause", "snapshot", "checkpoint", "migrate_send", "send_sysrq",
                       "send_trigger", "changing_dynamic_range", "metadata_export", "call_plugin", "shutdown"]
            // Without the guest's PV drivers xapi refuses clean operations, suspend and live migration.
            if pvDrivers { ops += ["clean_shutdown", "clean_reboot", "suspend", "pool_migrate", "changing_VCPUs_live", "snapshot_with_quiesce"] }
            return ops
        case "Paused":
            return ["unpause", "hard_shutdown", "hard_reboot", "snapshot", "checkpoint", "changing_dynamic_range", "metadata_export"]
        case "Suspended":
            return ["resume", "resume_on", "hard_shutdown", "clone", "copy", "snapshot", "checkpoint", "export", "metadata_export", "migrate_send"]
        default:
            return ["start", "start_on", "clone", "copy", "snapshot", "export", "destroy", "make_into_template", "provision",
                    "migrate_send", "metadata_export", "changing_VCPUs", "changing_static_range", "changing_dynamic_range",
                    "changing_memory_limits", "changing_shadow_memory", "create_vtpm"]
        }
    }
}
