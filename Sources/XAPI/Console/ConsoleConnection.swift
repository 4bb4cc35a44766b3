import CCurl
#if canImport(Glibc)
import Glibc
#endif

/// What attaching to one of a pool's consoles needs: the pool's logged-in session and how its
/// connections trust TLS.
public struct ConsoleAccess: Sendable {
    public var sessionID: String
    /// The host the session was made on; a pinned key is trusted for that host only.
    public var master: HostURL
    public var options: TransportOptions

    public init(sessionID: String, master: HostURL, options: TransportOptions) {
        self.sessionID = sessionID
        self.master = master
        self.options = options
    }
}

/// What one read from a console brought.
public enum ConsoleRead: Equatable, Sendable {
    case bytes(Int)
    /// Nothing yet: wait for the socket (`ConsoleConnection.socket`) to be readable.
    case wouldBlock
    /// The host closed the console.
    case closed
}

/// A console attached with `CONNECT /console?ref=…` (PROTOCOL.md §6): once the host answers
/// 200, the connection carries the console's raw bytes both ways. libcurl makes the connection
/// (`CURLOPT_CONNECT_ONLY`) with the same TLS trust as every other connection to the pool, then
/// `curl_easy_send`/`curl_easy_recv` move the bytes. The session id travels only in the
/// `Cookie` header: no URL, log line or error holds it.
///
/// Blocking: use it from a thread of its own, one thread at a time.
public final class ConsoleConnection: @unchecked Sendable {
    // @unchecked: the handle is used by one thread at a time (the opener's, then the relay's).
    /// The console's location (no session in it), for messages.
    public let location: String
    /// The socket, for `poll`.
    public let socket: Int32
    /// Console bytes that arrived with the reply's head.
    public private(set) var initialBytes: [UInt8]
    private var handle: UnsafeMutableRawPointer?

    private init(location: String, handle: UnsafeMutableRawPointer, socket: Int32, initialBytes: [UInt8]) {
        self.location = location
        self.handle = handle
        self.socket = socket
        self.initialBytes = initialBytes
    }

    deinit { close() }

    /// Connects to the host named in `location` (`https://HOST/console?ref=…`) and asks for the
    /// console; returns once the host answered 200. Waits at most `timeout` seconds.
    public static func open(location: String, access: ConsoleAccess, timeout: Double = 10) throws(ConsoleError) -> ConsoleConnection {
        let host: HostURL
        do { host = try HostURL(parsing: location) } catch { throw .invalidLocation(location) }
        guard let pathStart = location.range(of: "/console") else { throw .invalidLocation(location) }
        let target = String(location[pathStart.lowerBound...])
        guard !target.contains(where: { $0 == "\r" || $0 == "\n" || $0 == " " }) else { throw .invalidLocation(location) }
        var options = access.options
        if host != access.master { options.pin = nil }

        CurlConnection.globalInit  // libcurl's global set-up, once for every connection
        guard let h = curl_easy_init() else { throw .transport(.curl(url: location, code: -1, message: "curl_easy_init failed")) }
        xentui_curl_setopt_long(h, CURLOPT_NOSIGNAL, 1)
        xentui_curl_setopt_cloexec_sockets(h)
        xentui_curl_setopt_long(h, CURLOPT_CONNECT_ONLY, 1)
        xentui_curl_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, max(1, Int(min(timeout, options.connectTimeout) * 1000)))
        xentui_curl_setopt_string(h, CURLOPT_URL, host.url(path: "/"))
        CurlTrust.apply(options, for: host, to: h)
        let code = curl_easy_perform(h)
        var socket: curl_socket_t = -1
        guard code == CURLE_OK, xentui_curl_getinfo_socket(h, &socket) == CURLE_OK, socket >= 0 else {
            let error = transportError(code == CURLE_OK ? CURLE_COULDNT_CONNECT : code, host: host, options: options)
            curl_easy_cleanup(h)
            throw .transport(error)
        }
        // From here on the connection owns the handle and closes it when it goes.

        let deadline = Deadline(seconds: timeout)
        let request = "CONNECT \(target) HTTP/1.0\r\nHost: \(host.hostHeader)\r\nCookie: session_id=\(access.sessionID)\r\n"
            + "User-Agent: xentui\r\n\r\n"
        let opened = ConsoleConnection(location: location, handle: h, socket: socket, initialBytes: [])
        try opened.sendAll(Array(request.utf8), deadline: deadline)
        let (status, rest) = try opened.readReplyHead(deadline: deadline)
        guard status == 200 else {
            let message = opened.readRefusalBody(rest, deadline: Deadline(seconds: min(1, deadline.remaining)))
            throw .refused(location: location, status: status, message: message)
        }
        opened.initialBytes = rest
        return opened
    }

    /// Reads what has arrived into `buffer` (from its start); never blocks.
    public func receive(into buffer: inout [UInt8]) throws(ConsoleError) -> ConsoleRead {
        guard let handle else { return .closed }
        var count = 0
        let code = buffer.withUnsafeMutableBytes { curl_easy_recv(handle, $0.baseAddress, $0.count, &count) }
        switch code {
        case CURLE_OK: return count == 0 ? .closed : .bytes(count)
        case CURLE_AGAIN: return .wouldBlock
        case CURLE_UNSUPPORTED_PROTOCOL: return .closed  // the connection is gone
        default: throw .lost(location: location, message: String(cString: curl_easy_strerror(code)))
        }
    }

    /// Sends every byte, waiting for the socket when it is full (at most `timeout` seconds).
    public func send(_ bytes: [UInt8], timeout: Double = 10) throws(ConsoleError) {
        try sendAll(bytes, deadline: Deadline(seconds: timeout))
    }

    /// Closes the connection (again is harmless).
    public func close() {
        guard let handle else { return }
        curl_easy_cleanup(handle)
        self.handle = nil
    }

    // MARK: - Internals

    private func sendAll(_ bytes: [UInt8], deadline: Deadline) throws(ConsoleError) {
        guard let handle else { throw .closed(location: location) }
        var offset = 0
        while offset < bytes.count {
            var sent = 0
            let code = bytes.withUnsafeBytes { raw in
                curl_easy_send(handle, raw.baseAddress.map { $0 + offset }, bytes.count - offset, &sent)
            }
            switch code {
            case CURLE_OK: offset += sent
            case CURLE_AGAIN:
                guard wait(for: Int16(POLLOUT), deadline: deadline) else { throw .timeout(location: location, seconds: deadline.seconds) }
            default: throw .lost(location: location, message: String(cString: curl_easy_strerror(code)))
            }
        }
    }

    /// Reads until the blank line that ends the reply's head; returns its status and the bytes after it.
    private func readReplyHead(deadline: Deadline) throws(ConsoleError) -> (Int, [UInt8]) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        let end: [UInt8] = [13, 10, 13, 10]
        while true {
            if let range = received.firstRange(of: end) {
                let head = String(decoding: received[..<range.lowerBound], as: UTF8.self)
                let words = head.prefix { $0 != "\r" && $0 != "\n" }.split(separator: " ")
                guard words.count >= 2, words[0].hasPrefix("HTTP/1."), let status = Int(words[1]) else {
                    throw .malformedReply(location: location)
                }
                return (status, Array(received[range.upperBound...]))
            }
            guard received.count < 65_536 else { throw .malformedReply(location: location) }
            switch try receive(into: &buffer) {
            case .bytes(let count): received += buffer[..<count]
            case .closed: throw received.isEmpty ? .closed(location: location) : .malformedReply(location: location)
            case .wouldBlock:
                guard wait(for: Int16(POLLIN), deadline: deadline) else { throw .timeout(location: location, seconds: deadline.seconds) }
            }
        }
    }

    /// The first line of a refusal's body, when one comes quickly (xapi often sends none).
    private func readRefusalBody(_ start: [UInt8], deadline: Deadline) -> String {
        var body = start
        var buffer = [UInt8](repeating: 0, count: 4096)
        while body.count < 4096, !body.contains(10) {
            guard let read = try? receive(into: &buffer) else { break }
            if case .bytes(let count) = read { body += buffer[..<count]; continue }
            if read == .closed || !wait(for: Int16(POLLIN), deadline: deadline) { break }
        }
        let line = String(decoding: body.prefix { $0 != 10 && $0 != 13 }, as: UTF8.self)
        return String(line.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(200))
    }

    private func wait(for events: Int16, deadline: Deadline) -> Bool {
        while true {
            let remaining = deadline.remaining
            guard remaining > 0 else { return false }
            var descriptor = pollfd(fd: socket, events: events, revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(remaining * 1000, 60_000).rounded(.up)))
            if ready > 0 { return true }
            if ready < 0, errno != EINTR { return false }
        }
    }

    private static func transportError(_ code: CURLcode, host: HostURL, options: TransportOptions) -> XAPITransportError {
        let url = host.description
        let message = String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST: return .dnsFailure(url: url, message: message)
        case CURLE_COULDNT_CONNECT: return .cannotConnect(url: url, message: message)
        case CURLE_OPERATION_TIMEDOUT: return .timeout(url: url, seconds: options.connectTimeout)
        case CURLE_PEER_FAILED_VERIFICATION:
            let fingerprint = try? CertificateProbe.publicKeyPin(of: host, connectTimeout: options.connectTimeout)
            return .tlsVerificationFailed(url: url, message: message, fingerprint: fingerprint)
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            let actual = try? CertificateProbe.publicKeyPin(of: host, connectTimeout: options.connectTimeout)
            return .pinMismatch(url: url, expected: options.pin ?? "", actual: actual)
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE:
            return .tlsFailure(url: url, message: message)
        default: return .curl(url: url, code: Int(code.rawValue), message: message)
        }
    }
}

/// A point in time a blocking wait must not pass.
private struct Deadline {
    let seconds: Double
    private let end: Double

    init(seconds: Double) {
        self.seconds = seconds
        end = Self.now() + seconds
    }

    var remaining: Double { end - Self.now() }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

extension HostURL {
    /// `host[:port]` for the `Host` header.
    fileprivate var hostHeader: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return port.map { "\(hostPart):\($0)" } ?? hostPart
    }
}
