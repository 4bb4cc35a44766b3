/// The base URL of one XAPI host: scheme, host and port, without a path
/// (`https://10.0.0.1`, `http://[fe80::1]:8080`).
public struct HostURL: Hashable, Sendable, CustomStringConvertible {
    public var scheme: String
    /// The host name or address, IPv6 without brackets.
    public var host: String
    public var port: Int?

    public init(scheme: String, host: String, port: Int? = nil) {
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    /// Parses `https://host[:port][/…]`; a missing scheme means https.
    public init(parsing text: String) throws(XAPITransportError) {
        var rest = Substring(text.trimmingCharacters(in: " \t"))
        var scheme = "https"
        if let range = rest.firstRange(of: "://") {
            scheme = rest[..<range.lowerBound].lowercased()
            rest = rest[range.upperBound...]
        }
        guard scheme == "https" || scheme == "http" else {
            throw .invalidURL(text, reason: "the scheme must be https or http")
        }
        if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<slash] }
        if rest.contains("@") { throw .invalidURL(text, reason: "put the user in --user, not in the URL") }
        var host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw .invalidURL(text, reason: "unclosed [ in the host") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw .invalidURL(text, reason: "unexpected text after the host")
            }
        } else if let colon = rest.firstIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
        }
        guard !host.isEmpty else { throw .invalidURL(text, reason: "no host") }
        var port: Int?
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw .invalidURL(text, reason: "the port must be a number from 1 to 65535")
            }
            port = value
        }
        self.init(scheme: scheme, host: String(host), port: port)
    }

    /// The same scheme and port on another host: where `HOST_IS_SLAVE` and failover lead.
    public func withHost(_ address: String) -> HostURL {
        var address = Substring(address)
        if address.hasPrefix("["), address.hasSuffix("]") { address = address.dropFirst().dropLast() }
        return HostURL(scheme: scheme, host: String(address), port: port)
    }

    public var isTLS: Bool { scheme == "https" }

    /// IPv6 addresses are wrapped in brackets.
    public var description: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return port.map { "\(scheme)://\(hostPart):\($0)" } ?? "\(scheme)://\(hostPart)"
    }

    /// The full URL of a path on this host.
    public func url(path: String) -> String { description + (path.hasPrefix("/") ? path : "/" + path) }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}
