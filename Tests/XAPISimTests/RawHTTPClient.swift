#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal blocking HTTP/1.1 client over one TCP connection, so tests see the exact bytes.
final class RawHTTPClient {
    struct Response {
        var statusLine: String
        var headers: [(String, String)]
        var body: [UInt8]
        var bodyText: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    private let socket: Int32
    private var pending: [UInt8] = []

    init(port: Int, host: String = "127.0.0.1") throws {
        // CLOEXEC: child processes other tests spawn meanwhile must not inherit the connection.
        #if canImport(Glibc)
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket failed") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            // `socket` is not set yet, so deinit does not run and close the number a second time
            // (by then possibly another test's descriptor).
            close(fd)
            throw Failure(description: "connect to \(host):\(port) failed")
        }
        socket = fd
    }

    deinit { close(socket) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { write(socket, $0.baseAddress, $0.count) }
            guard sent > 0 else { throw Failure(description: "write failed") }
            offset += sent
        }
    }

    func post(_ path: String, body: String, contentType: String = "text/xml", version: String = "HTTP/1.1") throws {
        let head = "POST \(path) \(version)\r\nHost: 127.0.0.1\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
        try send(Array(head.utf8) + Array(body.utf8))
    }

    /// Reads one response (needs Content-Length, which the simulator always sends). Nil at EOF.
    func readResponse() throws -> Response? {
        while true {
            if let end = headerEnd() {
                let headText = String(decoding: pending[..<end], as: UTF8.self)
                var lines = headText.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
                let statusLine = lines.removeFirst()
                let headers = lines.compactMap { line -> (String, String)? in
                    guard let colon = line.firstIndex(of: ":") else { return nil }
                    return (String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " }))
                }
                let length = Int(headers.first { $0.0.lowercased() == "content-length" }?.1 ?? "0") ?? 0
                while pending.count < end + 4 + length { guard try fill() else { throw Failure(description: "short body") } }
                let body = Array(pending[(end + 4)..<(end + 4 + length)])
                pending.removeFirst(end + 4 + length)
                return Response(statusLine: statusLine, headers: headers, body: body)
            }
            guard try fill() else { return nil }
        }
    }

    private func headerEnd() -> Int? {
        guard pending.count >= 4 else { return nil }
        for index in 0...(pending.count - 4)
        where pending[index] == 13 && pending[index + 1] == 10 && pending[index + 2] == 13 && pending[index + 3] == 10 {
            return index
        }
        return nil
    }

    private func fill() throws -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { read(socket, $0.baseAddress, $0.count) }
        if count < 0 { throw Failure(description: "read failed or timed out") }
        if count == 0 { return false }
        pending += buffer[..<count]
        return true
    }
}

import Foundation

/// Runs blocking socket work on its own thread, so a test waiting for the server never takes
/// one of the few cooperative threads the server's calls need.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

extension RawHTTPClient: @unchecked Sendable {
    /// `readResponse()` off the cooperative pool.
    func response() async throws -> Response? {
        try await blocking { try self.readResponse() }
    }
}

extension RawHTTPClient.Response: Sendable {}
