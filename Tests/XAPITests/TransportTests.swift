import TestSupport
import Foundation
import Testing

@testable import XAPI

// Own threads: these tests bound how long a request takes, which must not include waiting for
// a cooperative thread behind other suites' work.
@Suite("Transport over libcurl", .ownThread)
struct TransportTests {
    @Test func postReturnsStatusContentTypeAndBody() async throws {
        let responder = try TransportTestResponder { request in
            .http(status: 200, contentType: "application/json; charset=utf-8", body: "echo:" + request.text)
        }
        defer { responder.stop() }
        let connection = CurlConnection(host: try HostURL(parsing: responder.url))
        let reply = try await connection.post(path: "/jsonrpc", contentType: "application/json", body: Array("hi".utf8), timeout: 5)
        #expect(reply.status == 200)
        #expect(reply.contentType == "application/json")
        #expect(String(decoding: reply.body, as: UTF8.self) == "echo:hi")
        #expect(responder.requests.first?.path == "/jsonrpc")
        #expect(responder.requests.first?.method == "POST")
        #expect(responder.requests.first?.headers["content-type"] == "application/json")
    }

    @Test func reusesOneConnectionForManyRequests() async throws {
        let responder = try TransportTestResponder { _ in .http(status: 200, contentType: "text/xml", body: "ok") }
        defer { responder.stop() }
        let connection = CurlConnection(host: try HostURL(parsing: responder.url))
        for _ in 0..<5 {
            _ = try await connection.post(path: "/", contentType: "text/xml", body: [], timeout: 5)
        }
        #expect(responder.requests.count == 5)
        #expect(responder.connectionCount == 1)
    }

    @Test func errorStatusIsAReplyWithAnExcerpt() async throws {
        let responder = try TransportTestResponder { _ in
            .http(status: 500, contentType: "text/html", body: "<html><body>\n  <h1>Internal error</h1>\n</body></html>")
        }
        defer { responder.stop() }
        let connection = CurlConnection(host: try HostURL(parsing: responder.url))
        let reply = try await connection.post(path: "/jsonrpc", contentType: "application/json", body: [], timeout: 5)
        #expect(reply.status == 500)
        #expect(reply.contentType == "text/html")
        #expect(reply.excerpt == "<html><body> <h1>Internal error</h1> </body></html>")
    }

    @Test func replyCutInTheMiddleIsAConnectionLoss() async throws {
        let responder = try TransportTestResponder { _ in
            .cut(contentType: "text/xml", body: String(repeating: "x", count: 1000), sent: 200)
        }
        defer { responder.stop() }
        let connection = CurlConnection(host: try HostURL(parsing: responder.url))
        let error = await #expect(throws: XAPITransportError.self) {
            _ = try await connection.post(path: "/", contentType: "text/xml", body: [], timeout: 5)
        }
        guard case .connectionLost(let url, _) = error else {
            Issue.record("expected connectionLost, got \(String(describing: error))")
            return
        }
        #expect(url == responder.url + "/")
    }

    @Test func slowReplyTimesOut() async throws {
        // Without the timeout the late reply would arrive and no error would be thrown.
        let responder = try TransportTestResponder { _ in .delayed(3, .http(status: 200, contentType: "text/xml", body: "late")) }
        defer { responder.stop() }
        let connection = CurlConnection(host: try HostURL(parsing: responder.url))
        let error = await #expect(throws: XAPITransportError.self) {
            _ = try await connection.post(path: "/", contentType: "text/xml", body: [], timeout: 0.5)
        }
        #expect(error == .timeout(url: responder.url + "/", seconds: 0.5))
        #expect(error?.description == "no reply from \(responder.url)/ within 0.5 s")
    }

    @Test func tooLargeReplyIsRefused() async throws {
        let responder = try TransportTestResponder { _ in
            .http(status: 200, contentType: "text/xml", body: String(repeating: "y", count: 5000))
        }
        defer { responder.stop() }
        let connection = CurlConnection(host: try HostURL(parsing: responder.url), options: TransportOptions(maxReplyBytes: 1000))
        let error = await #expect(throws: XAPITransportError.self) {
            _ = try await connection.post(path: "/", contentType: "text/xml", body: [], timeout: 5)
        }
        #expect(error == .replyTooLarge(url: responder.url + "/", limit: 1000))
    }

    @Test func closedPortCannotConnect() async throws {
        let responder = try TransportTestResponder { _ in .close }
        let url = responder.url
        responder.stop()
        let connection = CurlConnection(host: try HostURL(parsing: url))
        let error = await #expect(throws: XAPITransportError.self) {
            _ = try await connection.post(path: "/", contentType: "text/xml", body: [], timeout: 5)
        }
        guard case .cannotConnect = error else {
            Issue.record("expected cannotConnect, got \(String(describing: error))")
            return
        }
        #expect(error?.isNetworkFailure == true)
        #expect(error?.description.contains(url) == true)
    }

    /// A long poll on one connection must not hold up a call on another.
    @Test func slowConnectionDoesNotBlockAnother() async throws {
        let responder = try TransportTestResponder { request in
            request.path == "/slow"
                ? .delayed(6, .http(status: 200, contentType: "text/plain", body: "slow"))
                : .http(status: 200, contentType: "text/plain", body: "fast")
        }
        defer { responder.stop() }
        let host = try HostURL(parsing: responder.url)
        let events = CurlConnection(host: host)
        let calls = CurlConnection(host: host)
        let slow = Task { try await events.post(path: "/slow", contentType: "text/plain", body: [], timeout: 20) }
        try await Task.sleep(for: .milliseconds(200))
        let started = ContinuousClock.now
        let fast = try await calls.post(path: "/fast", contentType: "text/plain", body: [], timeout: 5)
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(fast.body == Array("fast".utf8))
        #expect(try await slow.value.body == Array("slow".utf8))
    }

    @Test func cancellingTheTaskAbortsTheRequest() async throws {
        // Bounds are loose: other suites may keep the machine busy. The reply would take 20 s.
        let responder = try TransportTestResponder { _ in .delayed(20, .http(status: 200, contentType: "text/plain", body: "x")) }
        defer { responder.stop() }
        let connection = CurlConnection(host: try HostURL(parsing: responder.url))
        let started = ContinuousClock.now
        // A child task (not `Task {}`) so that it inherits the test's own thread.
        let outcome = await withTaskGroup(of: Result<HTTPReply, any Error>.self) { group in
            group.addTask {
                do { return .success(try await connection.post(path: "/", contentType: "text/plain", body: [], timeout: 30)) }
                catch { return .failure(error) }
            }
            try? await Task.sleep(for: .milliseconds(300))
            group.cancelAll()
            return await group.next()
        }
        #expect(throws: CancellationError.self) { _ = try outcome?.get() }
        #expect(outcome != nil)
        #expect(ContinuousClock.now - started < .seconds(15))
    }
}

@Suite("Host URLs")
struct TransportHostURLTests {
    @Test func parsesSchemeHostAndPort() throws {
        #expect(try HostURL(parsing: "https://xen1.example.com") == HostURL(scheme: "https", host: "xen1.example.com"))
        #expect(try HostURL(parsing: "http://10.0.0.1:8080/") == HostURL(scheme: "http", host: "10.0.0.1", port: 8080))
        #expect(try HostURL(parsing: "10.0.0.2") == HostURL(scheme: "https", host: "10.0.0.2"))
        #expect(try HostURL(parsing: "https://[fe80::1]:443/jsonrpc") == HostURL(scheme: "https", host: "fe80::1", port: 443))
    }

    @Test func rejectsBadURLs() {
        #expect(throws: XAPITransportError.invalidURL("ftp://x", reason: "the scheme must be https or http")) {
            try HostURL(parsing: "ftp://x")
        }
        #expect(throws: XAPITransportError.self) { try HostURL(parsing: "https://host:99999") }
        #expect(throws: XAPITransportError.self) { try HostURL(parsing: "https://") }
        #expect(throws: XAPITransportError.self) { try HostURL(parsing: "https://root:secret@host") }
    }

    @Test func anotherHostKeepsSchemeAndPortAndBracketsIPv6() throws {
        let master = try HostURL(parsing: "https://10.0.0.1:8443")
        #expect(master.withHost("10.0.0.7").description == "https://10.0.0.7:8443")
        #expect(master.withHost("2001:db8::7").description == "https://[2001:db8::7]:8443")
        #expect(master.withHost("[2001:db8::8]").url(path: "/jsonrpc") == "https://[2001:db8::8]:8443/jsonrpc")
    }
}

@Suite("Public-key pins")
struct TransportPinTests {
    @Test func sha256MatchesKnownVectors() {
        func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
        #expect(hex(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(hex(SHA256.hash(long)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func base64RoundTrips() {
        for text in ["", "f", "fo", "foo", "foob", "fooba", "foobar"] {
            let encoded = Base64.encode(Array(text.utf8))
            #expect(Base64.decode(encoded) == Array(text.utf8))
        }
        #expect(Base64.encode(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(Base64.decode("Zm9v\nYg==") == Array("foob".utf8))
        #expect(Base64.decode("Zm9v*") == nil)
    }

    @Test func garbageIsNotACertificate() {
        #expect(CertificateProbe.pin(pem: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----") == nil)
        #expect(CertificateProbe.subjectPublicKeyInfo(certificate: [0x30, 0x85, 1, 2, 3]) == nil)
        #expect(CertificateProbe.subjectPublicKeyInfo(certificate: []) == nil)
    }
}
