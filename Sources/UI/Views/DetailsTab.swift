/// A tab of the details pane.
public enum DetailsTab: String, Hashable, Sendable {
    case general = "General"
    case stats = "Stats"
    case network = "Network"
    case disks = "Disks"
    case snapshots = "Snapshots"
    case tasks = "Tasks"
    case vms = "VMs"
    case hosts = "Hosts"
    case srs = "SRs"
    case storage = "Storage"

    /// The tabs offered for a kind of object, in order.
    public static func tabs(for kind: TreeNodeKind) -> [DetailsTab] {
        switch kind {
        case .vm: [.general, .stats, .network, .disks, .snapshots, .tasks]
        case .host: [.general, .stats, .vms, .network, .storage]
        case .pool: [.general, .hosts, .srs, .tasks]
        case .sr, .network, .storageGroup, .networkGroup: [.general]
        }
    }
}
