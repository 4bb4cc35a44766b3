import Foundation
import Inventory
import Terminal
import XAPI
@testable import UI

/// A small, deterministic pair of pools for the UI tests: `lab` (one host) and `prod` (two
/// hosts, halted VMs with and without a home host, a VM with a wide-character name).
enum AppFixture {
    static let time = Date(timeIntervalSince1970: 1_764_000_000)  // 2025-11-24 16:00:00 UTC

    static func vm(_ name: String, _ power: VMPowerState, on host: String = "", affinity: String = "") -> VMRecord {
        var vm = VMRecord()
        vm.name_label = name
        vm.power_state = power
        vm.resident_on = host.isEmpty ? .null : Ref(host)
        vm.affinity = affinity.isEmpty ? .null : Ref(affinity)
        vm.VCPUs_max = 2
        vm.VCPUs_at_startup = 2
        vm.memory_static_max = 2 << 30
        vm.memory_dynamic_max = 2 << 30
        vm.guest_metrics = .null
        vm.metrics = .null
        return vm
    }

    static func host(_ name: String, address: String) -> HostRecord {
        var host = HostRecord()
        host.name_label = name
        host.address = address
        host.enabled = true
        host.metrics = .null
        return host
    }

    static var lab: PoolInventory {
        var inventory = PoolInventory(name: "lab")
        inventory.state = .live
        var pool = PoolRecord()
        pool.name_label = "lab"
        pool.master = Ref("OpaqueRef:lab-h1")
        inventory.pools.upsert(Ref("OpaqueRef:lab-pool"), pool)
        inventory.hosts.upsert(Ref("OpaqueRef:lab-h1"), host("xcp-lab-01", address: "10.0.9.11"))
        inventory.vms.upsert(Ref("OpaqueRef:lab-v1"), vm("lab-vm-1", .running, on: "OpaqueRef:lab-h1"))
        inventory.vms.upsert(Ref("OpaqueRef:lab-v2"), vm("lab-vm-2", .paused, on: "OpaqueRef:lab-h1"))
        inventory.vms.upsert(Ref("OpaqueRef:lab-v3"), vm("lab-vm-3", .suspended))
        var sr = SRRecord()
        sr.name_label = "lab-local"
        sr.type = "ext"
        inventory.srs.upsert(Ref("OpaqueRef:lab-sr"), sr)
        return inventory
    }

    static var prod: PoolInventory {
        var inventory = PoolInventory(name: "prod")
        inventory.state = .live
        var pool = PoolRecord()
        pool.name_label = "prod"
        pool.master = Ref("OpaqueRef:h2")
        pool.default_SR = Ref("OpaqueRef:sr-nfs")
        inventory.pools.upsert(Ref("OpaqueRef:prod-pool"), pool)
        var h1 = host("xcp-host-01", address: "10.0.4.11")
        h1.cpu_info = ["modelname": "AMD EPYC 7302", "cpu_count": "32"]
        h1.software_version = ["product_brand": "XCP-ng", "product_version": "8.3.0"]
        h1.metrics = Ref("OpaqueRef:hm1")
        inventory.hosts.upsert(Ref("OpaqueRef:h1"), h1)
        var metrics = HostMetricsRecord()
        metrics.memory_total = 256 << 30
        metrics.memory_free = 64 << 30
        metrics.live = true
        inventory.hostMetrics.upsert(Ref("OpaqueRef:hm1"), metrics)
        var h2 = host("xcp-host-02", address: "10.0.4.12")
        h2.metrics = Ref("OpaqueRef:hm2")
        inventory.hosts.upsert(Ref("OpaqueRef:h2"), h2)
        // memory_free 0, as xapi sends it now that the field is removed: the VMs' memory counts.
        var metrics2 = HostMetricsRecord()
        metrics2.memory_total = 64 << 30
        metrics2.live = true
        inventory.hostMetrics.upsert(Ref("OpaqueRef:hm2"), metrics2)
        var dom0 = vm("Control domain on host: xcp-host-02", .running, on: "OpaqueRef:h2")
        dom0.is_control_domain = true
        dom0.memory_dynamic_max = 1 << 30
        inventory.vms.upsert(Ref("OpaqueRef:dom0-h2"), dom0)

        var web = vm("web-01", .running, on: "OpaqueRef:h2")
        web.VCPUs_max = 4
        web.VCPUs_at_startup = 4
        web.memory_static_max = 8 << 30
        web.memory_dynamic_max = 8 << 30
        web.tags = ["prod", "frontend"]
        web.allowed_operations = [.cleanShutdown, .cleanReboot, .pause, .snapshot]
        web.guest_metrics = Ref("OpaqueRef:gm-web")
        web.VBDs = [Ref("OpaqueRef:vbd-web")]
        web.VIFs = [Ref("OpaqueRef:vif-web")]
        inventory.vms.upsert(Ref("OpaqueRef:web-01"), web)
        var gm = VMGuestMetricsRecord()
        gm.os_version = ["name": "Debian 12", "uname": "6.1.0-18"]
        gm.PV_drivers_version = ["major": "9", "minor": "3", "micro": "1"]
        gm.PV_drivers_detected = true
        gm.networks = ["0/ip": "10.0.4.21", "0/ipv6/0": "fe80::1"]
        inventory.vmGuestMetrics.upsert(Ref("OpaqueRef:gm-web"), gm)
        var vbd = VBDRecord()
        vbd.VM = Ref("OpaqueRef:web-01")
        vbd.VDI = Ref("OpaqueRef:vdi-web")
        vbd.device = "xvda"
        vbd.userdevice = "0"
        vbd.type = .disk
        inventory.vbds.upsert(Ref("OpaqueRef:vbd-web"), vbd)
        var vdi = VDIRecord()
        vdi.name_label = "web-01 root"
        vdi.SR = Ref("OpaqueRef:sr-nfs")
        vdi.virtual_size = 20 << 30
        inventory.vdis.upsert(Ref("OpaqueRef:vdi-web"), vdi)
        var vif = VIFRecord()
        vif.device = "0"
        vif.MAC = "aa:bb:cc:00:00:01"
        vif.network = Ref("OpaqueRef:net0")
        vif.VM = Ref("OpaqueRef:web-01")
        inventory.vifs.upsert(Ref("OpaqueRef:vif-web"), vif)

        inventory.vms.upsert(Ref("OpaqueRef:web-02"), vm("web-02", .running, on: "OpaqueRef:h2"))
        inventory.vms.upsert(Ref("OpaqueRef:db-old"), vm("db-old", .halted, affinity: "OpaqueRef:h2"))
        inventory.vms.upsert(Ref("OpaqueRef:app-01"), vm("app-01", .running, on: "OpaqueRef:h1"))
        inventory.vms.upsert(Ref("OpaqueRef:wide"), vm("報告-サーバ 🚀", .running, on: "OpaqueRef:h1"))
        inventory.vms.upsert(Ref("OpaqueRef:archive"), vm("archive", .halted))
        var template = vm("Debian template", .halted)
        template.is_a_template = true
        inventory.vms.upsert(Ref("OpaqueRef:tpl"), template)

        var nfs = SRRecord()
        nfs.name_label = "nfs-vms"
        nfs.type = "nfs"
        nfs.shared = true
        nfs.physical_size = 1 << 40
        nfs.physical_utilisation = 300 << 30
        inventory.srs.upsert(Ref("OpaqueRef:sr-nfs"), nfs)
        var net = NetworkRecord()
        net.name_label = "Pool-wide network 0"
        net.bridge = "xenbr0"
        inventory.networks.upsert(Ref("OpaqueRef:net0"), net)
        return inventory
    }

    /// `prod` with xcp-host-02's interfaces (PIFs) and storage (PBDs), one of them unplugged,
    /// and the storage network and local SR they lead to: for the host's Network and Storage tabs.
    static var prodWithDevices: PoolInventory {
        var inventory = prod
        if var h2 = inventory.hosts[Ref("OpaqueRef:h2")] {
            h2.PIFs = [Ref("OpaqueRef:pif-h2-eth0"), Ref("OpaqueRef:pif-h2-eth1")]
            h2.PBDs = [Ref("OpaqueRef:pbd-h2-nfs"), Ref("OpaqueRef:pbd-h2-local")]
            inventory.hosts.upsert(Ref("OpaqueRef:h2"), h2)
        }
        var eth0 = PIFRecord()
        eth0.device = "eth0"
        eth0.network = Ref("OpaqueRef:net0")
        eth0.host = Ref("OpaqueRef:h2")
        eth0.MAC = "0c:c4:7a:00:02:00"
        eth0.MTU = 1500
        eth0.VLAN = -1
        eth0.physical = true
        eth0.currently_attached = true
        eth0.IP = "10.0.4.12"
        eth0.management = true
        inventory.pifs.upsert(Ref("OpaqueRef:pif-h2-eth0"), eth0)
        var eth1 = eth0
        eth1.device = "eth1"
        eth1.network = Ref("OpaqueRef:net-storage")
        eth1.MAC = "0c:c4:7a:00:02:01"
        eth1.MTU = 9000
        eth1.IP = ""
        eth1.management = false
        eth1.currently_attached = false
        inventory.pifs.upsert(Ref("OpaqueRef:pif-h2-eth1"), eth1)
        var storageNet = NetworkRecord()
        storageNet.name_label = "Storage"
        storageNet.bridge = "xenbr1"
        inventory.networks.upsert(Ref("OpaqueRef:net-storage"), storageNet)
        var nfsPBD = PBDRecord()
        nfsPBD.host = Ref("OpaqueRef:h2")
        nfsPBD.SR = Ref("OpaqueRef:sr-nfs")
        nfsPBD.currently_attached = true
        inventory.pbds.upsert(Ref("OpaqueRef:pbd-h2-nfs"), nfsPBD)
        var localPBD = nfsPBD
        localPBD.SR = Ref("OpaqueRef:sr-h2-local")
        localPBD.currently_attached = false
        inventory.pbds.upsert(Ref("OpaqueRef:pbd-h2-local"), localPBD)
        var local = SRRecord()
        local.name_label = "xcp-host-02 local"
        local.type = "lvm"
        local.physical_size = 500 << 30
        local.physical_utilisation = 460 << 30
        inventory.srs.upsert(Ref("OpaqueRef:sr-h2-local"), local)
        return inventory
    }

    static func state(readOnly: Bool = false, demo: Bool = false) -> AppState {
        AppState(pools: [PoolEntry(inventory: lab), PoolEntry(inventory: prod, accent: .indexed(1))], readOnly: readOnly, demo: demo)
    }

    /// Renders `state` after typing `keys` (KeyEvent names), as the UI loop would.
    @MainActor static func screen(_ state: inout AppState, keys: [String] = [], width: Int = 80, height: Int = 24) -> [String] {
        let keymap = Keymap.builtInDefault
        let size = Size(width: width, height: height)
        state.fit(to: size, keymap: keymap)
        for key in keys {
            state.press(key, keymap: keymap, at: time)
            state.fit(to: size, keymap: keymap)
        }
        let frame = AppView.render(state, keymap: keymap, theme: .builtInDark, size: size)
        let screen = MemoryScreen(width: width, height: height)
        screen.draw(frame)
        // Trailing spaces trimmed so that the goldens survive editors.
        return screen.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
