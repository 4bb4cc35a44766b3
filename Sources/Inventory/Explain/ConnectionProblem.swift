/// A failure of xentui's own connection to a pool, before or instead of any XAPI answer.
/// The transport layer maps its errors onto these cases so they can be explained like
/// XAPI's (its own error type lives with the transport).
public enum ConnectionProblem: Hashable, Sendable {
    /// The TCP connection was refused or the host is unreachable.
    case cannotConnect(host: String, port: Int, reason: String?)
    /// The host name does not resolve.
    case nameNotResolved(host: String)
    /// No answer within `seconds` (nil when the limit is not known).
    case timedOut(host: String, seconds: Double?)
    /// The certificate is not trusted (usually self-signed) and no pin accepts it.
    /// `presentedPin` is the key's `sha256//…` pin when the transport could read it.
    case tlsVerificationFailed(host: String, reason: String?, presentedPin: String?)
    /// The host's public key differs from the pin in the config.
    case pinMismatch(host: String, pool: String?, expected: String, presented: String)
    /// The web server answered with an HTTP error instead of an XAPI reply.
    case httpError(host: String, status: Int, path: String?)
    /// The reply could not be decoded as XML-RPC or JSON-RPC.
    case malformedReply(host: String, detail: String)

    /// A stable lowercase name for the log's `error` field, distinct from XAPI's uppercase codes.
    public var kind: String {
        switch self {
        case .cannotConnect: return "cannot-connect"
        case .nameNotResolved: return "name-not-resolved"
        case .timedOut: return "timed-out"
        case .tlsVerificationFailed: return "tls-verification-failed"
        case .pinMismatch: return "pin-mismatch"
        case .httpError: return "http-error"
        case .malformedReply: return "malformed-reply"
        }
    }

    /// The problem's facts as named parameters, in a fixed order per case.
    public var parameters: [ErrorParameter] {
        func p(_ name: String, _ value: String) -> ErrorParameter { ErrorParameter(name: name, value: value) }
        switch self {
        case .cannotConnect(let host, let port, let reason):
            return [p("host", host), p("port", String(port))] + (reason.map { [p("reason", $0)] } ?? [])
        case .nameNotResolved(let host):
            return [p("host", host)]
        case .timedOut(let host, let seconds):
            return [p("host", host)] + (seconds.map { [p("seconds", SecondsText.format($0))] } ?? [])
        case .tlsVerificationFailed(let host, let reason, let presentedPin):
            return [p("host", host)] + (reason.map { [p("reason", $0)] } ?? [])
                + (presentedPin.map { [p("presented pin", $0)] } ?? [])
        case .pinMismatch(let host, let pool, let expected, let presented):
            return [p("host", host)] + (pool.map { [p("pool", $0)] } ?? [])
                + [p("expected pin", expected), p("presented pin", presented)]
        case .httpError(let host, let status, let path):
            return [p("host", host), p("status", String(status))] + (path.map { [p("path", $0)] } ?? [])
        case .malformedReply(let host, let detail):
            return [p("host", host), p("detail", detail)]
        }
    }
}

enum SecondsText {
    /// "60" for whole seconds, "2.5" otherwise.
    static func format(_ seconds: Double) -> String {
        seconds.rounded() == seconds && seconds.magnitude < 1e9 ? String(Int(seconds)) : String(seconds)
    }
}
