import Foundation

/// Masks secrets in an entry before it is written. The real guarantee is that callers never put
/// a password in an entry (errors name a password's source, never its value); this is the
/// second line: known secrets, URL credentials, `key=value` pairs and flags whose names say
/// password, secret, token or session id, and the session ref that `SESSION_INVALID` carries.
public struct LogRedaction: Sendable, Hashable {
    /// What a secret is replaced with.
    public static let mask = "***"

    /// Exact strings never to write, e.g. each pool's password once it has been read.
    public var secrets: Set<String>

    public init(secrets: Set<String> = []) {
        self.secrets = secrets
    }

    /// The entry with every string field redacted.
    public func apply(to entry: LogEntry) -> LogEntry {
        var e = entry
        e.pool = e.pool.map(redact)
        if var object = e.object {
            object.className = object.className.map(redact)
            object.uuid = object.uuid.map(redact)
            object.name = object.name.map(redact)
            e.object = object
        }
        e.call = e.call.map(redact)
        e.task = e.task.map(redact)
        e.status = e.status.map(redact)
        if let error = e.error, let code = error.first {
            // SESSION_INVALID's parameter is the session ref, which is as good as a password
            // while the session lives.
            e.error = [redact(code)] + error.dropFirst().map { code == "SESSION_INVALID" ? Self.mask : redact($0) }
        }
        e.message = e.message.map(redact)
        e.xe = e.xe.map(redact)
        return e
    }

    /// The text with every known secret and every recognisable credential masked.
    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where !secret.isEmpty {
            result = result.replacingOccurrences(of: secret, with: Self.mask)
        }
        for rule in LogRedactionRules.all {
            result = rule.apply(result)
        }
        return result
    }
}

/// The patterns, compiled once.
private struct LogRedactionRules: @unchecked Sendable {
    // NSRegularExpression is immutable and documented thread-safe.
    let regex: NSRegularExpression?
    let template: String

    init(_ pattern: String, _ template: String) {
        // The patterns are constants, checked by the tests; a bad one would drop the rule, not crash.
        regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        self.template = template
    }

    func apply(_ text: String) -> String {
        guard let regex else { return text }
        return regex.stringByReplacingMatches(
            in: text, range: NSRange(location: 0, length: text.utf16.count), withTemplate: template)
    }

    static let secretName = "[A-Za-z0-9_.-]*(?:password|passwd|passphrase|secret|token|session_id|session-id|pwd)[A-Za-z0-9_-]*"

    // Each rule that starts with a run of name characters first checks, by lookbehind, that it is
    // at the start of the run; otherwise a long run of letters would be rescanned from every
    // position (quadratic time on a long message).
    static let all: [LogRedactionRules] = [
        // https://user:password@host → https://user:***@host
        LogRedactionRules("(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*://[^/\\s:@]*):[^\\s@/]*@", "$1:***@"),
        // "password": "x" in JSON text
        LogRedactionRules("(\"\(secretName)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"", "$1\"***\""),
        // password=x, session_id=x&…, --password=x, password="a b"
        LogRedactionRules("(?<![A-Za-z0-9_.-])(\(secretName)\\s*=\\s*)(?:\"[^\"]*\"|'[^']*'|[^\\s&,;\"']+)", "$1***"),
        // xe's -pw x, --password x
        LogRedactionRules("((?:^|\\s)(?:-pw|--password|--passwd)\\s+)\\S+", "$1***"),
    ]
}
