import XAPI

/// The migration pre-check: a running VM keeps using the CPU features it saw at boot, so a
/// destination host lacking some the source hosts have can make the migration fail or the
/// guest crash. Compares `cpu_info` (`vendor`, `features`) of the VMs' hosts with the destination.
public enum MigrationCPUCheck {
    /// A warning when `destination` lacks CPU features (or the vendor) of the hosts the VMs
    /// run on now; nil when it has them all or the hosts do not say.
    public static func warning(from sources: [HostRecord], to destination: HostRecord) -> String? {
        let target = destination.cpu_info
        var worst: (host: HostRecord, missing: Int)?
        for source in sources {
            if let vendor = source.cpu_info["vendor"], let other = target["vendor"], !vendor.isEmpty, !other.isEmpty, vendor != other {
                return "\(other) CPU, not \(vendor) like \(source.name_label)"
            }
            guard let mine = features(source), let theirs = features(destination) else { continue }
            let missing = mine.countMissing(in: theirs)
            if missing > (worst?.missing ?? 0) { worst = (source, missing) }
        }
        guard let worst else { return nil }
        return "lacks \(worst.missing) CPU feature\(worst.missing == 1 ? "" : "s") of \(worst.host.name_label)"
    }

    private static func features(_ host: HostRecord) -> CPUFeatureSet? {
        host.cpu_info["features"].flatMap(CPUFeatureSet.init)
    }
}
