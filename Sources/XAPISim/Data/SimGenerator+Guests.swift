import OrderedCollections
import XAPI

/// What a guest will be, decided before hosts exist (host memory is sized from it).
struct SimGuestSpec {
    let name: String
    let role: SimCatalog.Role
    let os: SimCatalog.GuestOS
    var power: String
    let memory: Int64
    let dynamicMin: Int64
    let vcpus: Int
    let vcpusMax: Int
    let disks: [Int64]
    let vifCount: Int
    let tags: [String]
    let pvDrivers: Bool
    let guestAgent: Bool
    let snapshots: Int
    let hvm: Bool
    let cdInserted: Bool
    let blocked: Bool
}

extension SimPoolGenerator {
    mutating func makeGuestSpecs() -> [SimGuestSpec] {
        var counters = [String: Int]()
        var specs = [SimGuestSpec]()
        specs.reserveCapacity(vmCount)
        var blockedGiven = false
        for _ in 0..<vmCount {
            let role = rng.pick(SimCatalog.roles)
            let number = counters[role.prefix, default: 0] + 1
            counters[role.prefix] = number
            let os = rng.weighted(role.windows ? SimCatalog.windowsGuests : SimCatalog.linuxGuests)
            let power = rng.weighted([("Running", 75), ("Halted", 17), ("Suspended", 5), ("Paused", 3)])
            let gib: Int64 = role.windows ? rng.weighted([(4, 3), (8, 4), (16, 2), (32, 1)]) : rng.weighted([(1, 3), (2, 5), (4, 5), (8, 3), (16, 2), (32, 1)])
            let memory = gib * SimSize.gib
            let vcpus = rng.weighted([(1, 2), (2, 5), (4, 4), (8, 2), (16, 1)])
            var disks: [Int64] = [Int64(rng.pick(role.windows ? [60, 80, 100, 128] : [10, 20, 32, 40, 50, 80])) * SimSize.gib]
            if rng.chance(0.3) { disks.append(Int64(rng.pick([50, 100, 200, 500, 1000])) * SimSize.gib) }
            var tags = role.tags
            if poolIndex == 0 { tags.append("prod") } else if rng.chance(0.3) { tags.append(rng.pick(["staging", "dev", "test"])) }
            if rng.chance(0.1) { tags.append(rng.pick(["backup-daily", "critical", "legacy", "owner:alice", "owner:bob"])) }
            let blocked = !blockedGiven && role.prefix == "db"
            if blocked { blockedGiven = true }
            specs.append(SimGuestSpec(
                name: role.prefix + "-" + String(number).leftPadded(2), role: role, os: os, power: power,
                memory: memory, dynamicMin: rng.chance(0.3) ? memory / 2 : memory, vcpus: vcpus,
                vcpusMax: rng.chance(0.2) ? vcpus * 2 : vcpus, disks: disks, vifCount: rng.chance(0.2) ? 2 : 1,
                tags: tags, pvDrivers: rng.chance(0.85), guestAgent: rng.chance(0.92),
                snapshots: rng.chance(0.08) ? rng.int(1...3) : 0, hvm: role.windows || rng.chance(0.8),
                cdInserted: rng.chance(0.15), blocked: blocked))
        }
        return specs
    }

    /// The smallest standard host size that holds the running guests with headroom.
    func chooseHostMemory(for specs: [SimGuestSpec]) -> Int64 {
        var demand: Int64 = 0
        for spec in specs where spec.power == "Running" || spec.power == "Paused" { demand += spec.memory }
        for size in SimCatalog.hostMemoryGiB {
            let perHost = size * SimSize.gib - 4 * SimSize.gib
            if perHost * Int64(hostCount) * 8 / 10 >= demand { return size * SimSize.gib }
        }
        return (SimCatalog.hostMemoryGiB.last ?? 256) * SimSize.gib
    }

    mutating func makeGuest(_ input: SimGuestSpec) {
        var spec = input
        var hostIndex: Int? = nil
        if spec.power == "Running" || spec.power == "Paused" {
            hostIndex = placeGuest(memory: spec.memory)
            if hostIndex == nil { spec.power = "Halted" }
        }
        let ref = newRef()
        let uuid = rng.uuid()
        let live = hostIndex != nil
        let host = hostIndex.map { hostsInfo[$0] }
        let startTime = live ? now - Int64(rng.int(600...(200 * 86_400))) : 0

        var record = baseVMRecord(name: spec.name, description: spec.role.description)
        record["uuid"] = .string(uuid)
        record["power_state"] = .string(spec.power)
        record["memory_static_max"] = .int(spec.memory)
        record["memory_dynamic_max"] = .int(spec.memory)
        record["memory_dynamic_min"] = .int(spec.dynamicMin)
        record["memory_static_min"] = .int(min(spec.dynamicMin, 512 * SimSize.mib))
        record["memory_target"] = .int(live ? spec.memory : 0)
        record["memory_overhead"] = .int(spec.memory / 100 + 8 * SimSize.mib)
        record["VCPUs_max"] = .int(Int64(spec.vcpusMax))
        record["VCPUs_at_startup"] = .int(Int64(spec.vcpus))
        record["tags"] = SimField.set(spec.tags)
        record["domain_type"] = .string(spec.hvm ? "hvm" : "pv")
        record["HVM_boot_policy"] = .string(spec.hvm ? "BIOS order" : "")
        record["HVM_boot_params"] = spec.hvm ? SimField.map(["order": "cd", "firmware": "bios"]) : SimField.emptyMap
        record["PV_bootloader"] = .string(spec.hvm ? "" : "pygrub")
        record["platform"] = SimField.map([("timeoffset", "0"), ("device-model", "qemu-upstream-compat"), ("viridian", spec.os.windows ? "true" : "false"), ("acpi", "1"), ("apic", "true"), ("pae", "true"), ("nx", "true"), ("vga", "std"), ("videoram", "8"), ("cores-per-socket", String(min(spec.vcpus, 2)))])
        record["other_config"] = SimField.map([("base_template_name", templateName(for: spec.os)), ("install-methods", "cdrom,nfs,http,ftp"), ("mac_seed", rng.uuid()), ("auto_poweron", spec.tags.contains("prod") ? "true" : "false")])
        if spec.blocked { record["blocked_operations"] = .structure(["destroy": .string("true"), "hard_shutdown": .string("Production database: ask the DBA team")]) }
        let operations = SimVMOperations.allowed(power: spec.power, pvDrivers: spec.pvDrivers && spec.guestAgent)
        record["allowed_operations"] = SimField.set(operations.filter { spec.blocked ? $0 != "destroy" : true })
        if let host {
            record["resident_on"] = .string(host.ref)
            record["domid"] = .int(host.nextDomid)
            if let hostIndex { hostsInfo[hostIndex].nextDomid += 1 }
            link("host", host.ref, "resident_VMs", ref)
            if rng.chance(0.2) { record["affinity"] = .string(host.ref) }
        }
        if spec.power == "Suspended" {
            let suspend = newRef()
            insert("VDI", suspend, vdiRecord(name: "Suspend image", description: "", sr: sharedSR, size: spec.memory + 16 * SimSize.mib, used: spec.memory, type: "suspend", readOnly: false, location: "", attached: false))
            link("SR", sharedSR, "VDIs", suspend)
            record["suspend_VDI"] = .string(suspend)
            record["suspend_SR"] = .string(sharedSR)
            record["last_booted_record"] = .string("")
        }

        let metrics = newRef()
        insert("VM_metrics", metrics, vmMetricsRecord(memory: live ? spec.memory : 0, vcpus: live ? spec.vcpus : 0, start: startTime, running: live, domainType: spec.hvm ? "hvm" : "pv"))
        record["metrics"] = .string(metrics)

        // Guest network interfaces with addresses the guest agent reports.
        var addresses = [(String, String)]()
        var vifs = [String]()
        var vbds = [String]()
        for device in 0..<spec.vifCount {
            let network = device == 0 ? primaryNetwork(for: spec.role) : rng.pick(guestNetworks).ref
            let subnet = guestNetworks.first { $0.ref == network }?.subnet ?? 0
            let mac = nextMAC()
            let vif = newRef()
            insert("VIF", vif, vifRecord(vm: ref, network: network, device: device, mac: mac, attached: live))
            vifs.append(vif)
            link("network", network, "VIFs", vif)
            ipCounter += 1
            let ip = "10.\(poolIndex % 256).\(subnet * 10 + 4 + ipCounter / 250 % 6).\(ipCounter % 250 + 2)"
            addresses.append(("\(device)/ip", ip))
            addresses.append(("\(device)/ipv4/0", ip))
            addresses.append(("\(device)/ipv6/0", linkLocal(mac)))
        }

        // Disks (on the shared SR, or the host's local SR for some running guests) and a CD drive.
        let localSR = host != nil && rng.chance(0.15) ? host : nil
        var diskVDIs = [(vdi: String, size: Int64, device: String)]()
        for (position, size) in spec.disks.enumerated() {
            let sr = localSR?.localSR ?? sharedSR
            let thick = localSR.map { !$0.localThin } ?? (poolIndex % 2 == 1)
            let used = thick ? size : size * Int64(rng.int(8...70)) / 100
            let vdi = newRef()
            let vbd = newRef()
            var disk = vdiRecord(name: "\(spec.name) \(position)", description: position == 0 ? "Created by template provisioner" : "Data disk", sr: sr, size: size, used: used, type: "user", readOnly: false, location: "", attached: live)
            disk["VBDs"] = SimField.set([vbd])
            insert("VDI", vdi, disk)
            link("SR", sr, "VDIs", vdi)
            let device = "xvd" + String(UnicodeScalar(UInt8(97 + position)))
            insert("VBD", vbd, vbdRecord(vm: ref, vdi: vdi, device: device, userdevice: String(position), type: "Disk", bootable: position == 0, empty: false, attached: live))
            vbds.append(vbd)
            diskVDIs.append((vdi, size, device))
        }
        let cdVDI = spec.cdInserted && !isoVDIs.isEmpty ? rng.pick(isoVDIs) : "OpaqueRef:NULL"
        let cd = newRef()
        insert("VBD", cd, vbdRecord(vm: ref, vdi: cdVDI, device: "xvdd", userdevice: "3", type: "CD", bootable: false, empty: cdVDI == "OpaqueRef:NULL", attached: live))
        vbds.append(cd)
        record["VIFs"] = SimField.set(vifs)
        record["VBDs"] = SimField.set(vbds)
        if cdVDI != "OpaqueRef:NULL" { link("VDI", cdVDI, "VBDs", cd) }

        if let host { record["consoles"] = SimField.set(makeConsoles(vm: ref, address: host.address, text: !spec.hvm)) }

        // The guest agent's report survives suspend and pause, not shutdown.
        if spec.power != "Halted" && spec.guestAgent {
            let guestMetrics = newRef()
            insert("VM_guest_metrics", guestMetrics, guestMetricsRecord(os: spec.os, drivers: spec.pvDrivers, networks: addresses, updated: max(startTime, now - 3600)))
            record["guest_metrics"] = .string(guestMetrics)
        }
        insert("VM", ref, record)
        messageSubjects.append((uuid, spec.name, live))

        for index in 0..<spec.snapshots {
            makeSnapshot(of: ref, record: record, disks: diskVDIs, index: index, spec: spec)
        }
    }

    /// First fit from a rotating start, so guests spread over the hosts in linear time.
    private mutating func placeGuest(memory: Int64) -> Int? {
        for attempt in 0..<hostsInfo.count {
            let index = (placementCursor + attempt) % hostsInfo.count
            if hostsInfo[index].memoryFree >= memory {
                hostsInfo[index].memoryFree -= memory
                placementCursor = (index + 1) % hostsInfo.count
                return index
            }
        }
        return nil
    }

    private func primaryNetwork(for role: SimCatalog.Role) -> String {
        func network(_ subnet: Int) -> String { guestNetworks.first { $0.subnet == subnet }?.ref ?? managementNetwork }
        if role.tags.contains("frontend") { return network(2) }
        if role.tags.contains("backend") || role.tags.contains("database") { return network(3) }
        if role.prefix == "vpn" || role.prefix == "mail" { return network(4) }
        return managementNetwork
    }

    private func linkLocal(_ mac: String) -> String {
        let bytes = mac.split(separator: ":").compactMap { UInt8($0, radix: 16) }
        guard bytes.count == 6 else { return "fe80::1" }
        func group(_ a: UInt8, _ b: UInt8) -> String { String(UInt16(a) << 8 | UInt16(b), radix: 16) }
        return "fe80::" + [group(bytes[0] ^ 0x02, bytes[1]), group(bytes[2], 0xff), group(0xfe, bytes[3]), group(bytes[4], bytes[5])].joined(separator: ":")
    }

    private func templateName(for os: SimCatalog.GuestOS) -> String {
        switch os.distro {
        case "debian": return os.major == "12" ? "Debian Bookworm 12" : "Debian Bullseye 11"
        case "ubuntu": return os.major == "24" ? "Ubuntu Noble Numbat 24.04" : "Ubuntu Jammy Jellyfish 22.04"
        case "rocky": return "Rocky Linux 9"
        case "almalinux": return "AlmaLinux 8"
        case "centos": return "CentOS 7"
        case "alpine": return "Alpine Linux 3.20"
        case "windows": return os.name.contains("2019") ? "Windows Server 2019 (64-bit)" : "Windows Server 2022 (64-bit)"
        default: return "Other install media"
        }
    }

    private mutating func makeSnapshot(of vm: String, record original: XAPIStruct, disks: [(vdi: String, size: Int64, device: String)], index: Int, spec: SimGuestSpec) {
        let ref = newRef()
        let time = now - Int64((spec.snapshots - index) * rng.int(3_600...(14 * 86_400)))
        var record = original
        record["uuid"] = .string(rng.uuid())
        record["name_label"] = .string(rng.pick(["\(spec.name) before upgrade", "\(spec.name) nightly", "\(spec.name) pre-patch", "\(spec.name) snapshot \(index + 1)"]))
        record["is_a_template"] = .bool(true)  // xapi marks snapshots as templates too
        record["is_a_snapshot"] = .bool(true)
        record["snapshot_of"] = .string(vm)
        record["snapshot_time"] = SimField.time(time)
        record["power_state"] = .string("Halted")
        record["resident_on"] = SimField.nullRef
        record["affinity"] = SimField.nullRef
        record["domid"] = .int(-1)
        record["suspend_VDI"] = SimField.nullRef
        record["guest_metrics"] = SimField.nullRef
        record["blocked_operations"] = SimField.emptyMap
        record["memory_target"] = .int(0)
        record["allowed_operations"] = SimField.set(["revert", "clone", "copy", "export", "destroy", "metadata_export", "create_template"])
        record["VIFs"] = SimField.emptySet
        record["VBDs"] = SimField.emptySet
        record["consoles"] = SimField.emptySet
        record["snapshots"] = SimField.emptySet
        record["snapshot_info"] = SimField.map(["power-state-at-snapshot": spec.power])
        let metrics = newRef()
        insert("VM_metrics", metrics, vmMetricsRecord(memory: 0, vcpus: 0, start: 0, running: false, domainType: spec.hvm ? "hvm" : "pv"))
        record["metrics"] = .string(metrics)
        for (position, disk) in disks.enumerated() {
            let sr = tables["VDI"]?[disk.vdi]?["SR"]?.stringValue ?? sharedSR
            let vdi = newRef()
            var vdiRecord = vdiRecord(name: "\(spec.name) \(position)", description: "Snapshot of \(spec.name)", sr: sr, size: disk.size, used: disk.size / 20, type: "user", readOnly: false, location: "", attached: false)
            vdiRecord["is_a_snapshot"] = .bool(true)
            vdiRecord["snapshot_of"] = .string(disk.vdi)
            vdiRecord["snapshot_time"] = SimField.time(time)
            insert("VDI", vdi, vdiRecord)
            link("SR", sr, "VDIs", vdi)
            link("VDI", disk.vdi, "snapshots", vdi)
            let vbd = newRef()
            insert("VBD", vbd, vbdRecord(vm: ref, vdi: vdi, device: disk.device, userdevice: String(position), type: "Disk", bootable: position == 0, empty: false, attached: false))
            link("VM", ref, "VBDs", vbd)
            link("VDI", vdi, "VBDs", vbd)
        }
        insert("VM", ref, record)
        link("VM", vm, "snapshots", ref)
    }

    mutating func makeTemplates() {
        for template in SimCatalog.defaultTemplates {
            let ref = newRef()
            var record = baseVMRecord(name: template.name, description: "Template that allows VM installation from install media")
            record["is_a_template"] = .bool(true)
            record["is_default_template"] = .bool(true)
            record["memory_static_max"] = .int((template.windows ? 4 : 2) * SimSize.gib)
            record["memory_dynamic_max"] = .int((template.windows ? 4 : 2) * SimSize.gib)
            record["memory_dynamic_min"] = .int((template.windows ? 4 : 2) * SimSize.gib)
            record["memory_static_min"] = .int((template.windows ? 4 : 2) * SimSize.gib)
            record["VCPUs_max"] = .int(2)
            record["VCPUs_at_startup"] = .int(2)
            record["other_config"] = SimField.map([
                ("default_template", "true"), ("install-methods", "cdrom,nfs,http,ftp"),
                (template.windows ? "windows_template" : "linux_template", "true"),
                ("disks", "<provision><disk device=\"0\" size=\"\(template.windows ? 68_719_476_736 : 10_737_418_240)\" sr=\"\" bootable=\"true\" type=\"system\"/></provision>"),
            ])
            record["allowed_operations"] = SimField.set(["clone", "copy", "export", "provision", "changing_static_range", "changing_dynamic_range", "changing_VCPUs", "changing_memory_limits"])
            let metrics = newRef()
            insert("VM_metrics", metrics, vmMetricsRecord(memory: 0, vcpus: 0, start: 0, running: false, domainType: template.windows ? "hvm" : "pv"))
            record["metrics"] = .string(metrics)
            insert("VM", ref, record)
        }
        // A custom template with its own disk, the kind admins keep for quick clones.
        let ref = newRef()
        var record = baseVMRecord(name: "tpl-debian12-base", description: "Hardened Debian 12 image, cloud-init enabled")
        record["is_a_template"] = .bool(true)
        record["memory_static_max"] = .int(2 * SimSize.gib)
        record["memory_dynamic_max"] = .int(2 * SimSize.gib)
        record["memory_dynamic_min"] = .int(2 * SimSize.gib)
        record["memory_static_min"] = .int(512 * SimSize.mib)
        record["VCPUs_max"] = .int(2)
        record["VCPUs_at_startup"] = .int(2)
        record["tags"] = SimField.set(["template"])
        record["allowed_operations"] = SimField.set(["clone", "copy", "export", "provision", "destroy", "changing_static_range", "changing_dynamic_range", "changing_VCPUs"])
        let metrics = newRef()
        insert("VM_metrics", metrics, vmMetricsRecord(memory: 0, vcpus: 0, start: 0, running: false, domainType: "hvm"))
        record["metrics"] = .string(metrics)
        let vdi = newRef()
        insert("VDI", vdi, vdiRecord(name: "tpl-debian12-base 0", description: "", sr: sharedSR, size: 10 * SimSize.gib, used: 3 * SimSize.gib, type: "user", readOnly: false, location: "", attached: false))
        link("SR", sharedSR, "VDIs", vdi)
        let vbd = newRef()
        insert("VBD", vbd, vbdRecord(vm: ref, vdi: vdi, device: "xvda", userdevice: "0", type: "Disk", bootable: true, empty: false, attached: false))
        link("VM", ref, "VBDs", vbd)
        link("VDI", vdi, "VBDs", vbd)
        insert("VM", ref, record)
    }
}
