/// Why a console could not be attached or stopped working. Descriptions name the console's
/// location (which holds no session id) and never the session.
public enum ConsoleError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidLocation(String)
    /// The host could not be reached, or TLS refused it.
    case transport(XAPITransportError)
    /// The host answered the `CONNECT` with another status than 200.
    case refused(location: String, status: Int, message: String)
    case malformedReply(location: String)
    case timeout(location: String, seconds: Double)
    /// The host closed the connection before answering.
    case closed(location: String)
    /// The connection broke while attached.
    case lost(location: String, message: String)

    public var description: String {
        switch self {
        case .invalidLocation(let location):
            return "the console's location \(location) is not a https:// or http:// URL ending in /console?…"
        case .transport(let error):
            return error.description
        case .refused(let location, let status, let message):
            let meaning = switch status {
            case 401: "the session was refused (it may have expired)"
            case 403: "this user may not open this console (host consoles need the pool-admin role)"
            case 404: "the host has no such console (the VM may have stopped or moved)"
            case 503: "the console is not available (the VM is not running on that host, or too many are attached)"
            default: "HTTP \(status)"
            }
            return "\(location) refused the console: \(meaning)" + (message.isEmpty ? "" : " (\(message))")
        case .malformedReply(let location):
            return "\(location) did not answer the console request with HTTP"
        case .timeout(let location, let seconds):
            return "no answer from \(location) within \(XAPIDouble.format(seconds)) s"
        case .closed(let location):
            return "\(location) closed the connection without answering"
        case .lost(let location, let message):
            return "the connection to \(location) broke: \(message)"
        }
    }

    /// The HTTP status of a refusal.
    public var status: Int? {
        if case .refused(_, let status, _) = self { return status }
        return nil
    }
}
