import Foundation
import Inventory
import Terminal
import XAPI

/// The content of a details tab as lines of spans: a pure function of the inventory.
struct DetailsLines {
    let entry: PoolEntry
    let theme: Theme
    /// For the Tasks tabs: the tasks the log pane follows.
    var logPane = LogPane()
    var now = Date(timeIntervalSince1970: 0)
    /// The pane's width, for lines that cut their end with an ellipsis.
    var width = 200
    var inventory: PoolInventory { entry.inventory }

    static let labelWidth = 11

    func field(_ label: String, _ value: [Span]) -> [Span] {
        [Span(label.padded(toWidth: Self.labelWidth), style: theme.style(.textDim))] + value
    }

    func field(_ label: String, _ value: String, _ role: ThemeRole = .text) -> [Span] {
        field(label, [Span(value, style: theme.style(role))])
    }

    func text(_ value: String, _ role: ThemeRole = .text) -> [Span] { [Span(value, style: theme.style(role))] }

    /// A list field (IPs, tags, operations) wrapped at its commas onto as many lines as it needs
    /// (at most `maxLines`, the last one saying how many more), instead of being cut at the edge.
    func listField(_ label: String, _ items: [String], empty: String, maxLines: Int = 3) -> [[Span]] {
        guard !items.isEmpty else { return [field(label, empty, .textDim)] }
        let room = max(8, width - Self.labelWidth)
        var rows: [String] = []
        var current = ""
        for (index, item) in items.enumerated() {
            let piece = current.isEmpty ? item : current + ", " + item
            if current.isEmpty || displayWidth(of: piece) + (index < items.count - 1 ? 1 : 0) <= room {
                current = piece
                continue
            }
            rows.append(current + ",")
            current = item
            if rows.count == maxLines - 1 {
                let rest = items.count - index
                let tail = rest > 1 ? "\(item) and \(rest - 1) more" : item
                rows.append(tail)
                current = ""
                break
            }
        }
        if !current.isEmpty { rows.append(current) }
        return rows.enumerated().map { index, row in field(index == 0 ? label : "", row) }
    }

    func powerSpan(_ state: VMPowerState) -> Span {
        Span(Glyphs.power(state), style: theme.style(ThemeRole.power(Glyphs.powerName(state)) ?? .statusError))
    }

    func lines(for id: TreeNodeID, tab: DetailsTab) -> [[Span]] {
        switch id.kind {
        case .vm:
            guard let vm = inventory.vms[Ref(id.ref)] else { return [] }
            switch tab {
            case .network: return vmNetwork(vm)
            case .disks: return vmDisks(vm)
            case .snapshots: return vmSnapshots(vm)
            case .tasks: return tasks(concerning: id, running: vm.current_operations.mapValues(\.rawValue))
            default: return vmGeneral(vm)
            }
        case .host:
            guard let host = inventory.hosts[Ref(id.ref)] else { return [] }
            switch tab {
            case .vms: return hostVMs(Ref(id.ref))
            case .network: return hostNetwork(host)
            case .storage: return hostStorage(host, ref: Ref(id.ref))
            default: return hostGeneral(host, ref: Ref(id.ref))
            }
        case .pool:
            switch tab {
            case .hosts: return poolHosts()
            case .srs: return poolSRs()
            case .tasks: return tasks(concerning: id, running: [:])
            default: return poolGeneral()
            }
        case .sr:
            guard let sr = inventory.srs[Ref(id.ref)] else { return [] }
            return srGeneral(sr)
        case .network:
            guard let network = inventory.networks[Ref(id.ref)] else { return [] }
            return [field("Bridge", network.bridge), field("MTU", "\(network.MTU)"), field("VIFs", "\(network.VIFs.count)"),
                    field("PIFs", "\(network.PIFs.count)")]
        case .storageGroup: return poolSRs()
        case .networkGroup:
            return entry.tree.networks.compactMap { inventory.networks[$0] }.map { text("\($0.name_label)  \($0.bridge)") }
        }
    }

    // MARK: VM

    func vmGeneral(_ vm: VMRecord) -> [[Span]] {
        let metrics = inventory.vmGuestMetrics[vm.guest_metrics]
        var lines: [[Span]] = []
        if !vm.name_description.isEmpty { lines.append(text(vm.name_description, .textDim)) }
        lines.append(field("OS", operatingSystem(metrics).map { [Span($0, style: theme.style(.text))] } ?? text("unknown", .textDim)))
        if let version = pvDrivers(metrics) {
            lines.append(field("PV drivers", version))
        } else {
            lines.append(field("PV drivers", "not detected", .statusWarn))
        }
        let vcpus = vm.VCPUs_at_startup == vm.VCPUs_max ? "\(vm.VCPUs_max)" : "\(vm.VCPUs_at_startup) of \(vm.VCPUs_max)"
        lines.append(field("vCPUs", vcpus))
        lines.append(field("Memory", "\(ByteCount.format(vm.memory_dynamic_max)) / \(ByteCount.format(vm.memory_static_max))"))
        let ips = addresses(metrics)
        lines += listField("IPs", ips, empty: "none reported")
        lines += listField("Tags", vm.tags, empty: "none")
        lines += listField("Operations", vm.allowed_operations.map(\.rawValue).sorted(), empty: "none")
        return lines
    }

    func operatingSystem(_ metrics: VMGuestMetricsRecord?) -> String? {
        guard let os = metrics?.os_version else { return nil }
        let name = os["name"].map { $0.split(separator: "|").first.map(String.init) ?? $0 } ?? os["distro"]
        guard let name, !name.isEmpty else { return os["uname"] }
        if let uname = os["uname"], !uname.isEmpty { return "\(name) (\(uname))" }
        return name
    }

    func pvDrivers(_ metrics: VMGuestMetricsRecord?) -> String? {
        guard let metrics, metrics.PV_drivers_detected || !metrics.PV_drivers_version.isEmpty else { return nil }
        let v = metrics.PV_drivers_version
        let parts = ["major", "minor", "micro"].compactMap { v[$0] }
        return parts.isEmpty ? "detected" : parts.joined(separator: ".")
    }

    /// Guest-reported addresses by device then key (`0/ip`, `0/ipv4/0`, `0/ipv6/0`), without repeats.
    func addresses(_ metrics: VMGuestMetricsRecord?) -> [String] {
        guard let networks = metrics?.networks else { return [] }
        var seen: Set<String> = []
        return networks.sorted { $0.key < $1.key }.map(\.value).filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    func vmNetwork(_ vm: VMRecord) -> [[Span]] {
        let networks = inventory.vmGuestMetrics[vm.guest_metrics]?.networks ?? [:]
        let vifs = vm.VIFs.compactMap { inventory.vifs[$0] }.sorted { $0.device < $1.device }
        if vifs.isEmpty { return [text("No network interfaces", .textDim)] }
        return vifs.map { vif in
            let network = inventory.networks[vif.network]?.name_label ?? "?"
            let ip = networks["\(vif.device)/ip"] ?? networks["\(vif.device)/ipv4/0"] ?? ""
            return text("eth\(vif.device)".padded(toWidth: 6) + network.padded(toWidth: 18) + " " + vif.MAC + (ip.isEmpty ? "" : "  " + ip))
        }
    }

    func vmDisks(_ vm: VMRecord) -> [[Span]] {
        let vbds = vm.VBDs.compactMap { inventory.vbds[$0] }.sorted { (Int($0.userdevice) ?? 0) < (Int($1.userdevice) ?? 0) }
        if vbds.isEmpty { return [text("No disks", .textDim)] }
        return vbds.map { vbd in
            let device = vbd.device.isEmpty ? "#\(vbd.userdevice)" : vbd.device
            guard !vbd.empty, let vdi = inventory.vdis[vbd.VDI] else {
                return text(device.padded(toWidth: 7) + (vbd.type == .cd ? "CD drive, empty" : "empty"), .textDim)
            }
            let sr = inventory.srs[vdi.SR]?.name_label ?? "?"
            return text(device.padded(toWidth: 7) + vdi.name_label.padded(toWidth: 18) + " "
                        + ByteCount.format(vdi.virtual_size).padded(toWidth: 9, alignRight: true) + "  " + sr)
        }
    }

    func vmSnapshots(_ vm: VMRecord) -> [[Span]] {
        let snapshots = vm.snapshots.compactMap { inventory.vms[$0] }.sorted { $0.snapshot_time < $1.snapshot_time }
        if snapshots.isEmpty { return [text("No snapshots", .textDim)] }
        return snapshots.map { text(Self.time($0.snapshot_time) + "  " + $0.name_label) }
    }

    static func time(_ time: XAPIDateTime) -> String {
        let wire = time.wireString
        guard wire.count >= 17 else { return wire }
        let c = Array(wire)
        return "\(String(c[0..<4]))-\(String(c[4..<6]))-\(String(c[6..<8])) \(String(c[9..<14]))"
    }

    /// The log pane's task lines about the object (a pool: all its tasks), newest first; then
    /// operations `current_operations` lists whose task the pane has not seen.
    func tasks(concerning id: TreeNodeID, running current: [String: String]) -> [[Span]] {
        let entries = logPane.tasks(concerning: id)
        let seen = Set(entries.compactMap { $0.task?.ref })
        var lines: [[Span]] = entries.reversed().compactMap { entry in
            entry.task.map { LogView.taskSpans($0, entry: entry, now: now, theme: theme, width: width) }
        }
        for (ref, operation) in current.sorted(by: { $0.key < $1.key }) where !seen.contains(ref) {
            let progress = inventory.tasks[Ref(ref)].map { " \(Int(($0.progress * 100).rounded()))%" } ?? ""
            lines.append([Span(Glyphs.busy + " ", style: theme.style(.taskRunning)), Span(operation + progress, style: theme.style(.text))])
        }
        return lines.isEmpty ? [text("No tasks", .textDim)] : lines
    }

    // MARK: Host

    func hostGeneral(_ host: HostRecord, ref: Ref<HostRecord>) -> [[Span]] {
        var lines: [[Span]] = []
        lines.append(field("Address", host.address))
        let isMaster = entry.tree.pool.flatMap { inventory.pools[$0]?.master } == ref
        lines.append(field("Role", isMaster ? "pool master" : "member"))
        lines.append(host.enabled ? field("State", "enabled", .statusOK) : field("State", "disabled (maintenance)", .statusWarn))
        let model = host.cpu_info["modelname"] ?? ""
        let count = host.cpu_info["cpu_count"] ?? (host.host_CPUs.isEmpty ? "" : "\(host.host_CPUs.count)")
        if count.isEmpty && model.isEmpty {
            lines.append(field("CPUs", "unknown", .textDim))
        } else {
            lines.append(field("CPUs", model.isEmpty ? count : "\(count) × \(model)"))
        }
        lines.append(field("Memory", hostMemory(host, ref: ref)))
        let product = [host.software_version["product_brand"], host.software_version["product_version"]].compactMap { $0 }.joined(separator: " ")
        lines.append(field("Software", product.isEmpty ? (host.software_version["xapi"].map { "xapi \($0)" } ?? "unknown") : product))
        let counts = entry.hostCounts[ref] ?? PowerCounts()
        lines.append(field("VMs", countSpans(counts)))
        return lines
    }

    /// `used / total`: host_metrics' total less its free memory when the host reports it (newer
    /// xapi marks `memory_free` removed and sends 0), else the memory of the VMs running there,
    /// dom0 included.
    func hostMemory(_ host: HostRecord, ref: Ref<HostRecord>) -> String {
        let metrics = inventory.hostMetrics[host.metrics]
        let total = metrics?.memory_total ?? 0
        let used: Int64
        if let metrics, metrics.memory_free > 0, metrics.memory_total >= metrics.memory_free {
            used = metrics.memory_total - metrics.memory_free
        } else {
            used = residentVMs(ref, host: host).reduce(0) { $0 + vmMemory($1) }
        }
        return total > 0 ? "\(ByteCount.format(used)) / \(ByteCount.format(total))" : "\(ByteCount.format(used)) used"
    }

    /// Every VM running on the host, dom0 included: `resident_VMs`, else a scan by `resident_on`.
    func residentVMs(_ ref: Ref<HostRecord>, host: HostRecord) -> [VMRecord] {
        if !host.resident_VMs.isEmpty { return host.resident_VMs.compactMap { inventory.vms[$0] } }
        return inventory.vms.records.values.filter { $0.resident_on == ref }
    }

    /// What a VM takes from its host: `memory_actual` when running and reported, else its dynamic maximum.
    func vmMemory(_ vm: VMRecord) -> Int64 {
        guard vm.power_state == .running || vm.power_state == .paused else { return 0 }
        if let actual = inventory.vmMetrics[vm.metrics]?.memory_actual, actual > 0 { return actual }
        return vm.memory_dynamic_max > 0 ? vm.memory_dynamic_max : vm.memory_static_max
    }

    /// `● 2  ◌ 1`, as the tree shows them.
    func shortCountSpans(_ counts: PowerCounts) -> [Span] {
        [powerSpan(.running), Span(" \(counts.running)  ", style: theme.style(.text)),
         powerSpan(.halted), Span(" \(counts.halted)", style: theme.style(.text))]
    }

    func countSpans(_ counts: PowerCounts) -> [Span] {
        [powerSpan(.running), Span(" \(counts.running) running  ", style: theme.style(.text)),
         powerSpan(.halted), Span(" \(counts.halted) not running", style: theme.style(.text))]
    }

    func hostVMs(_ ref: Ref<HostRecord>) -> [[Span]] {
        let resident = entry.tree.hosts.first { $0.ref == ref }?.vms ?? []
        let refs = resident + (entry.haltedByHost[ref] ?? [])
        if refs.isEmpty { return [text("No VMs", .textDim)] }
        return refs.compactMap { inventory.vms[$0] }.map { vm in
            let memory = vm.power_state == .running || vm.power_state == .paused ? ByteCount.format(vmMemory(vm)) : "-"
            return [powerSpan(vm.power_state),
                    Span(" " + vm.name_label.truncated(toWidth: 24).padded(toWidth: 24) + " " + Glyphs.powerName(vm.power_state).padded(toWidth: 10)
                         + memory.padded(toWidth: 9, alignRight: true) + "  \(vm.VCPUs_at_startup) vCPU", style: theme.style(.text))]
        }
    }

    /// The host's physical interfaces: device, network, address, MAC, MTU, VLAN, attached or not.
    /// (Link speed and carrier live in PIF_metrics, which the inventory does not keep.)
    func hostNetwork(_ host: HostRecord) -> [[Span]] {
        let pifs = host.PIFs.compactMap { inventory.pifs[$0] }.sorted { ($0.device, $0.VLAN) < ($1.device, $1.VLAN) }
        if pifs.isEmpty { return [text("No network interfaces", .textDim)] }
        let columns = [("Device", 8), ("Network", 20), ("IP", 16), ("MAC", 18), ("MTU", 6)]
        var lines = [text(columns.map { $0.0.padded(toWidth: $0.1) }.joined() + "Link", .header)]
        for pif in pifs {
            let device = pif.VLAN > 0 ? "\(pif.device).\(pif.VLAN)" : pif.device
            let network = inventory.networks[pif.network]?.name_label ?? "?"
            let address = pif.IP.isEmpty ? "-" : pif.IP
            var line = [Span(device.padded(toWidth: 8) + network.truncated(toWidth: 19).padded(toWidth: 20) + address.padded(toWidth: 16)
                             + pif.MAC.padded(toWidth: 18) + "\(pif.MTU)".padded(toWidth: 6), style: theme.style(.text))]
            line.append(pif.currently_attached ? Span("up", style: theme.style(.statusOK)) : Span("down", style: theme.style(.statusWarn)))
            if pif.management { line.append(Span("  mgmt", style: theme.style(.textDim))) }
            lines.append(line)
        }
        return lines
    }

    /// The SRs the host has a PBD for: attached or not, type, shared, used / size.
    func hostStorage(_ host: HostRecord, ref: Ref<HostRecord>) -> [[Span]] {
        let pbds = host.PBDs.compactMap { inventory.pbds[$0] }
        let found = pbds.isEmpty ? inventory.pbds.records.values.filter { $0.host == ref } : pbds
        let attached = found.compactMap { pbd in inventory.srs[pbd.SR].map { (sr: $0, attached: pbd.currently_attached) } }
            .sorted { $0.sr.name_label.lowercased() < $1.sr.name_label.lowercased() }
        if attached.isEmpty { return [text("No storage", .textDim)] }
        var lines = [text("SR                   Type   Shared  Used / size", .header)]
        for (sr, isAttached) in attached {
            var line = srLine(sr)
            line.append(isAttached ? Span("  attached", style: theme.style(.statusOK)) : Span("  unplugged", style: theme.style(.statusWarn)))
            lines.append(line)
        }
        return lines
    }

    // MARK: Pool

    func poolGeneral() -> [[Span]] {
        let pool = entry.tree.pool.flatMap { inventory.pools[$0] }
        var lines: [[Span]] = []
        lines.append(field("Master", pool.flatMap { inventory.hosts[$0.master]?.name_label } ?? "unknown"))
        lines.append(field("HA", pool?.ha_enabled == true ? "enabled" : "disabled"))
        lines.append(field("Default SR", pool.flatMap { inventory.srs[$0.default_SR]?.name_label } ?? "none"))
        lines.append(field("Hosts", "\(entry.tree.hosts.count)"))
        lines.append(field("VMs", countSpans(entry.counts)))
        lines.append(field("SRs", "\(entry.tree.srs.count)"))
        lines.append(field("Networks", "\(entry.tree.networks.count)"))
        let running = logPane.tasks(concerning: TreeNodeID(pool: entry.name, kind: .pool)).filter { $0.task?.isRunning == true }.count
        lines.append(field("Tasks", running == 0 ? "none running" : "\(running) running", running == 0 ? .textDim : .taskRunning))
        lines.append(field("Connection", "\(inventory.state)", inventory.state == .live ? .statusOK : .statusWarn))
        return lines
    }

    func poolHosts() -> [[Span]] {
        if entry.tree.hosts.isEmpty { return [text("No hosts", .textDim)] }
        let master = entry.tree.pool.flatMap { inventory.pools[$0]?.master }
        return entry.tree.hosts.map { node in
            let counts = entry.hostCounts[node.ref] ?? PowerCounts()
            guard let host = inventory.hosts[node.ref] else { return text(node.name) }
            let state = host.enabled ? Span("enabled    ", style: theme.style(.statusOK)) : Span("maintenance", style: theme.style(.statusWarn))
            let memory = hostMemory(host, ref: node.ref)
            return [Span(node.name.truncated(toWidth: 20).padded(toWidth: 21) + (node.ref == master ? "master " : "       "), style: theme.style(.text)),
                    state, Span("  " + memory.padded(toWidth: 20) + " ", style: theme.style(.text))] + shortCountSpans(counts)
        }
    }

    func poolSRs() -> [[Span]] {
        if entry.tree.srs.isEmpty { return [text("No storage", .textDim)] }
        return [text("SR                   Type   Shared  Used / size", .header)] + entry.tree.srs.compactMap { inventory.srs[$0] }.map(srLine)
    }

    func srLine(_ sr: SRRecord) -> [Span] {
        let size = sr.physical_size > 0 ? "\(ByteCount.format(sr.physical_utilisation)) / \(ByteCount.format(sr.physical_size))" : ""
        let role = sr.physical_size > 0 ? ThemeRole.usage(Double(sr.physical_utilisation) / Double(sr.physical_size)) : .text
        return [Span(sr.name_label.truncated(toWidth: 20).padded(toWidth: 20) + " " + sr.type.padded(toWidth: 6) + " "
                     + (sr.shared ? "shared  " : "local   "), style: theme.style(.text)),
                Span(size, style: theme.style(role))]
    }

    func srGeneral(_ sr: SRRecord) -> [[Span]] {
        var lines = [field("Type", sr.type), field("Shared", sr.shared ? "yes" : "no"), field("VDIs", "\(sr.VDIs.count)")]
        if sr.physical_size > 0 {
            let fraction = Double(sr.physical_utilisation) / Double(sr.physical_size)
            lines.append(field("Used", "\(ByteCount.format(sr.physical_utilisation)) of \(ByteCount.format(sr.physical_size))", ThemeRole.usage(fraction)))
        }
        return lines
    }
}
