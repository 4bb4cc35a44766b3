extension ErrorExplanation {
    /// The shell pipeline, run on the host, that prints its key's pin (without `sha256//`),
    /// as curl documents for CURLOPT_PINNEDPUBLICKEY; xapi serves /etc/xensource/xapi-ssl.pem.
    static let hostPinCommand =
        "openssl x509 -in /etc/xensource/xapi-ssl.pem -pubkey -noout | openssl pkey -pubin -outform der"
        + " | openssl dgst -sha256 -binary | openssl enc -base64"

    /// Explains a failure of xentui's own connection, with what to check.
    public static func explain(_ problem: ConnectionProblem) -> ErrorExplanation {
        let text: ErrorText
        var transient = false
        switch problem {
        case .cannotConnect(let host, let port, let reason):
            transient = true
            text = ErrorText(
                title: "Cannot connect to \(host)",
                explanation: SentenceText.withDetail(
                    "xentui could not open a connection to \(host) on port \(port)", reason)
                    + " Nothing answered there: the host may be down, the address wrong, or a firewall in the way.",
                suggestion:
                    "Check the pool's url in the config and that port \(port) on \(host) is reachable from here (nc -vz \(host) \(port))."
            )
        case .nameNotResolved(let host):
            transient = true
            text = ErrorText(
                title: "Unknown host name \(host)",
                explanation: "The name \(host) could not be turned into an address, so xentui could not connect.",
                suggestion: "Check the spelling of the pool's url and this machine's DNS, or use the host's IP address."
            )
        case .timedOut(let host, let seconds):
            transient = true
            text = ErrorText(
                title: "\(host) did not answer in time",
                explanation: "xentui waited \(seconds.map { SecondsText.format($0) + " seconds" } ?? "too long") "
                    + "without an answer from \(host). The host or the network may be overloaded, or packets are being dropped.",
                suggestion: "Retry; if it keeps happening, check the network path to \(host) and the host's load.")
        case .tlsVerificationFailed(let host, let reason, let presentedPin):
            let compare =
                presentedPin.map { pin in
                    "Compare its key with the host's own: on the host run \(hostPinCommand); it must print "
                        + "\(pin.hasPrefix(PoolPin.prefix) ? String(pin.dropFirst(PoolPin.prefix.count)) : pin). "
                        + "If it does, pin it with pin = \"\(pin)\" in the pool's [[pool]] table of the config."
                }
                ?? "Check the host's key (on the host: \(hostPinCommand)) and pin it with pin = \"sha256//…\" in the pool's [[pool]] table."
            text = ErrorText(
                title: "The certificate of \(host) is not trusted",
                explanation: SentenceText.withDetail(
                    "The TLS certificate presented by \(host) could not be verified", reason)
                    + " XenServer and XCP-ng hosts use a self-signed certificate unless one was installed, "
                    + "so this is expected on a first connection.",
                suggestion: compare + " Or pass --insecure to skip the check (not recommended).")
        case .pinMismatch(let host, let pool, let expected, let presented):
            let bare =
                presented.hasPrefix(PoolPin.prefix) ? String(presented.dropFirst(PoolPin.prefix.count)) : presented
            text = ErrorText(
                title: "The key of \(host) has changed",
                explanation: "The public key presented by \(host) is \(presented), but the config pins \(expected)"
                    + (pool.map { " for pool \($0)" } ?? "") + ". This happens when the host was reinstalled or its "
                    + "certificate renewed, or when something is intercepting the connection; xentui refuses to "
                    + "connect until the difference is explained.",
                suggestion: "On the host, run \(hostPinCommand); if it prints \(bare), the change is genuine: "
                    + "replace the pin with pin = \"\(presented)\" in the config. Otherwise do not connect.")
        case .httpError(let host, let status, let path):
            transient = status >= 500
            let what: String
            switch status {
            case 401, 403:
                what = "refused access to the API path; a proxy or another web server may be answering instead of XAPI."
            case 404:
                what =
                    "has no XAPI at that path; the address may point to something other than a XenServer/XCP-ng host."
            case 500...599:
                what = "had a server-side failure; XAPI may be restarting (xe-toolstack-restart) or overloaded."
            default: what = "did not return an XAPI reply."
            }
            text = ErrorText(
                title: "HTTP error \(status) from \(host)",
                explanation:
                    "The web server at \(host) answered \(path.map { "\($0) " } ?? "")with HTTP status \(status): it \(what)",
                suggestion: status >= 500
                    ? "Wait a moment and retry."
                    : "Check that the pool's url points at a pool master's management address.")
        case .malformedReply(let host, let detail):
            text = ErrorText(
                title: "Unreadable reply from \(host)",
                explanation: SentenceText.withDetail("The answer from \(host) is not a valid XAPI reply", detail)
                    + " A proxy, a captive portal or a different service may be answering at that address.",
                suggestion:
                    "Check that the pool's url points at the host itself; if it does, report this with the detail above."
            )
        }
        return ErrorExplanation(
            code: problem.kind, title: text.title, explanation: text.explanation, suggestion: text.suggestion,
            parameters: problem.parameters, isTransient: transient, origin: .connection, isSpecific: true)
    }
}
