import Inventory
import XAPI

/// The tree's PV drivers badge: a running VM whose guest reports no PV drivers (no guest
/// agent, or drivers not detected) gets `!pv`. Without them xapi refuses clean shutdown,
/// suspend and live migration, and disk and network I/O go through slow emulation: the seed
/// of many performance complaints. VMs with drivers show nothing, so the badge stands out.
enum PVDriversBadge {
    static let text = "!pv"

    static func isMissing(_ row: TreeRow, state: AppState) -> Bool {
        guard row.id.kind == .vm, row.power == .running || row.power == .paused,
            let inventory = state.pool(named: row.id.pool)?.inventory, let vm = inventory.vms[Ref(row.id.ref)],
            !vm.is_control_domain
        else { return false }
        guard let metrics = inventory.vmGuestMetrics[vm.guest_metrics] else { return true }
        return !metrics.PV_drivers_detected && metrics.PV_drivers_version.isEmpty
    }
}
