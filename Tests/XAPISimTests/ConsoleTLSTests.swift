import Foundation
import TestSupport
import Testing
@testable import XAPI

@testable import XAPISim

#if canImport(Glibc)
import Glibc
#endif

/// A console over `https://`: stunnel with a self-signed certificate in front of the simulator,
/// trusted as the pool's RPC connections trust it (pin, or --insecure), refused otherwise.
@Suite("Console over TLS", .serialized, .timeLimit(.minutes(1)))
struct ConsoleTLSTests {
    private func withTLSConsole(_ body: (_ location: String, _ session: String, _ front: TLSFront) async throws -> Void) async throws {
        let pool = SimPool(database: SimDatabase.generate(pools: 1, hosts: 2, vms: 24, seed: 7)[0])
        let server = SimServer(pools: [pool])
        let port = try await server.start(host: "127.0.0.1", port: 0)[0].port
        guard let front = try await offPool({ try TLSFront.start(backend: port) }) else {
            await server.stop()
            return
        }
        let database = pool.database
        let ref = database["console"].first { _, console in
            console["protocol"]?.stringValue == "vt100"
                && database["VM"][console["VM"]?.stringValue ?? ""]?["power_state"]?.stringValue == "Running"
        }?.key
        guard let ref, case .success(let session) = pool.handle(XAPICall(method: "session.login_with_password", params: ["root", "password"])) else {
            front.stop()
            await server.stop()
            Issue.record("no console or session")
            return
        }
        do {
            try await body(front.host.description + "/console?ref=" + ref, session.stringValue ?? "", front)
        } catch {
            Issue.record(error)
        }
        front.stop()
        await server.stop()
    }

    /// Opens the console and reads its greeting (up to the login prompt, 5 s at most).
    private func open(_ location: String, _ access: ConsoleAccess) async throws -> Result<String, ConsoleError> {
        try await offPool {
            do {
                let connection = try ConsoleConnection.open(location: location, access: access, timeout: 5)
                defer { connection.close() }
                var received = connection.initialBytes
                var buffer = [UInt8](repeating: 0, count: 4096)
                let deadline = Date().addingTimeInterval(5)
                while !String(decoding: received, as: UTF8.self).contains("login: "), Date() < deadline {
                    switch try connection.receive(into: &buffer) {
                    case .bytes(let count): received += buffer[..<count]
                    case .wouldBlock: usleep(10_000)
                    case .closed: return .success(String(decoding: received, as: UTF8.self))
                    }
                }
                return .success(String(decoding: received, as: UTF8.self))
            } catch let error as ConsoleError {
                return .failure(error)
            }
        }
    }

    @Test func thePinnedKeyIsTheTrust() async throws {
        try await withTLSConsole { location, session, front in
            let access = ConsoleAccess(sessionID: session, master: front.host, options: TransportOptions(pin: front.pin))
            let greeting = try await open(location, access).get()
            #expect(greeting.hasSuffix(" login: "), "\(greeting)")
        }
    }

    @Test func insecureAcceptsTheCertificate() async throws {
        try await withTLSConsole { location, session, front in
            let access = ConsoleAccess(sessionID: session, master: front.host, options: TransportOptions(insecure: true))
            let greeting = try await open(location, access).get()
            #expect(greeting.hasSuffix(" login: "), "\(greeting)")
        }
    }

    @Test func anUntrustedOrChangedKeyIsRefused() async throws {
        try await withTLSConsole { location, session, front in
            let plain = ConsoleAccess(sessionID: session, master: front.host, options: TransportOptions())
            guard case .failure(.transport(.tlsVerificationFailed(_, _, let fingerprint))) = try await open(location, plain) else {
                Issue.record("an untrusted certificate was accepted")
                return
            }
            #expect(fingerprint == front.pin)
            let wrong = "sha256//" + Base64.encode(SHA256.hash(Array("another key".utf8)))
            let pinned = ConsoleAccess(sessionID: session, master: front.host, options: TransportOptions(pin: wrong))
            guard case .failure(let error) = try await open(location, pinned), case .transport(.pinMismatch) = error else {
                Issue.record("a wrong pin was accepted")
                return
            }
            #expect(!error.description.contains(session))
        }
    }
}

/// stunnel on a free loopback port with a fresh self-signed certificate, forwarding to `backend`.
struct TLSFront {
    let host: HostURL
    let pin: String
    let process: Process
    let directory: URL

    /// nil (and a note) when stunnel or openssl is not installed.
    static func start(backend: Int) throws -> TLSFront? {
        let stunnel = ["/usr/bin/stunnel4", "/usr/bin/stunnel"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let stunnel, FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else {
            print("skipping the TLS console test: stunnel and openssl are needed")
            return nil
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xentui-console-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let cert = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        _ = try runShell("openssl req -x509 -newkey rsa:2048 -nodes -keyout '\(key)' -out '\(cert)' -days 2 -subj /CN=xapi-test 2>/dev/null")
        let pin = try runShell(
            "openssl x509 -in '\(cert)' -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64"
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        let port = try Loopback.freePort()
        let config = directory.appendingPathComponent("stunnel.conf")
        try """
        foreground = yes
        pid =
        debug = 3
        [console]
        accept = 127.0.0.1:\(port)
        connect = 127.0.0.1:\(backend)
        cert = \(cert)
        key = \(key)
        """.write(to: config, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: stunnel)
        process.arguments = [config.path]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let front = TLSFront(host: HostURL(scheme: "https", host: "127.0.0.1", port: port), pin: "sha256//" + pin,
                             process: process, directory: directory)
        for _ in 0..<100 where !Loopback.accepts(port) { usleep(50_000) }
        return front
    }

    func stop() {
        kill(process.processIdentifier, SIGKILL)
        try? FileManager.default.removeItem(at: directory)
    }



}
