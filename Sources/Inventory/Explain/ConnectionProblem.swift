import XAPI

/// A failure of xentui's own connection to a pool, before or instead of any XAPI answer,
/// in the terms the explanation needs (host and port rather than URLs, pins as text).
public enum ConnectionProblem: Hashable, Sendable {
    /// The configured address cannot be used at all.
    case invalidAddress(url: String, reason: String)
    /// The host name does not resolve.
    case nameNotResolved(host: String, reason: String?)
    /// The TCP connection was refused or the host is unreachable.
    case cannotConnect(host: String, port: Int, reason: String?)
    /// No answer within `seconds` (nil when the limit is not known).
    case timedOut(host: String, seconds: Double?)
    /// The connection broke in the middle of a request or reply.
    case connectionLost(host: String, reason: String?)
    /// The certificate is not trusted (usually self-signed) and no pin accepts it.
    /// `presentedPin` is the key's `sha256//…` pin when the transport could read it.
    case tlsVerificationFailed(host: String, reason: String?, presentedPin: String?)
    /// The host's public key differs from the pin in the config.
    case pinMismatch(host: String, pool: String?, expected: String, presented: String?)
    /// The TLS handshake failed for another reason (protocol, cipher, reset).
    case tlsHandshakeFailed(host: String, reason: String?)
    /// The web server answered with an HTTP error instead of an XAPI reply; `detail` is
    /// the start of what it sent.
    case httpError(host: String, status: Int, detail: String?)
    /// The reply was larger than xentui accepts.
    case replyTooLarge(host: String, limit: Int)
    /// The reply could not be decoded as XML-RPC or JSON-RPC.
    case malformedReply(host: String, detail: String)
    /// Any other transport failure (a libcurl error), as the transport worded it.
    case otherFailure(host: String, reason: String)

    /// A stable lowercase name for the log's `error` field, distinct from XAPI's uppercase codes.
    public var kind: String {
        switch self {
        case .invalidAddress: return "invalid-address"
        case .nameNotResolved: return "name-not-resolved"
        case .cannotConnect: return "cannot-connect"
        case .timedOut: return "timed-out"
        case .connectionLost: return "connection-lost"
        case .tlsVerificationFailed: return "tls-verification-failed"
        case .pinMismatch: return "pin-mismatch"
        case .tlsHandshakeFailed: return "tls-handshake-failed"
        case .httpError: return "http-error"
        case .replyTooLarge: return "reply-too-large"
        case .malformedReply: return "malformed-reply"
        case .otherFailure: return "transport-failure"
        }
    }

    /// The problem's facts as named parameters, in a fixed order per case; absent facts are left out.
    public var parameters: [ErrorParameter] {
        func p(_ name: String, _ value: String?) -> [ErrorParameter] {
            value.map { [ErrorParameter(name: name, value: $0)] } ?? []
        }
        switch self {
        case .invalidAddress(let url, let reason): return p("url", url) + p("reason", reason)
        case .nameNotResolved(let host, let reason): return p("host", host) + p("reason", reason)
        case .cannotConnect(let host, let port, let reason):
            return p("host", host) + p("port", String(port)) + p("reason", reason)
        case .timedOut(let host, let seconds): return p("host", host) + p("seconds", seconds.map(SecondsText.format))
        case .connectionLost(let host, let reason): return p("host", host) + p("reason", reason)
        case .tlsVerificationFailed(let host, let reason, let presentedPin):
            return p("host", host) + p("reason", reason) + p("presented pin", presentedPin)
        case .pinMismatch(let host, let pool, let expected, let presented):
            return p("host", host) + p("pool", pool) + p("expected pin", expected) + p("presented pin", presented)
        case .tlsHandshakeFailed(let host, let reason): return p("host", host) + p("reason", reason)
        case .httpError(let host, let status, let detail):
            return p("host", host) + p("status", String(status)) + p("detail", detail)
        case .replyTooLarge(let host, let limit): return p("host", host) + p("limit", String(limit))
        case .malformedReply(let host, let detail): return p("host", host) + p("detail", detail)
        case .otherFailure(let host, let reason): return p("host", host) + p("reason", reason)
        }
    }
}

extension ConnectionProblem {
    /// The problem behind a transport failure of the XAPI client.
    public init(_ error: XAPITransportError) {
        let address = Address(url: error.url)
        switch error {
        case .invalidURL(let url, let reason): self = .invalidAddress(url: url, reason: reason)
        case .dnsFailure(_, let message): self = .nameNotResolved(host: address.host, reason: message.nonEmpty)
        case .cannotConnect(_, let message):
            self = .cannotConnect(host: address.host, port: address.port, reason: message.nonEmpty)
        case .timeout(_, let seconds): self = .timedOut(host: address.host, seconds: seconds)
        case .connectionLost(_, let message): self = .connectionLost(host: address.host, reason: message.nonEmpty)
        case .tlsVerificationFailed(_, let message, let fingerprint):
            self = .tlsVerificationFailed(host: address.host, reason: message.nonEmpty, presentedPin: fingerprint)
        case .pinMismatch(_, let expected, let actual):
            self = .pinMismatch(host: address.host, pool: nil, expected: expected, presented: actual)
        case .tlsFailure(_, let message): self = .tlsHandshakeFailed(host: address.host, reason: message.nonEmpty)
        case .httpStatus(_, let status, let excerpt):
            self = .httpError(host: address.host, status: status, detail: excerpt.nonEmpty)
        case .replyTooLarge(_, let limit): self = .replyTooLarge(host: address.host, limit: limit)
        case .malformedReply(_, let decodingError):
            self = .malformedReply(host: address.host, detail: decodingError.description)
        case .curl(_, let code, let message):
            self = .otherFailure(host: address.host, reason: "curl error \(code): \(message)")
        }
    }

    /// Host and port of a URL as the transport names it; the raw text when it does not parse.
    private struct Address {
        let host: String
        let port: Int

        init(url: String) {
            if let parsed = try? HostURL(parsing: url) {
                host = parsed.host
                port = parsed.port ?? (parsed.scheme == "http" ? 80 : 443)
            } else {
                host = url
                port = 443
            }
        }
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}

enum SecondsText {
    /// "60" for whole seconds, "2.5" otherwise.
    static func format(_ seconds: Double) -> String {
        seconds.rounded() == seconds && seconds.magnitude < 1e9 ? String(Int(seconds)) : String(seconds)
    }
}
