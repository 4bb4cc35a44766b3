import Foundation
import Glibc
import TestSupport
import Testing

@testable import XAPI

/// TLS against a real terminator: stunnel with a self-signed certificate made at test time,
/// forwarding to a plain responder.
@Suite("Transport over TLS", .serialized)
struct TransportTLSTests {
    @Test func selfSignedCertificateIsRefusedWithItsPin() async throws {
        guard let tunnel = try await offPool({ try TLSTunnel.start() }) else { return }
        defer { tunnel.stop() }
        let connection = CurlConnection(host: tunnel.host)
        let error = await #expect(throws: XAPITransportError.self) {
            _ = try await connection.post(path: "/", contentType: "text/xml", body: [], timeout: 5)
        }
        guard case .tlsVerificationFailed(_, _, let fingerprint) = error else {
            Issue.record("expected tlsVerificationFailed, got \(String(describing: error))")
            return
        }
        #expect(fingerprint == tunnel.pin)
        let message = error?.description ?? ""
        #expect(message.contains(tunnel.host.description))
        #expect(message.contains("pin = \"\(tunnel.pin)\""))
        #expect(message.contains("--insecure"))
    }

    @Test func insecureAcceptsAnyCertificate() async throws {
        guard let tunnel = try await offPool({ try TLSTunnel.start() }) else { return }
        defer { tunnel.stop() }
        let connection = CurlConnection(host: tunnel.host, options: TransportOptions(insecure: true))
        let reply = try await connection.post(path: "/", contentType: "text/xml", body: [], timeout: 5)
        #expect(String(decoding: reply.body, as: UTF8.self) == "behind tls")
    }

    @Test func rightPinIsAccepted() async throws {
        guard let tunnel = try await offPool({ try TLSTunnel.start() }) else { return }
        defer { tunnel.stop() }
        let connection = CurlConnection(host: tunnel.host, options: TransportOptions(pin: tunnel.pin))
        let reply = try await connection.post(path: "/", contentType: "text/xml", body: [], timeout: 5)
        #expect(String(decoding: reply.body, as: UTF8.self) == "behind tls")
    }

    @Test func wrongPinIsRefusedShowingBothKeys() async throws {
        guard let tunnel = try await offPool({ try TLSTunnel.start() }) else { return }
        defer { tunnel.stop() }
        let wrong = "sha256//" + Base64.encode(SHA256.hash(Array("another key".utf8)))
        let connection = CurlConnection(host: tunnel.host, options: TransportOptions(pin: wrong))
        let error = await #expect(throws: XAPITransportError.self) {
            _ = try await connection.post(path: "/", contentType: "text/xml", body: [], timeout: 5)
        }
        #expect(error == .pinMismatch(url: tunnel.host.url(path: "/"), expected: wrong, actual: tunnel.pin))
        #expect(error?.description.contains(wrong) == true)
        #expect(error?.description.contains(tunnel.pin) == true)
    }
}

/// stunnel on a free loopback port with a fresh self-signed certificate.
struct TLSTunnel {
    let host: HostURL
    /// The certificate's pin as OpenSSL computes it (independent of the client's DER walk).
    let pin: String
    let process: Process
    let responder: TransportTestResponder
    let directory: URL

    /// nil (and a note) when stunnel or openssl is not installed.
    static func start() throws -> TLSTunnel? {
        guard let stunnel = which("stunnel4") ?? which("stunnel"), which("openssl") != nil else {
            print("skipping TLS test: stunnel and openssl are needed (apt-get install stunnel4 openssl)")
            return nil
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xentui-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let cert = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        try runShell(
            "openssl req -x509 -newkey rsa:2048 -nodes -keyout '\(key)' -out '\(cert)' -days 2 -subj /CN=xapi-test 2>/dev/null")
        let pin = try runShell(
            "openssl x509 -in '\(cert)' -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64"
        ).trimmingCharacters(in: .whitespacesAndNewlines)

        let responder = try TransportTestResponder { _ in .http(status: 200, contentType: "text/xml", body: "behind tls") }
        let port = try Loopback.freePort()
        let config = directory.appendingPathComponent("stunnel.conf")
        try """
        foreground = yes
        pid =
        debug = 3
        [xapi]
        accept = 127.0.0.1:\(port)
        connect = 127.0.0.1:\(responder.port)
        cert = \(cert)
        key = \(key)
        """.write(to: config, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: stunnel)
        process.arguments = [config.path]
        // Fresh handles, not the shared FileHandle.nullDevice (see PasswordSource).
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let tunnel = TLSTunnel(
            host: HostURL(scheme: "https", host: "127.0.0.1", port: port), pin: "sha256//" + pin, process: process,
            responder: responder, directory: directory)
        for _ in 0..<100 where !Loopback.accepts(port) { usleep(50_000) }
        return tunnel
    }

    /// Returns at once: no `waitUntilExit`, which would hold a cooperative thread (Foundation's
    /// own thread reaps the process).
    func stop() {
        // stunnel does not always act on SIGTERM while it has clients; it holds no state worth a clean exit.
        kill(process.processIdentifier, SIGKILL)
        responder.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    private static func which(_ name: String) -> String? {
        for dir in ["/usr/bin", "/usr/sbin", "/usr/local/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
            return "\(dir)/\(name)"
        }
        return nil
    }



}
