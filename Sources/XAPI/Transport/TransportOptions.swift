/// How one connection talks to a host: TLS trust, timeouts, limits.
public struct TransportOptions: Sendable, Hashable {
    /// Accept any certificate, check nothing (`--insecure`).
    public var insecure: Bool
    /// The host's pinned public key, `sha256//BASE64` (from the config's `pin`). When set, the
    /// key must match and the certificate chain is not checked: the pin is the trust.
    public var pin: String?
    /// Seconds to establish TCP and TLS.
    public var connectTimeout: Double
    /// Largest reply accepted, in bytes.
    public var maxReplyBytes: Int

    public init(insecure: Bool = false, pin: String? = nil, connectTimeout: Double = 10, maxReplyBytes: Int = 512 << 20) {
        self.insecure = insecure
        self.pin = pin
        self.connectTimeout = connectTimeout
        self.maxReplyBytes = maxReplyBytes
    }
}
