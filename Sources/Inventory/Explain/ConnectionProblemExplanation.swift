import XAPI

extension ErrorExplanation {
    /// The shell pipeline, run on the host, that prints its key's pin (without `sha256//`),
    /// as curl documents for CURLOPT_PINNEDPUBLICKEY; xapi serves /etc/xensource/xapi-ssl.pem.
    static let hostPinCommand =
        "openssl x509 -in /etc/xensource/xapi-ssl.pem -pubkey -noout | openssl pkey -pubin -outform der"
        + " | openssl dgst -sha256 -binary | openssl enc -base64"

    /// Explains a transport failure of the XAPI client.
    public static func explain(_ error: XAPITransportError) -> ErrorExplanation {
        explain(ConnectionProblem(error))
    }

    /// Explains a failure of xentui's own connection, with what to check.
    public static func explain(_ problem: ConnectionProblem) -> ErrorExplanation {
        let text = connectionText(problem)
        return ErrorExplanation(
            code: problem.kind, title: text.title, explanation: text.explanation, suggestion: text.suggestion,
            parameters: problem.parameters, isTransient: isTransient(problem), origin: .connection, isSpecific: true)
    }

    /// Worth retrying unchanged: the network or the host may recover; trust and format problems will not.
    static func isTransient(_ problem: ConnectionProblem) -> Bool {
        switch problem {
        case .nameNotResolved, .cannotConnect, .timedOut, .connectionLost, .otherFailure: return true
        case .httpError(_, let status, _): return status >= 500
        case .invalidAddress, .tlsVerificationFailed, .pinMismatch, .tlsHandshakeFailed, .replyTooLarge,
            .malformedReply:
            return false
        }
    }

    static func connectionText(_ problem: ConnectionProblem) -> ErrorText {
        switch problem {
        case .invalidAddress(let url, let reason):
            return ErrorText(
                title: "The pool's address is not usable",
                explanation: "The address \(url) cannot be used: \(reason).",
                suggestion: "Fix the pool's url in the config, e.g. url = \"https://10.0.0.1\".")
        case .nameNotResolved(let host, let reason):
            return ErrorText(
                title: "Unknown host name \(host)",
                explanation: SentenceText.withDetail("The name \(host) could not be turned into an address", reason)
                    + " xentui could not connect.",
                suggestion: "Check the spelling of the pool's url and this machine's DNS, or use the host's IP address."
            )
        case .cannotConnect(let host, let port, let reason):
            return ErrorText(
                title: "Cannot connect to \(host)",
                explanation: SentenceText.withDetail(
                    "xentui could not open a connection to \(host) on port \(port)", reason)
                    + " Nothing answered there: the host may be down, the address wrong, or a firewall in the way.",
                suggestion: "Check the pool's url in the config and that port \(port) on \(host) is reachable "
                    + "from here (nc -vz \(host) \(port)).")
        case .timedOut(let host, let seconds):
            return ErrorText(
                title: "\(host) did not answer in time",
                explanation: "xentui waited \(seconds.map { SecondsText.format($0) + " seconds" } ?? "too long") "
                    + "without an answer from \(host). The host or the network may be overloaded, or packets are "
                    + "being dropped.",
                suggestion: "Retry; if it keeps happening, check the network path to \(host) and the host's load.")
        case .connectionLost(let host, let reason):
            return ErrorText(
                title: "The connection to \(host) broke",
                explanation: SentenceText.withDetail(
                    "The connection to \(host) was cut in the middle of a call", reason)
                    + " The host may have restarted its toolstack, or the network dropped.",
                suggestion: "Retry; xentui reconnects by itself. An action that was cut off may or may not have run: "
                    + "check the object's state first.")
        case .tlsVerificationFailed(let host, let reason, let presentedPin):
            let compare =
                presentedPin.map { pin in
                    "Compare its key with the host's own: on the host run \(hostPinCommand); it must print "
                        + "\(pin.hasPrefix(PoolPin.prefix) ? String(pin.dropFirst(PoolPin.prefix.count)) : pin). "
                        + "If it does, pin it with pin = \"\(pin)\" in the pool's [[pool]] table of the config."
                }
                ?? "Check the host's key (on the host: \(hostPinCommand)) and pin it with pin = \"sha256//…\" "
                + "in the pool's [[pool]] table."
            return ErrorText(
                title: "The certificate of \(host) is not trusted",
                explanation: SentenceText.withDetail(
                    "The TLS certificate presented by \(host) could not be verified", reason)
                    + " XenServer and XCP-ng hosts use a self-signed certificate unless one was installed, "
                    + "so this is expected on a first connection.",
                suggestion: compare + " Or pass --insecure to skip the check (not recommended).")
        case .pinMismatch(let host, let pool, let expected, let presented):
            let shown = presented ?? "a different key"
            let check =
                presented.map { pin in
                    let bare = pin.hasPrefix(PoolPin.prefix) ? String(pin.dropFirst(PoolPin.prefix.count)) : pin
                    return "On the host, run \(hostPinCommand); if it prints \(bare), the change is genuine: "
                        + "replace the pin with pin = \"\(pin)\" in the config. Otherwise do not connect."
                } ?? "On the host, run \(hostPinCommand) and compare; only if the change is expected, put the "
                + "new pin in the config. Otherwise do not connect."
            return ErrorText(
                title: "The key of \(host) has changed",
                explanation: "The public key presented by \(host) is \(shown), but the config pins \(expected)"
                    + (pool.map { " for pool \($0)" } ?? "") + ". This happens when the host was reinstalled or its "
                    + "certificate renewed, or when something is intercepting the connection; xentui refuses to "
                    + "connect until the difference is explained.",
                suggestion: check)
        case .tlsHandshakeFailed(let host, let reason):
            return ErrorText(
                title: "TLS handshake with \(host) failed",
                explanation: SentenceText.withDetail(
                    "xentui and \(host) could not agree on a secure connection", reason),
                suggestion: "Check that the url points at the host's HTTPS port (443), and that no proxy is in the way."
            )
        case .httpError(let host, let status, let detail):
            let what: String
            switch status {
            case 401, 403:
                what = "refused access to the API path; a proxy or another web server may be answering instead of XAPI"
            case 404:
                what = "has no XAPI at that path; the address may point to something other than a XenServer/XCP-ng host"
            case 500...599:
                what = "had a server-side failure; XAPI may be restarting (xe-toolstack-restart) or overloaded"
            default: what = "did not return an XAPI reply"
            }
            return ErrorText(
                title: "HTTP error \(status) from \(host)",
                explanation: SentenceText.withDetail(
                    "The web server at \(host) answered with HTTP status \(status): it \(what)",
                    detail.map { "it sent \"\(PrintableText.escaped($0))\"" }),
                suggestion: status >= 500
                    ? "Wait a moment and retry."
                    : "Check that the pool's url points at a pool master's management address.")
        case .replyTooLarge(let host, let limit):
            return ErrorText(
                title: "The reply from \(host) is too large",
                explanation:
                    "\(host) sent a reply larger than \(ByteCountText.format(Int64(limit))), the most xentui accepts.",
                suggestion: "Report this with the call that was made; the pool may be unusually big.")
        case .malformedReply(let host, let detail):
            return ErrorText(
                title: "Unreadable reply from \(host)",
                explanation: SentenceText.withDetail("The answer from \(host) is not a valid XAPI reply", detail)
                    + " A proxy, a captive portal or a different service may be answering at that address.",
                suggestion: "Check that the pool's url points at the host itself; if it does, report this with the "
                    + "detail above.")
        case .otherFailure(let host, let reason):
            return ErrorText(
                title: "The request to \(host) failed",
                explanation: SentenceText.withDetail("The request to \(host) failed below XAPI", reason),
                suggestion: "Retry; if it persists, check the network path to \(host).")
        }
    }
}
