/// A failure below XAPI: the host could not be reached, TLS refused it, or the reply was not
/// an XAPI reply. Every description names the URL (never a password) and says what to do.
public enum XAPITransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The URL itself is unusable (bad scheme, no host).
    case invalidURL(String, reason: String)
    case dnsFailure(url: String, message: String)
    case cannotConnect(url: String, message: String)
    case timeout(url: String, seconds: Double)
    /// The connection broke in the middle of a request or reply.
    case connectionLost(url: String, message: String)
    /// The certificate is not trusted by the system; `fingerprint` is its public-key pin
    /// (`sha256//…`) when it could be read, so the user can decide to pin it.
    case tlsVerificationFailed(url: String, message: String, fingerprint: String?)
    /// The host's public key is not the pinned one: it changed, or someone is in between.
    case pinMismatch(url: String, expected: String, actual: String?)
    case tlsFailure(url: String, message: String)
    case httpStatus(url: String, status: Int, excerpt: String)
    case replyTooLarge(url: String, limit: Int)
    case malformedReply(url: String, error: XAPIDecodingError)
    /// Any other libcurl failure, with its code and message.
    case curl(url: String, code: Int, message: String)

    /// The URL the failure is about.
    public var url: String {
        switch self {
        case .invalidURL(let url, _): url
        case .dnsFailure(let url, _), .cannotConnect(let url, _), .connectionLost(let url, _),
            .tlsFailure(let url, _), .curl(let url, _, _):
            url
        case .timeout(let url, _): url
        case .tlsVerificationFailed(let url, _, _): url
        case .pinMismatch(let url, _, _): url
        case .httpStatus(let url, _, _): url
        case .replyTooLarge(let url, _): url
        case .malformedReply(let url, _): url
        }
    }

    /// True when another address of the pool may do better (the host is down or unreachable),
    /// false when the host answered and trying elsewhere would not change the answer.
    public var isNetworkFailure: Bool {
        switch self {
        case .dnsFailure, .cannotConnect, .timeout, .connectionLost, .curl: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .invalidURL(let url, let reason):
            return "invalid URL \(url): \(reason)"
        case .dnsFailure(let url, let message):
            return "cannot resolve the host of \(url): \(message)"
        case .cannotConnect(let url, let message):
            return "cannot connect to \(url): \(message)"
        case .timeout(let url, let seconds):
            return "no reply from \(url) within \(XAPIDouble.format(seconds)) s"
        case .connectionLost(let url, let message):
            return "connection to \(url) lost: \(message)"
        case .tlsVerificationFailed(let url, let message, let fingerprint):
            var text = "the TLS certificate of \(url) is not trusted (\(message))"
            if let fingerprint {
                text += "; its public key is \(fingerprint). If that is the host's key, accept it with "
                    + "pin = \"\(fingerprint)\" in the pool's config, or use --insecure"
            } else {
                text += "; use --insecure to accept any certificate"
            }
            return text
        case .pinMismatch(let url, let expected, let actual):
            return "the public key of \(url) is \(actual ?? "unknown"), not the pinned \(expected): "
                + "the host's certificate changed or someone is in between; refused"
        case .tlsFailure(let url, let message):
            return "TLS handshake with \(url) failed: \(message)"
        case .httpStatus(let url, let status, let excerpt):
            return excerpt.isEmpty ? "\(url) answered HTTP \(status)" : "\(url) answered HTTP \(status): \(excerpt)"
        case .replyTooLarge(let url, let limit):
            let size = limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(limit) bytes"
            return "the reply from \(url) is larger than \(size); refused"
        case .malformedReply(let url, let error):
            return "malformed reply from \(url): \(error)"
        case .curl(let url, let code, let message):
            return "request to \(url) failed (curl error \(code)): \(message)"
        }
    }
}
