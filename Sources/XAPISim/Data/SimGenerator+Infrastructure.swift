import OrderedCollections
import XAPI

/// The pool record, hosts (with dom0, CPUs, metrics), networks, PIFs, SRs and PBDs.
extension SimPoolGenerator {
    mutating func makePool() {
        let master = hostsInfo.first?.ref ?? "OpaqueRef:NULL"
        let record: XAPIStruct = [
            "uuid": .string(rng.uuid()), "name_label": .string(poolName),
            "name_description": .string(poolIndex == 0 ? "Production pool" : "Pool \(poolName)"),
            "master": .string(master), "default_SR": .string(sharedSR), "suspend_image_SR": .string(sharedSR),
            "crash_dump_SR": .string(sharedSR),
            "other_config": SimField.map(["auto_poweron": "true", "memory-ratio-hvm": "0.25", "memory-ratio-pv": "0.25"]),
            "ha_enabled": .bool(false), "ha_configuration": SimField.emptyMap, "ha_statefiles": SimField.emptySet,
            "ha_host_failures_to_tolerate": .int(0), "ha_plan_exists_for": .int(0), "ha_allow_overcommit": .bool(false),
            "ha_overcommitted": .bool(false), "blobs": SimField.emptyMap,
            "tags": SimField.set(poolIndex == 0 ? ["production"] : []),
            "gui_config": SimField.emptyMap, "wlb_enabled": .bool(false), "redo_log_enabled": .bool(false),
            "restrictions": SimField.map(["restrict_vswitch_controller": "false", "restrict_lab": "false", "restrict_pool_size": "false", "restrict_rbac": "false"]),
            "allowed_operations": SimField.set(["ha_enable", "cluster_create", "designate_new_master", "configure_repositories"]),
            "current_operations": SimField.emptyMap,
            "cpu_info": SimField.map([
                ("cpu_count", String(cpu.threads * hostCount)), ("socket_count", String(cpu.sockets * hostCount)),
                ("vendor", cpu.vendor), ("features_pv", cpu.features), ("features_hvm", cpu.features),
                ("features_pv_host", cpu.features), ("features_hvm_host", cpu.features),
            ]),
            "migration_compression": .bool(false), "coordinator_bias": .bool(true),
            "tls_verification_enabled": .bool(true), "ha_cluster_stack": .string("xhad"),
        ]
        insert("pool", poolRef, record)
    }

    mutating func makeNetworks() {
        let definitions: [(name: String, description: String, bridge: String, vlan: Int)] = [
            ("Pool-wide network associated with eth0", "", "xenbr0", -1),
            ("Pool-wide network associated with eth1", "Storage", "xenbr1", -1),
            ("VLAN 100 (frontend)", "Public-facing services", "xapi1", 100),
            ("VLAN 200 (backend)", "Application and database tier", "xapi2", 200),
            ("VLAN 300 (dmz)", "Demilitarised zone", "xapi3", 300),
        ]
        for (index, definition) in definitions.enumerated() {
            let ref = newRef()
            let record: XAPIStruct = [
                "uuid": .string(rng.uuid()), "name_label": .string(definition.name),
                "name_description": .string(definition.description), "allowed_operations": SimField.emptySet,
                "current_operations": SimField.emptyMap, "VIFs": SimField.emptySet, "PIFs": SimField.emptySet,
                "MTU": .int(1500), "other_config": SimField.map(definition.vlan < 0 ? ["automatic": "true"] : ["automatic": "false"]),
                "bridge": .string(definition.bridge), "managed": .bool(true), "blobs": SimField.emptyMap,
                "tags": SimField.emptySet, "default_locking_mode": .string("unlocked"), "assigned_ips": SimField.emptyMap,
                "purpose": SimField.emptySet,
            ]
            insert("network", ref, record)
            if index == 0 { managementNetwork = ref }
            if index != 1 { guestNetworks.append((ref, index)) }
            networkPlan.append((ref, definition.vlan, index == 0 ? "eth0" : "eth1"))
        }
    }

    /// The shared SR every host sees, and the ISO library with a few images.
    mutating func makeSharedStorage() {
        sharedSR = newRef()
        let nfs = poolIndex % 2 == 0
        insert("SR", sharedSR, srRecord(
            name: nfs ? "NFS shared storage" : "iSCSI shared storage",
            description: nfs ? "NFS SR [10.\(poolIndex % 256).9.10:/export/xcp]" : "iSCSI SR [10.\(poolIndex % 256).9.20 (iqn.2020-01.com.storage:xcp)]",
            type: nfs ? "nfs" : "lvmoiscsi", contentType: "", shared: true, size: 0))
        isoSR = newRef()
        insert("SR", isoSR, srRecord(
            name: "ISO library", description: "NFS ISO Library [10.\(poolIndex % 256).9.10:/export/iso]",
            type: "iso", contentType: "iso", shared: true, size: 2 * SimSize.tib))
        for image in SimCatalog.isoImages {
            let ref = newRef()
            insert("VDI", ref, vdiRecord(
                name: image.name, description: "", sr: isoSR, size: image.size, used: image.size, type: "user",
                readOnly: true, location: image.name, attached: false))
            link("SR", isoSR, "VDIs", ref)
            isoVDIs.append(ref)
        }
    }

    mutating func srRecord(name: String, description: String, type: String, contentType: String, shared: Bool, size: Int64) -> XAPIStruct {
        let operations = type == "iso"
            ? ["forget", "plug", "unplug", "scan", "destroy", "vdi_introduce", "vdi_destroy", "update"]
            : ["forget", "vdi_create", "vdi_snapshot", "plug", "update", "destroy", "vdi_destroy", "scan", "vdi_clone", "vdi_resize", "unplug", "vdi_mirror", "vdi_enable_cbt", "vdi_disable_cbt", "vdi_data_destroy", "vdi_list_changed_blocks", "vdi_set_on_boot", "pbd_create", "pbd_destroy"]
        return [
            "uuid": .string(rng.uuid()), "name_label": .string(name), "name_description": .string(description),
            "allowed_operations": SimField.set(operations), "current_operations": SimField.emptyMap,
            "VDIs": SimField.emptySet, "PBDs": SimField.emptySet, "virtual_allocation": .int(0),
            "physical_utilisation": .int(0), "physical_size": .int(size), "type": .string(type),
            "content_type": .string(contentType), "shared": .bool(shared),
            "other_config": SimField.map(type == "iso" ? ["auto-scan": "true"] : [:] as KeyValuePairs<String, String>),
            "tags": SimField.emptySet,
            "sm_config": SimField.map(type == "lvm" || type == "lvmoiscsi" ? ["allocation": "thick", "use_vhd": "true"] : [:] as KeyValuePairs<String, String>),
            "blobs": SimField.emptyMap, "local_cache_enabled": .bool(false), "introduced_by": SimField.nullRef,
            "clustered": .bool(false), "is_tools_sr": .bool(false),
        ]
    }

    mutating func makeHost(index: Int, memory: Int64) {
        let ref = newRef()
        let uuid = rng.uuid()
        let name = "xcp-\(poolName)-" + String(index + 1).leftPadded(2)
        let net = poolIndex % 256
        let address = "10.\(net).\(index / 240).\(index % 240 + 11)"
        let metrics = newRef()
        let dom0 = newRef()
        let localSR = newRef()
        let bootTime = now - Int64(rng.int(86_400...(120 * 86_400)))

        // Local storage: alternately ext (thin) and lvm (thick), 1.8 or 3.6 TB.
        let ext = index % 2 == 0
        let localSize = rng.chance(0.5) ? 1_798_651_772_928 : 3_597_303_545_856 as Int64
        var local = srRecord(name: "Local storage", description: "", type: ext ? "ext" : "lvm", contentType: "user", shared: false, size: localSize)
        local["other_config"] = SimField.map(["i18n-original-value-name_label": "Local storage", "i18n-key": "local-storage"])
        insert("SR", localSR, local)

        // PBDs: local, shared, ISO.
        let pbdDefinitions: [(sr: String, config: [(String, String)])] = [
            (localSR, [("device", "/dev/disk/by-id/scsi-3600508b1001c\(rng.uuid().prefix(8))")]),
            (sharedSR, poolIndex % 2 == 0
                ? [("server", "10.\(net).9.10"), ("serverpath", "/export/xcp"), ("nfsversion", "4.1")]
                : [("target", "10.\(net).9.20"), ("targetIQN", "iqn.2020-01.com.storage:xcp"), ("SCSIid", "36001405abcdef\(poolIndex)")]),
            (isoSR, [("location", "10.\(net).9.10:/export/iso"), ("type", "nfs_iso")]),
        ]
        for definition in pbdDefinitions {
            let pbd = newRef()
            insert("PBD", pbd, [
                "uuid": .string(rng.uuid()), "host": .string(ref), "SR": .string(definition.sr),
                "device_config": SimField.map(definition.config), "currently_attached": .bool(true),
                "other_config": SimField.map(definition.sr == sharedSR ? ["storage_driver_domain": dom0] : [:] as KeyValuePairs<String, String>),
            ])
            link("SR", definition.sr, "PBDs", pbd)
            link("host", ref, "PBDs", pbd)
        }

        // PIFs: one per network; VLAN PIFs ride on eth1.
        for plan in networkPlan {
            let pif = newRef()
            let management = plan.network == managementNetwork
            insert("PIF", pif, [
                "uuid": .string(rng.uuid()), "device": .string(plan.device), "network": .string(plan.network),
                "host": .string(ref), "MAC": .string(hostMAC(host: index, device: plan.device)), "MTU": .int(1500),
                "VLAN": .int(Int64(plan.vlan)), "metrics": SimField.nullRef, "physical": .bool(plan.vlan < 0),
                "currently_attached": .bool(true),
                "ip_configuration_mode": .string(management ? "Static" : "None"),
                "IP": .string(management ? address : ""), "netmask": .string(management ? "255.255.0.0" : ""),
                "gateway": .string(management ? "10.\(net).0.1" : ""), "DNS": .string(management ? "10.\(net).0.2" : ""),
                "bond_slave_of": SimField.nullRef, "bond_master_of": SimField.emptySet, "VLAN_master_of": SimField.nullRef,
                "VLAN_slave_of": SimField.emptySet, "management": .bool(management), "other_config": SimField.emptyMap,
                "disallow_unplug": .bool(management), "tunnel_access_PIF_of": SimField.emptySet,
                "tunnel_transport_PIF_of": SimField.emptySet, "ipv6_configuration_mode": .string("None"),
                "IPv6": SimField.emptySet, "ipv6_gateway": .string(""), "primary_address_type": .string("IPv4"),
                "managed": .bool(true), "properties": SimField.map(plan.vlan < 0 ? ["gro": "on"] : [:] as KeyValuePairs<String, String>),
                "capabilities": SimField.emptySet, "igmp_snooping_status": .string("disabled"),
                "sriov_physical_PIF_of": SimField.emptySet, "sriov_logical_PIF_of": SimField.emptySet, "PCI": SimField.nullRef,
            ])
            link("network", plan.network, "PIFs", pif)
            link("host", ref, "PIFs", pif)
        }

        // Physical CPUs. The last host of a larger pool is a generation older (fewer CPU
        // features), as pools grown over the years are: migrations towards it need a check.
        let cpu = index == hostCount - 1 && hostCount >= 3 ? SimCatalog.olderGeneration(of: self.cpu) : self.cpu
        for number in 0..<cpu.threads {
            let cpuRef = newRef()
            insert("host_cpu", cpuRef, [
                "uuid": .string(rng.uuid()), "host": .string(ref), "number": .int(Int64(number)),
                "vendor": .string(cpu.vendor), "speed": .int(Int64(Double(cpu.speed) ?? 0)), "modelname": .string(cpu.modelname),
                "family": .int(Int64(cpu.family) ?? 0), "model": .int(Int64(cpu.model) ?? 0), "stepping": .string(cpu.stepping),
                "flags": .string(cpu.flags), "features": .string(cpu.features), "utilisation": .double(0),
                "other_config": SimField.emptyMap,
            ])
            link("host", ref, "host_CPUs", cpuRef)
        }

        insert("host_metrics", metrics, [
            "uuid": .string(rng.uuid()), "memory_total": .int(memory), "memory_free": .int(0), "live": .bool(true),
            "last_updated": SimField.time(now), "other_config": SimField.emptyMap,
        ])

        let dom0Memory = 4 * SimSize.gib
        let info = SimHostInfo(ref: ref, uuid: uuid, name: name, address: address, localSR: localSR, localThin: ext,
                               memoryTotal: memory, memoryFree: memory - dom0Memory, nextDomid: 1)
        makeControlDomain(ref: dom0, host: info, memory: dom0Memory, bootTime: bootTime)
        hostsInfo.append(info)

        var software = SimField.map(SimCatalog.softwareVersion)
        if case .structure(var map) = software { map["hostname"] = .string(name); software = .structure(map) }
        insert("host", ref, [
            "uuid": .string(uuid), "name_label": .string(name), "name_description": .string("Default install"),
            "memory_overhead": .int(Int64(rng.int(400...900)) * SimSize.mib),
            "allowed_operations": SimField.set(["vm_migrate", "provision", "vm_resume", "evacuate", "vm_start", "reboot", "shutdown"]),
            "current_operations": SimField.emptyMap, "API_version_major": .int(2), "API_version_minor": .int(21),
            "API_version_vendor": .string("XenSource"), "API_version_vendor_implementation": SimField.emptyMap,
            "enabled": .bool(true), "software_version": software,
            "other_config": SimField.map(["agent_start_time": String(bootTime + 60) + ".", "boot_time": String(bootTime) + ".", "iscsi_iqn": "iqn.2024-01.com.example:\(name)"]),
            "capabilities": SimField.set(["xen-3.0-x86_64", "hvm-3.0-x86_32", "hvm-3.0-x86_32p", "hvm-3.0-x86_64", ""]),
            "cpu_configuration": SimField.emptyMap, "sched_policy": .string("credit"),
            "supported_bootloaders": SimField.set(["pygrub", "eliloader"]), "resident_VMs": SimField.emptySet,
            "logging": SimField.emptyMap, "PIFs": SimField.emptySet, "suspend_image_sr": .string(localSR),
            "crash_dump_sr": .string(localSR), "crashdumps": SimField.emptySet, "patches": SimField.emptySet,
            "updates": SimField.emptySet, "PBDs": SimField.emptySet, "host_CPUs": SimField.emptySet,
            "cpu_info": SimField.map([
                ("cpu_count", String(cpu.threads)), ("socket_count", String(cpu.sockets)), ("vendor", cpu.vendor),
                ("speed", cpu.speed), ("modelname", cpu.modelname), ("family", cpu.family), ("model", cpu.model),
                ("stepping", cpu.stepping), ("flags", cpu.flags), ("features", cpu.features),
                ("features_pv", cpu.features), ("features_hvm", cpu.features),
            ]),
            "hostname": .string(name), "address": .string(address), "metrics": .string(metrics),
            "license_params": SimField.map(["sku_type": "free", "restrict_vswitch_controller": "false", "expiry": "30001231T00:00:00Z"]),
            "ha_statefiles": SimField.emptySet, "ha_network_peers": SimField.emptySet, "blobs": SimField.emptyMap,
            "tags": SimField.emptySet, "external_auth_type": .string(""), "external_auth_service_name": .string(""),
            "external_auth_configuration": SimField.emptyMap, "edition": .string("xcp-ng"),
            "license_server": SimField.map(["address": "localhost", "port": "27000"]),
            "bios_strings": SimField.map(["bios-vendor": "Dell Inc.", "system-manufacturer": "Dell Inc.", "system-product-name": "PowerEdge R650"]),
            "power_on_mode": .string(""), "power_on_config": SimField.emptyMap, "local_cache_sr": SimField.nullRef,
            "chipset_info": SimField.map(["iommu": "true"]), "PCIs": SimField.emptySet, "PGPUs": SimField.emptySet,
            "PUSBs": SimField.emptySet, "ssl_legacy": .bool(false), "guest_VCPUs_params": SimField.emptyMap,
            "display": .string("enabled"), "virtual_hardware_platform_versions": .array([.int(0), .int(1), .int(2)]),
            "control_domain": .string(dom0), "updates_requiring_reboot": SimField.emptySet, "features": SimField.emptySet,
            "iscsi_iqn": .string("iqn.2024-01.com.example:\(name)"), "multipathing": .bool(false),
            "certificates": SimField.emptySet, "editions": SimField.set(["xcp-ng"]), "pending_guidances": SimField.emptySet,
            "tls_verification_enabled": .bool(true), "last_software_update": SimField.time(bootTime - 86_400),
            "https_only": .bool(false), "latest_synced_updates_applied": .string("unknown"),
            "numa_affinity_policy": .string("default_policy"),
        ])
    }

    private func hostMAC(host: Int, device: String) -> String {
        let port = device == "eth0" ? 0 : 1
        let value = (poolIndex & 0xFF) << 16 | (host & 0xFF) << 8 | port
        return "b4:96:91:" + [value >> 16, (value >> 8) & 0xFF, value & 0xFF].map { String($0, radix: 16).leftPadded(2) }.joined(separator: ":")
    }

    private mutating func makeControlDomain(ref: String, host: SimHostInfo, memory: Int64, bootTime: Int64) {
        let metrics = newRef()
        insert("VM_metrics", metrics, vmMetricsRecord(memory: memory, vcpus: 8, start: bootTime, running: true, domainType: "pv"))
        var record = baseVMRecord(name: "Control domain on host: \(host.name)", description: "The domain which manages physical devices and manages other domains")
        record["power_state"] = .string("Running")
        record["is_control_domain"] = .bool(true)
        record["resident_on"] = .string(host.ref)
        record["domid"] = .int(0)
        record["memory_static_max"] = .int(memory)
        record["memory_dynamic_max"] = .int(memory)
        record["memory_dynamic_min"] = .int(memory)
        record["memory_static_min"] = .int(memory)
        record["memory_target"] = .int(memory)
        record["VCPUs_max"] = .int(8)
        record["VCPUs_at_startup"] = .int(8)
        record["metrics"] = .string(metrics)
        record["domain_type"] = .string("pv")
        record["allowed_operations"] = SimField.set(["changing_dynamic_range", "changing_memory_limits", "metadata_export", "call_plugin"])
        record["consoles"] = SimField.set(makeConsoles(vm: ref, address: host.address))
        insert("VM", ref, record)
        link("host", host.ref, "resident_VMs", ref)
    }
}
