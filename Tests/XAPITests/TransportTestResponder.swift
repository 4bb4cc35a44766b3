import Dispatch
import Foundation
import Glibc
import Synchronization

/// A tiny HTTP/1.1 server on 127.0.0.1 (port chosen by the system) answering each request with
/// what the test's handler says: canned replies, delays, replies cut in the middle.
final class TransportTestResponder: Sendable {
    struct Request: Sendable {
        var method: String
        var path: String
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    enum Reply: Sendable {
        case http(status: Int, contentType: String, body: String)
        /// Sends the headers (with the full Content-Length) and `sent` bytes of the body, then closes.
        case cut(contentType: String, body: String, sent: Int)
        /// Waits, then replies.
        indirect case delayed(Double, Reply)
        /// Closes the connection without a word.
        case close
    }

    let port: Int
    private let listener: Int32
    private let handler: @Sendable (Request) -> Reply
    private let state = Mutex<(connections: Int, requests: [Request], stopped: Bool)>((0, [], false))

    init(_ handler: @escaping @Sendable (Request) -> Reply) throws {
        self.handler = handler
        // CLOEXEC: child processes other tests spawn meanwhile must not inherit the socket (a
        // child holding a copy keeps a connection open after we close it, until the child exits).
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    var url: String { "http://127.0.0.1:\(port)" }
    var connectionCount: Int { state.withLock { $0.connections } }
    var requests: [Request] { state.withLock { $0.requests } }

    /// Stops accepting. Only shuts the listener down (which wakes `accept`, and makes any later
    /// `accept` fail at once); the accept thread closes it. Closing it here raced with that thread:
    /// when it had not reached `accept` yet, it later called `accept` on a descriptor number the
    /// process had meanwhile reused, often another test's listener, and took (and closed) that
    /// test's connection: "Connection reset by peer" or "Empty reply from server" there.
    func stop() {
        state.withLock { $0.stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func acceptLoop() {
        defer { close(listener) }
        while true {
            let client = accept(listener, nil, nil)
            // Glibc does not export accept4 to Swift; a spawn between these two calls is unlikely.
            if client >= 0 { _ = fcntl(client, F_SETFD, FD_CLOEXEC) }
            if client < 0 && (errno == EINTR || errno == ECONNABORTED) && !state.withLock({ $0.stopped }) { continue }
            if client < 0 { return }
            if state.withLock({ $0.stopped }) {
                close(client)
                return
            }
            state.withLock { $0.connections += 1 }
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var buffer: [UInt8] = []
        while let request = readRequest(client, &buffer) {
            state.withLock { $0.requests.append(request) }
            if !send(handler(request), to: client) { return }
        }
    }

    /// Sends a reply; false when the connection must be closed afterwards.
    private func send(_ reply: Reply, to client: Int32) -> Bool {
        switch reply {
        case .http(let status, let contentType, let body):
            let bytes = Array(body.utf8)
            write(client, head(status: status, contentType: contentType, length: bytes.count) + bytes)
            return true
        case .cut(let contentType, let body, let sent):
            let bytes = Array(body.utf8)
            write(client, head(status: 200, contentType: contentType, length: bytes.count) + bytes.prefix(sent))
            return false
        case .delayed(let seconds, let inner):
            Thread.sleep(forTimeInterval: seconds)
            return send(inner, to: client)
        case .close:
            return false
        }
    }

    private func head(status: Int, contentType: String, length: Int) -> [UInt8] {
        Array("HTTP/1.1 \(status) X\r\nContent-Type: \(contentType)\r\nContent-Length: \(length)\r\n\r\n".utf8)
    }

    private func write(_ client: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }

    private func readRequest(_ client: Int32, _ buffer: inout [UInt8]) -> Request? {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headerEnd: Int?
        while true {
            if let range = buffer.firstRange(of: separator) {
                headerEnd = range.upperBound
                break
            }
            guard receive(client, &buffer) else { return nil }
        }
        guard let headerEnd else { return nil }
        let headText = String(decoding: buffer[..<headerEnd], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let start = lines.removeFirst().split(separator: " ")
        var headers: [String: String] = [:]
        for line in lines where !line.isEmpty {
            if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < headerEnd + length {
            guard receive(client, &buffer) else { return nil }
        }
        let body = Array(buffer[headerEnd..<(headerEnd + length)])
        buffer.removeFirst(headerEnd + length)
        return Request(
            method: start.first.map(String.init) ?? "", path: start.dropFirst().first.map(String.init) ?? "",
            headers: headers, body: body)
    }

    private func receive(_ client: Int32, _ buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        var n: Int
        repeat {
            n = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
        } while n < 0 && errno == EINTR  // other tests' child processes send SIGCHLD
        guard n > 0 else { return false }
        buffer.append(contentsOf: chunk[..<n])
        return true
    }
}
