/// A pool master's address: `https://host[:port]` or `http://host[:port]`, nothing else
/// (no user or password in the URL, no path), so it can be shown and logged safely.
public struct PoolURL: Sendable, Hashable, CustomStringConvertible {
    public var isSecure: Bool
    /// A name, an IPv4 address, or an IPv6 address without brackets.
    public var host: String
    public var port: Int?

    /// Parses the URL, or returns why it is not one xentui can use.
    public static func parse(_ text: String) -> Result<PoolURL, ConfigError> {
        func bad(_ why: String) -> Result<PoolURL, ConfigError> {
            .failure(ConfigError(path: nil, line: nil, problem: "bad url \"\(text)\": \(why)"))
        }
        let isSecure: Bool
        var rest: Substring
        if text.lowercased().hasPrefix("https://") {
            isSecure = true
            rest = text.dropFirst(8)
        } else if text.lowercased().hasPrefix("http://") {
            isSecure = false
            rest = text.dropFirst(7)
        } else {
            return bad("expected https://host[:port] or http://host[:port]")
        }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        if rest.contains("@") { return bad("a user or password does not belong in the url (use user and password_file)") }
        if rest.contains("/") || rest.contains("?") || rest.contains("#") {
            return bad("expected no path after the host")
        }
        var host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return bad("unclosed '[' in the IPv6 address") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return bad("expected ':port' after the IPv6 address") }
                portText = after.dropFirst()
            }
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                return bad("not an IPv6 address")
            }
        } else {
            let parts = rest.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            host = parts[0]
            if parts.count == 2 { portText = parts[1] }
            guard !host.isEmpty else { return bad("no host") }
            guard host.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "." || $0 == "_" }) else {
                return bad("the host may hold only letters, digits, '-', '.' and '_'")
            }
        }
        var port: Int?
        if let portText {
            guard let p = Int(portText), (1...65535).contains(p), portText.allSatisfy(\.isASCII) else {
                return bad("the port must be a number from 1 to 65535")
            }
            port = p
        }
        return .success(PoolURL(isSecure: isSecure, host: String(host), port: port))
    }

    public init(isSecure: Bool, host: String, port: Int?) {
        self.isSecure = isSecure
        self.host = host
        self.port = port
    }

    /// The URL as text, e.g. `https://10.0.0.1:8443`.
    public var description: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return (isSecure ? "https://" : "http://") + hostPart + (port.map { ":\($0)" } ?? "")
    }
}
