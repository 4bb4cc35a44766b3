/// The version `xentui info` and `--version` print.
enum XentuiVersion {
    static let current = "0.1.0"
}
