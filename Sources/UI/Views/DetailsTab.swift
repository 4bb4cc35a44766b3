/// A tab of the details pane. Stats (VM, host) arrive with issue 7 and are not offered yet;
/// nor are the host's Network and Storage tabs.
public enum DetailsTab: String, Hashable, Sendable {
    case general = "General"
    case network = "Network"
    case disks = "Disks"
    case snapshots = "Snapshots"
    case tasks = "Tasks"
    case vms = "VMs"
    case hosts = "Hosts"
    case srs = "SRs"

    /// The tabs offered for a kind of object, in order.
    public static func tabs(for kind: TreeNodeKind) -> [DetailsTab] {
        switch kind {
        case .vm: [.general, .network, .disks, .snapshots, .tasks]
        case .host: [.general, .vms]
        case .pool: [.general, .hosts, .srs, .tasks]
        case .sr, .network, .storageGroup, .networkGroup: [.general]
        }
    }
}
