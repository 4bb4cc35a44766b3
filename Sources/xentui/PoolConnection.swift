import Inventory
import UI
import XAPI

/// One pool to load, everything resolved but the password itself.
struct PoolConnection: Sendable {
    var name: String
    var host: HostURL
    var user: String
    var password: PasswordSource
    var pin: String?
    var insecure: Bool
    /// The `--url` this pool came from (a pin learned for it is appended to the config as a
    /// new pool); nil for config pools and the demo.
    var commandLineURL: PoolURL?

    init(name: String, host: HostURL, user: String, password: PasswordSource, pin: String? = nil,
         insecure: Bool = false, commandLineURL: PoolURL? = nil) {
        self.name = name
        self.host = host
        self.user = user
        self.password = password
        self.pin = pin
        self.insecure = insecure
        self.commandLineURL = commandLineURL
    }

    /// A logged-out session to `address` (the master by default; another member after a
    /// failover) with this pool's credentials and TLS settings.
    func session(at address: HostURL? = nil, wireProtocol: XAPIProtocolPreference, callTimeout: Double = 600) -> XAPISession {
        let options = XAPISessionOptions(
            transport: TransportOptions(insecure: insecure, pin: pin), protocolPreference: wireProtocol, callTimeout: callTimeout)
        return XAPISession(host: address ?? host, user: user, password: password, options: options)
    }

    /// The password when reading it has no side effect (a password command never runs twice),
    /// for masking it should it ever reach the log.
    var knownSecret: String? {
        switch password {
        case .value, .environment, .file: try? password.resolve()
        case .command, .none: nil
        }
    }

    init(target: PoolTarget, fromCommandLine: Bool) throws(XAPITransportError) {
        self.init(
            name: target.name, host: try HostURL(parsing: target.url.description), user: target.user,
            password: target.password, pin: target.pin, insecure: target.insecure,
            commandLineURL: fromCommandLine ? target.url : nil)
    }
}

/// Why a pool did not load: the exit code it calls for and what to print.
struct PoolFailure: Error, Sendable {
    var pool: String
    /// 1 for an XAPI error, 3 when the pool could not be reached or refused the login.
    var exitCode: Int32
    var lines: [String]
    /// The untrusted certificate's public-key pin, when trusting it would help.
    var untrustedPin: String?

    /// Describes any failure of a login or load; never includes the password.
    init(pool: String, error: any Error) {
        self.pool = pool
        untrustedPin = nil
        switch error {
        case let error as XAPIError:
            exitCode = error.code == "SESSION_AUTHENTICATION_FAILED" ? 3 : 1
            let explanation = ErrorExplanation.explain(error)
            lines = ["error code: " + ([error.code] + error.params).joined(separator: " ")]
                + ErrorDetail(error: error, explanation: explanation, pool: pool, objectName: nil, xe: nil).lines
        case let error as XAPITransportError:
            exitCode = 3
            lines = ErrorDetail(explanation: ErrorExplanation.explain(error), call: nil, pool: pool, object: nil, xe: nil).lines
            if case .tlsVerificationFailed(_, _, let fingerprint) = error { untrustedPin = fingerprint }
        case let error as PasswordSourceError:
            exitCode = 3
            lines = ["cannot read the password: \(error.message)"]
        default:
            exitCode = 3
            lines = ["\(error)"]
        }
        lines = lines.map(PrintableText.escaped)
    }

    init(pool: String, exitCode: Int32, lines: [String]) {
        self.pool = pool
        self.exitCode = exitCode
        self.lines = lines
        untrustedPin = nil
    }

    var message: String {
        "xentui: pool \(PrintableText.escaped(pool)) failed:\n" + lines.map { "  " + $0 + "\n" }.joined()
    }
}
