import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import XAPI

@testable import XAPISim

/// `CONNECT /console` on the simulator over a real socket: the reply, the shell behind it,
/// and the refusals.
@Suite(.timeLimit(.minutes(1))) struct ConsoleEndpointTests {
    struct Fixture {
        var server: SimServer
        var pool: SimPool
        var port: Int
        var session: String

        /// A console of a VM in `state` whose protocol is `proto`, with the VM's name.
        func console(power state: String, protocol proto: String) -> (ref: String, vm: String)? {
            let database = pool.database
            for (ref, console) in database["console"] where console["protocol"]?.stringValue == proto {
                let vm = database["VM"][console["VM"]?.stringValue ?? ""] ?? [:]
                if vm["power_state"]?.stringValue == state, vm["is_control_domain"]?.boolValue != true {
                    return (ref, vm["name_label"]?.stringValue ?? "")
                }
            }
            return nil
        }
    }

    private func withServer(_ body: (Fixture) async throws -> Void) async throws {
        let pool = SimPool(database: SimDatabase.generate(pools: 1, hosts: 2, vms: 24, seed: 7)[0])
        let server = SimServer(pools: [pool])
        let port = try await server.start(host: "127.0.0.1", port: 0)[0].port
        guard case .success(let value) = pool.handle(XAPICall(method: "session.login_with_password", params: ["root", "password"])) else {
            await server.stop()
            Issue.record("login failed")
            return
        }
        do {
            try await body(Fixture(server: server, pool: pool, port: port, session: value.stringValue ?? ""))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func consolesPointAtTheSimulatorAndFollowTheGuestKind() async throws {
        try await withServer { fixture in
            let database = fixture.pool.database
            for (ref, console) in database["console"] {
                #expect(console["location"]?.stringValue == "http://127.0.0.1:\(fixture.port)/console?ref=\(ref)")
            }
            // PV guests and dom0 have a text console; HVM guests only the graphical one.
            for vm in database["VM"].values where !(vm["consoles"]?.arrayValue ?? []).isEmpty {
                let protocols = Set((vm["consoles"]?.arrayValue ?? []).compactMap { database["console"][$0.stringValue ?? ""]?["protocol"]?.stringValue })
                let text = vm["is_control_domain"]?.boolValue == true || vm["domain_type"]?.stringValue == "pv"
                #expect(protocols == (text ? ["rfb", "vt100"] : ["rfb"]))
            }
        }
    }

    @Test func loginAndACommandOverTheSocket() async throws {
        try await withServer { fixture in
            let (ref, name) = try #require(fixture.console(power: "Running", protocol: "vt100"))
            let hostname = SimState.hostname(name)
            let socket = try ConsoleTestSocket(port: fixture.port)
            try socket.send("CONNECT /console?ref=\(ref) HTTP/1.0\r\nCookie: session_id=\(fixture.session)\r\n\r\n")
            let reply = try await socket.read(until: "login: ")
            #expect(reply.hasPrefix("HTTP/1.1 200 OK\r\n\r\n\r\n"))
            #expect(reply.hasSuffix("\(hostname) hvc0\r\n\r\n\(hostname) login: "))
            try socket.send("root\r")
            #expect(try await socket.read(until: "Password: ") == "root\r\nPassword: ")
            try socket.send("pw\r")
            _ = try await socket.read(until: "# ")
            try socket.send("hostname\r")
            #expect(try await socket.read(until: "# ") == "hostname\r\n\(hostname)\r\nroot@\(hostname):~# ")
        }
    }

    @Test func theSessionMayComeInTheQuery() async throws {
        try await withServer { fixture in
            let (ref, _) = try #require(fixture.console(power: "Running", protocol: "vt100"))
            let socket = try ConsoleTestSocket(port: fixture.port)
            try socket.send("CONNECT /console?ref=\(ref)&session_id=\(fixture.session) HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await socket.read(until: "login: ").hasPrefix("HTTP/1.1 200 OK\r\n"))
        }
    }

    @Test func aGraphicalConsoleGreetsWithRFB() async throws {
        try await withServer { fixture in
            let (ref, _) = try #require(fixture.console(power: "Running", protocol: "rfb"))
            let socket = try ConsoleTestSocket(port: fixture.port)
            try socket.send("CONNECT /console?ref=\(ref) HTTP/1.0\r\nCookie: session_id=\(fixture.session)\r\n\r\n")
            #expect(try await socket.read(until: "RFB 003.008\n") == "HTTP/1.1 200 OK\r\n\r\nRFB 003.008\n")
        }
    }

    @Test func refusals() async throws {
        try await withServer { fixture in
            let (ref, _) = try #require(fixture.console(power: "Running", protocol: "vt100"))
            let halted = try #require(fixture.pool.database["VM"].first { $0.value["power_state"]?.stringValue == "Halted" && $0.value["is_a_template"]?.boolValue != true })
            let haltedUUID = halted.value["uuid"]?.stringValue ?? ""
            let cases: [(String, String)] = [
                ("CONNECT /console?ref=\(ref) HTTP/1.0\r\nCookie: session_id=OpaqueRef:bogus\r\n\r\n", "HTTP/1.1 401 Unauthorized"),
                ("CONNECT /console?ref=\(ref) HTTP/1.0\r\n\r\n", "HTTP/1.1 401 Unauthorized"),
                ("CONNECT /console?ref=OpaqueRef:nope HTTP/1.0\r\nCookie: session_id=\(fixture.session)\r\n\r\n", "HTTP/1.1 404 Not Found"),
                ("CONNECT /console?uuid=\(haltedUUID) HTTP/1.0\r\nCookie: session_id=\(fixture.session)\r\n\r\n", "HTTP/1.1 503 Service Unavailable"),
                ("CONNECT /console HTTP/1.0\r\nCookie: session_id=\(fixture.session)\r\n\r\n", "HTTP/1.1 400 Bad Request"),
            ]
            for (request, status) in cases {
                let socket = try ConsoleTestSocket(port: fixture.port)
                try socket.send(request)
                let reply = try await socket.readToEnd()
                #expect(reply.hasPrefix(status + "\r\n"), "\(request) → \(reply)")
                #expect(reply.contains("Connection: close"))
            }
        }
    }

    @Test func aPausedVMsConsoleIsUnavailable() async throws {
        try await withServer { fixture in
            let (ref, _) = try #require(fixture.console(power: "Running", protocol: "vt100"))
            let vm = fixture.pool.database["console"][ref]?["VM"]?.stringValue ?? ""
            guard case .success = fixture.pool.handle(XAPICall(method: "VM.pause", params: [.string(fixture.session), .string(vm)])) else {
                Issue.record("VM.pause failed")
                return
            }
            let socket = try ConsoleTestSocket(port: fixture.port)
            try socket.send("CONNECT /console?ref=\(ref) HTTP/1.0\r\nCookie: session_id=\(fixture.session)\r\n\r\n")
            let reply = try await socket.readToEnd()
            #expect(reply.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"))
            #expect(reply.hasSuffix("is Paused, not Running: its console is gone\n"))
        }
    }

    @Test func startingAndStoppingAVMMakesAndRemovesItsConsoles() async throws {
        let (pool, _) = makePool()
        let session = pool.login()
        #expect(pool.record("VM", Refs.web)["consoles"]?.arrayValue?.isEmpty ?? true)
        _ = pool.call("VM.start", .string(session), .string(Refs.web), false, false)
        let consoles = pool.record("VM", Refs.web)["consoles"]?.arrayValue ?? []
        #expect(!consoles.isEmpty)
        _ = pool.call("VM.hard_shutdown", .string(session), .string(Refs.web))
        #expect(pool.record("VM", Refs.web)["consoles"]?.arrayValue == [])
        #expect(pool.database["console"].isEmpty || consoles.allSatisfy { pool.database["console"][$0.stringValue ?? ""] == nil })
    }
}

/// A blocking TCP connection with a read timeout: tests read the console's bytes as they come.
final class ConsoleTestSocket: @unchecked Sendable {
    private let descriptor: Int32
    private var pending: [UInt8] = []

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw RawHTTPClient.Failure(description: "socket failed") }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(descriptor)
            throw RawHTTPClient.Failure(description: "connect failed")
        }
    }

    deinit { close(descriptor) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard sent == bytes.count else { throw RawHTTPClient.Failure(description: "write failed") }
    }

    /// Everything up to and including `marker` (fails after the 5 s read timeout).
    func read(until marker: String) async throws -> String {
        try await blocking {
            let wanted = Array(marker.utf8)
            while true {
                if let range = self.pending.firstRange(of: wanted) {
                    let text = String(decoding: self.pending[..<range.upperBound], as: UTF8.self)
                    self.pending.removeFirst(range.upperBound)
                    return text
                }
                guard try self.fill() else {
                    throw RawHTTPClient.Failure(description: "closed before \(marker): \(String(decoding: self.pending, as: UTF8.self))")
                }
            }
        }
    }

    /// Everything until the server closes the connection.
    func readToEnd() async throws -> String {
        try await blocking {
            while try self.fill() {}
            return String(decoding: self.pending, as: UTF8.self)
        }
    }

    private func fill() throws -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 { throw RawHTTPClient.Failure(description: "read failed or timed out") }
        if count == 0 { return false }
        pending += buffer[..<count]
        return true
    }
}

/// The console goes with its domain.
@Suite(.timeLimit(.minutes(1))) struct ConsoleLifetimeTests {
    @Test func stoppingTheVMClosesItsConsole() async throws {
        let pool = SimPool(database: SimDatabase.generate(pools: 1, hosts: 2, vms: 24, seed: 7)[0])
        let server = SimServer(pools: [pool])
        let port = try await server.start(host: "127.0.0.1", port: 0)[0].port
        do {
            try await closesWhenStopped(pool, port: port)
        } catch {
            Issue.record(error)
        }
        await server.stop()
    }

    private func closesWhenStopped(_ pool: SimPool, port: Int) async throws {
        let database = pool.database
        guard case .success(let session) = pool.handle(XAPICall(method: "session.login_with_password", params: ["root", "password"])),
            let (ref, console) = database["console"].first(where: { _, console in
                let vm = database["VM"][console["VM"]?.stringValue ?? ""] ?? [:]
                return console["protocol"]?.stringValue == "vt100" && vm["is_control_domain"]?.boolValue == false
                    && vm["power_state"]?.stringValue == "Running"
            })
        else {
            Issue.record("no session or console")
            return
        }
        let socket = try ConsoleTestSocket(port: port)
        try socket.send("CONNECT /console?ref=\(ref) HTTP/1.0\r\nCookie: session_id=\(session.stringValue ?? "")\r\n\r\n")
        _ = try await socket.read(until: "login: ")
        _ = pool.handle(XAPICall(method: "VM.hard_shutdown", params: [session, .string(console["VM"]?.stringValue ?? "")]))
        // The read ends (EOF) well within the socket's 5 s timeout.
        let started = Date()
        _ = try await socket.readToEnd()
        #expect(Date().timeIntervalSince(started) < 3)
    }
}
