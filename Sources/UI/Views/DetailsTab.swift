/// A tab of the details pane. Stats (VM, host) arrive with issue 7 and are not offered yet.
public enum DetailsTab: String, Hashable, Sendable {
    case general = "General"
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
        case .vm: [.general, .network, .disks, .snapshots, .tasks]
        case .host: [.general, .vms, .network, .storage]
        case .pool: [.general, .hosts, .srs, .tasks]
        case .sr, .network, .storageGroup, .networkGroup: [.general]
        }
    }
}
