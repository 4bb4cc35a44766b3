import TestSupport
import Synchronization
import Testing

@testable import XAPI

/// The session against canned replies: protocol fallback, redirects, re-login, errors.
@Suite("XAPI session against canned replies")
struct SessionTests {
    static func json(_ reply: XAPIReply<XAPIValue>, id: JSONRPCID = .int(1)) -> TransportTestResponder.Reply {
        .http(status: 200, contentType: "application/json",
            body: String(decoding: JSONRPC.encodeReply(reply, id: id, version: .v2), as: UTF8.self))
    }

    static func xml(_ reply: XAPIReply<XAPIValue>) -> TransportTestResponder.Reply {
        .http(status: 200, contentType: "text/xml", body: String(decoding: XMLRPC.encodeReply(reply), as: UTF8.self))
    }

    /// Answers like a small xapi over JSON-RPC: logins give sessions `s1`, `s2`…, VM.get_name_label
    /// gives a name unless the session was invalidated.
    @Test func logsInOverJSONRPCWithTheTwoArgumentForm() async throws {
        let responder = try TransportTestResponder { request in
            guard request.path == "/jsonrpc", let call = try? JSONRPC.decodeCall(request.body) else {
                return .http(status: 404, contentType: "text/plain", body: "no")
            }
            switch call.call.method {
            case "session.login_with_password": return Self.json(.success("OpaqueRef:s1"), id: call.id)
            case "VM.get_name_label": return Self.json(.success(.string("vm for \(call.call.params[0].stringValue ?? "")")), id: call.id)
            default: return Self.json(.failure(["MESSAGE_METHOD_UNKNOWN", call.call.method]), id: call.id)
            }
        }
        defer { responder.stop() }
        let session = try XAPISession(url: responder.url, user: "root", password: .value("s3cret"))
        try await session.login()
        #expect(await session.wireProtocol == .jsonrpc)
        let login = try JSONRPC.decodeCall(responder.requests[0].body)
        #expect(login.call == XAPICall(method: "session.login_with_password", params: ["root", "s3cret"]))
        let name = try await session.call("VM.get_name_label", ["OpaqueRef:vm1"])
        #expect(name == .string("vm for OpaqueRef:s1"))
        #expect(responder.connectionCount == 1)
    }

    @Test func fallsBackToXMLRPCWhenJSONRPCIsNotAnswered() async throws {
        let responder = try TransportTestResponder { request in
            if request.path == "/jsonrpc" {
                return .http(status: 500, contentType: "text/html", body: "<html><body>Internal error</body></html>")
            }
            guard let call = try? XMLRPC.decodeCall(request.body) else {
                return .http(status: 500, contentType: "text/html", body: "bad")
            }
            switch call.method {
            case "session.login_with_password": return Self.xml(.success("OpaqueRef:x1"))
            case "host.get_all": return Self.xml(.success(["OpaqueRef:h1", "OpaqueRef:h2"]))
            default: return Self.xml(.failure(["MESSAGE_METHOD_UNKNOWN", call.method]))
            }
        }
        defer { responder.stop() }
        let session = try XAPISession(url: responder.url, password: .value("pw"))
        let hosts = try await session.call("host.get_all", [])
        #expect(hosts == ["OpaqueRef:h1", "OpaqueRef:h2"])
        #expect(await session.wireProtocol == .xmlrpc)
        #expect(responder.requests.map(\.path) == ["/jsonrpc", "/", "/"])
        let call = try XMLRPC.decodeCall(responder.requests[2].body)
        #expect(call.params == ["OpaqueRef:x1"])
    }

    @Test func followsHostIsSlaveToTheMasterKeepingSchemeAndPort() async throws {
        let responder = try TransportTestResponder { request in
            guard let call = try? JSONRPC.decodeCall(request.body) else { return .close }
            if request.headers["host"]?.hasPrefix("localhost") == true {
                return Self.json(.failure(["HOST_IS_SLAVE", "127.0.0.1"]), id: call.id)
            }
            return Self.json(.success("OpaqueRef:master-session"), id: call.id)
        }
        defer { responder.stop() }
        let session = try XAPISession(url: "http://localhost:\(responder.port)", password: .value("pw"))
        try await session.login()
        #expect(await session.host.description == "http://127.0.0.1:\(responder.port)")
        #expect(await session.currentSessionRef == "OpaqueRef:master-session")
    }

    @Test func sessionInvalidLogsInAgainOnceAndRetries() async throws {
        let logins = Mutex(0)
        let responder = try TransportTestResponder { request in
            guard let call = try? JSONRPC.decodeCall(request.body) else { return .close }
            if call.call.method == "session.login_with_password" {
                let n = logins.withLock { $0 += 1; return $0 }
                return Self.json(.success(.string("OpaqueRef:s\(n)")), id: call.id)
            }
            // Only the second session is valid.
            if call.call.params.first == "OpaqueRef:s2" { return Self.json(.success(.int(42)), id: call.id) }
            return Self.json(.failure(["SESSION_INVALID", call.call.params.first?.stringValue ?? ""]), id: call.id)
        }
        defer { responder.stop() }
        let session = try XAPISession(url: responder.url, password: .value("pw"), options: XAPISessionOptions(protocolPreference: .jsonrpc))
        #expect(try await session.call("VM.get_VCPUs_max", ["OpaqueRef:v"]) == .int(42))
        #expect(logins.withLock { $0 } == 2)
    }

    @Test func sessionInvalidTwiceIsReported() async throws {
        let responder = try TransportTestResponder { request in
            guard let call = try? JSONRPC.decodeCall(request.body) else { return .close }
            if call.call.method == "session.login_with_password" { return Self.json(.success("OpaqueRef:s"), id: call.id) }
            return Self.json(.failure(["SESSION_INVALID", "OpaqueRef:s"]), id: call.id)
        }
        defer { responder.stop() }
        let session = try XAPISession(url: responder.url, password: .value("pw"), options: XAPISessionOptions(protocolPreference: .jsonrpc))
        await #expect(throws: XAPIError(code: "SESSION_INVALID", params: ["OpaqueRef:s"], call: "VM.start", object: "web-1")) {
            _ = try await session.call("VM.start", ["OpaqueRef:v", false, false], object: "web-1")
        }
        // login, call, login, call: one retry only.
        #expect(responder.requests.count == 4)
    }

    @Test func failuresNameTheCallAndNeverThePassword() async throws {
        let responder = try TransportTestResponder { request in
            guard let call = try? JSONRPC.decodeCall(request.body) else { return .close }
            return Self.json(.failure(["SESSION_AUTHENTICATION_FAILED", "root", "Authentication failure"]), id: call.id)
        }
        defer { responder.stop() }
        let session = try XAPISession(url: responder.url, password: .value("hunter2"))
        let error = await #expect(throws: XAPIError.self) { try await session.login() }
        #expect(error?.code == "SESSION_AUTHENTICATION_FAILED")
        #expect(error?.call == "session.login_with_password")
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test func htmlErrorPageOverXMLRPCIsAnHTTPError() async throws {
        let responder = try TransportTestResponder { _ in
            .http(status: 500, contentType: "text/html", body: "<html><h1>Internal Server Error</h1></html>")
        }
        defer { responder.stop() }
        let session = try XAPISession(url: responder.url, password: .value("pw"))
        let error = await #expect(throws: XAPITransportError.self) { try await session.login() }
        #expect(error == .httpStatus(url: responder.url + "/", status: 500, excerpt: "<html><h1>Internal Server Error</h1></html>"))
    }

    @Test func replyCutInTheMiddleIsReported() async throws {
        let reply = String(decoding: JSONRPC.encodeReply(.success("OpaqueRef:s"), id: .int(1), version: .v2), as: UTF8.self)
        let responder = try TransportTestResponder { _ in .cut(contentType: "application/json", body: reply, sent: 10) }
        defer { responder.stop() }
        let session = try XAPISession(url: responder.url, password: .value("pw"), options: XAPISessionOptions(protocolPreference: .jsonrpc))
        let error = await #expect(throws: XAPITransportError.self) { try await session.login() }
        #expect(error?.isNetworkFailure == true)
    }

    @Test func eventBatchDecodesStraightFromBytes() async throws {
        let batch: XAPIValue = [
            "events": [
                ["id": "7", "timestamp": "0.0", "class": "vm", "operation": "mod", "ref": "OpaqueRef:v1",
                 "snapshot": ["uuid": "u-1", "name_label": "web-1", "power_state": "Running"]],
                ["id": "8", "timestamp": "0.0", "class": "vm", "operation": "del", "ref": "OpaqueRef:v2"],
                ["id": "9", "timestamp": "0.0", "class": "vbd_metrics", "operation": "add", "ref": "OpaqueRef:m",
                 "snapshot": ["uuid": "u-m"]],
            ],
            "valid_ref_counts": ["vm": .int(12), "task": .int(0)],
            "token": "00000000000000000042,00000000000000000001",
        ]
        for wire in [XAPIProtocolPreference.jsonrpc, .xmlrpc] {
            let responder = try TransportTestResponder { request in
                if wire == .jsonrpc, let call = try? JSONRPC.decodeCall(request.body) {
                    return Self.json(call.call.method == "event.from" ? .success(batch) : .success("OpaqueRef:s"), id: call.id)
                }
                if wire == .xmlrpc, let call = try? XMLRPC.decodeCall(request.body) {
                    return Self.xml(call.method == "event.from" ? .success(batch) : .success("OpaqueRef:s"))
                }
                return .close
            }
            defer { responder.stop() }
            let session = try XAPISession(url: responder.url, password: .value("pw"), options: XAPISessionOptions(protocolPreference: wire))
            let result = try await session.eventFrom(classes: ["vm", "task"], token: "", timeout: 1)
            #expect(result.token == "00000000000000000042,00000000000000000001")
            #expect(result.validRefCounts == ["vm": 12, "task": 0])
            #expect(result.events.map(\.operation) == [.mod, .del, .add])
            #expect(result.events.map(\.className) == ["vm", "vm", "vbd_metrics"])
            guard case .vm(let vm) = result.events[0].snapshot else {
                Issue.record("expected a VM snapshot")
                continue
            }
            #expect(vm.name_label == "web-1")
            #expect(vm.power_state == .running)
            #expect(result.events[1].snapshot == nil)
            #expect(result.events[2].snapshot == nil)  // no generated record for vbd_metrics
        }
    }

    @Test func passwordSourcesReadWithoutRevealing() async throws {
        // A password command is a child process waited for: off the cooperative pool.
        #expect(try await offPool { try PasswordSource.command("printf 'pw-from-command\\nsecond line'").resolve() } == "pw-from-command")
        await #expect(throws: PasswordSourceError.self) { try await offPool { try PasswordSource.command("exit 3").resolve() } }
        #expect(throws: PasswordSourceError.self) { try PasswordSource.environment("XENTUI_SURELY_UNSET_VARIABLE").resolve() }
        #expect(throws: PasswordSourceError.self) { try PasswordSource.file("/nonexistent/xentui-password").resolve() }
        #expect(PasswordSource.value("hunter2").description.contains("hunter2") == false)
    }
}
