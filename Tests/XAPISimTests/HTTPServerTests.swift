import Testing
import XAPI

@testable import XAPISim

/// The simulator over real HTTP on 127.0.0.1, checked byte for byte against xapi's shapes.
@Suite struct HTTPServerTests {
    private func withServer(
        _ configure: (inout SimServerOptions) -> Void = { _ in }, _ body: (SimServer, Int) async throws -> Void
    ) async throws {
        var options = SimServerOptions()
        configure(&options)
        var poolOptions = SimPoolOptions()
        poolOptions.opSeconds = 0.2
        poolOptions.loginFailureDelay = 0
        let server = SimServer(pools: [SimPool(database: makeDatabase(), options: poolOptions)], options: options)
        let listeners = try await server.start(host: "127.0.0.1", port: 0)
        do {
            try await body(server, listeners[0].port)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    private func xmlCall(_ method: String, _ params: [String]) -> String {
        "<?xml version=\"1.0\"?><methodCall><methodName>\(method)</methodName><params>"
            + params.map { "<param><value><string>\($0)</string></value></param>" }.joined() + "</params></methodCall>"
    }

    private let xmlHead = "<?xml version=\"1.0\"?><methodResponse><params><param>"
    private let xmlTail = "</param></params></methodResponse>"

    private func session(from response: RawHTTPClient.Response?) -> String {
        let text = response?.bodyText ?? ""
        guard let start = text.firstRange(of: "OpaqueRef:") else { return "" }
        return String(text[start.lowerBound...].prefix { $0 != "<" && $0 != "\"" })
    }

    @Test func xmlRPCLoginOnEveryPath() async throws {
        try await withServer { _, port in
            let client = try RawHTTPClient(port: port)
            for path in ["/", "/RPC2", "/xmlrpc"] {
                try client.post(path, body: xmlCall("session.login_with_password", ["root", "password", "1.0", "test"]))
                let response = try #require(await client.response())
                #expect(response.statusLine == "HTTP/1.1 200 OK")
                #expect(response.header("Content-Type") == "text/xml")
                #expect(response.header("Access-Control-Allow-Origin") == "*")
                let ref = session(from: response)
                #expect(ref.count == "OpaqueRef:".count + 36)
                #expect(
                    response.bodyText
                        == xmlHead + "<value><struct><member><name>Status</name><value>Success</value></member>"
                        + "<member><name>Value</name><value>\(ref)</value></member></struct></value>" + xmlTail)
            }
        }
    }

    @Test func xmlRPCFailureShape() async throws {
        try await withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.post("/", body: xmlCall("session.login_with_password", ["root", "wrong"]))
            let response = try #require(await client.response())
            #expect(
                response.bodyText
                    == xmlHead + "<value><struct><member><name>Status</name><value>Failure</value></member>"
                    + "<member><name>ErrorDescription</name><value><array><data><value>SESSION_AUTHENTICATION_FAILED</value>"
                    + "<value>root</value><value>Authentication failure</value></data></array></value></member></struct></value>"
                    + xmlTail)
        }
    }

    @Test func jsonRPCVersionOneAndTwo() async throws {
        try await withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.post(
                "/jsonrpc", body: #"{"method":"session.login_with_password","params":["root","password"],"id":7}"#,
                contentType: "application/json")
            let v1 = try #require(await client.response())
            #expect(v1.header("Content-Type") == "application/json")
            let ref = session(from: v1)
            #expect(v1.bodyText == #"{"result":"\#(ref)","error":null,"id":7}"#)

            try client.post(
                "/jsonrpc", body: #"{"jsonrpc":"2.0","method":"VM.get_power_state","params":["\#(ref)","\#(Refs.db)"],"id":"a"}"#,
                contentType: "application/json")
            #expect(try await client.response()?.bodyText == #"{"jsonrpc":"2.0","result":"Running","id":"a"}"#)

            try client.post(
                "/jsonrpc", body: #"{"jsonrpc":"2.0","method":"VM.get_record","params":["\#(ref)","OpaqueRef:x"],"id":3}"#,
                contentType: "application/json")
            #expect(
                try await client.response()?.bodyText
                    == #"{"jsonrpc":"2.0","error":{"code":1,"message":"HANDLE_INVALID","data":["VM","OpaqueRef:x"]},"id":3}"#)

            try client.post(
                "/jsonrpc", body: #"{"method":"VM.get_record","params":["OpaqueRef:bad","x"],"id":4}"#,
                contentType: "application/json")
            #expect(try await client.response()?.bodyText == #"{"result":null,"error":["SESSION_INVALID","OpaqueRef:bad"],"id":4}"#)
        }
    }

    @Test func sessionFromXMLRPCWorksOverJSONRPC() async throws {
        try await withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.post("/", body: xmlCall("session.login_with_password", ["root", "password"]))
            let ref = session(from: try await client.response())
            try client.post(
                "/jsonrpc", body: #"{"method":"host.get_name_label","params":["\#(ref)","\#(Refs.host1)"],"id":1}"#,
                contentType: "application/json")
            #expect(try await client.response()?.bodyText == #"{"result":"host-1","error":null,"id":1}"#)
        }
    }

    @Test func listMethodsIsABareArray() async throws {
        try await withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.post("/", body: xmlCall("system.listMethods", []))
            let text = try #require(await client.response()).bodyText
            #expect(text.hasPrefix(xmlHead + "<value><array><data><value>"))
            #expect(!text.contains("Status"))
            #expect(text.contains("<value>VM.get_all_records</value>"))
        }
    }

    @Test func eventFromSendsValidRefCountsAsI4() async throws {
        try await withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.post("/", body: xmlCall("session.login_with_password", ["root", "password"]))
            let ref = session(from: try await client.response())
            let body =
                "<?xml version=\"1.0\"?><methodCall><methodName>event.from</methodName><params><param><value>\(ref)</value></param>"
                + "<param><value><array><data><value>host</value></data></array></value></param><param><value></value></param>"
                + "<param><value><double>1</double></value></param></params></methodCall>"
            try client.post("/", body: body)
            let text = try #require(await client.response()).bodyText
            #expect(text.contains("<member><name>valid_ref_counts</name><value><struct><member><name>host</name><value><i4>2</i4></value></member></struct></value></member>"))
            #expect(text.contains("<member><name>class</name><value>host</value></member>"))
        }
    }

    @Test func keepAliveServesTwoRequestsOnOneConnection() async throws {
        try await withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.post("/", body: xmlCall("session.login_with_password", ["root", "password"]))
            let first = try #require(await client.response())
            #expect(first.header("Connection") == "keep-alive")
            try client.post("/", body: xmlCall("VM.get_all", [session(from: first)]))
            let second = try #require(await client.response())
            #expect(second.bodyText.contains("<value>\(Refs.web)</value>"))
        }
    }

    @Test func expectContinueGetsAnInterimReply() async throws {
        try await withServer { _, port in
            let client = try RawHTTPClient(port: port)
            let body = xmlCall("system.listMethods", [])
            try client.send(
                Array("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: \(body.utf8.count)\r\n\r\n".utf8))
            #expect(try await client.response()?.statusLine == "HTTP/1.1 100 Continue")
            try client.send(Array(body.utf8))
            #expect(try await client.response()?.statusLine == "HTTP/1.1 200 OK")
        }
    }

    @Test func httpOneZeroClosesAfterTheReply() async throws {
        try await withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.post("/", body: xmlCall("system.listMethods", []), version: "HTTP/1.0")
            let response = try #require(await client.response())
            #expect(response.statusLine == "HTTP/1.0 200 OK")
            #expect(try await client.response() == nil)
        }
    }

    @Test func waitingEventFromDoesNotHoldUpOtherConnections() async throws {
        try await withServer { _, port in
            let waiting = try RawHTTPClient(port: port)
            try waiting.post("/", body: xmlCall("session.login_with_password", ["root", "password"]))
            let ref = session(from: try await waiting.response())
            let body =
                "<?xml version=\"1.0\"?><methodCall><methodName>event.from</methodName><params><param><value>\(ref)</value></param>"
                + "<param><value><array><data><value>vm</value></data></array></value></param>"
                + "<param><value>00000000000000999999,00000000000000000000</value></param>"
                + "<param><value><double>1.5</double></value></param></params></methodCall>"
            let started = ContinuousClock.now
            try waiting.post("/", body: body)
            let other = try RawHTTPClient(port: port)
            try other.post("/", body: xmlCall("VM.get_all", [ref]))
            #expect(try await other.response()?.bodyText.contains("Success") == true)
            #expect(ContinuousClock.now - started < .milliseconds(1000))
            let answer = try #require(await waiting.response())
            #expect(ContinuousClock.now - started >= .milliseconds(1400))
            #expect(answer.bodyText.contains("<member><name>events</name><value><array><data></data></array></value></member>"))
        }
    }

    @Test func malformedRequestsGetHTML500() async throws {
        try await withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.post("/", body: "<methodCall><oops")
            let response = try #require(await client.response())
            #expect(response.statusLine == "HTTP/1.1 500 Internal Server Error")
            #expect(response.header("Content-Type") == "text/html")
            #expect(response.bodyText.hasPrefix("<html>"))
            try client.post("/jsonrpc", body: #"{"method":"system.listMethods","params":[]}"#, contentType: "application/json")
            #expect(try await client.response()?.statusLine == "HTTP/1.1 500 Internal Server Error")
        }
    }

    @Test func oversizedBodiesGet413() async throws {
        try await withServer({ $0.maxBodyBytes = 100 }) { _, port in
            let client = try RawHTTPClient(port: port)
            try client.post("/", body: xmlCall("session.login_with_password", ["root", String(repeating: "p", count: 200)]))
            #expect(try await client.response()?.statusLine == "HTTP/1.1 413 Payload Too Large")
        }
    }

    @Test func optionsAnswersCORS() async throws {
        try await withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send(Array("OPTIONS /jsonrpc HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n".utf8))
            let response = try #require(await client.response())
            #expect(response.statusLine == "HTTP/1.1 200 OK")
            #expect(response.header("Access-Control-Allow-Origin") == "*")
        }
    }

    @Test func rrdUpdatesUsesTheHook() async throws {
        try await withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send(Array("GET /rrd_updates?start=0 HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            #expect(try await client.response()?.statusLine == "HTTP/1.1 404 Not Found")
        }
        try await withServer({ options in
            options.rrdUpdates = { request in
                RRDUpdatesResponse(contentType: "application/json", body: Array("{\"start\":\"\(request.value("start") ?? "")\"}".utf8))
            }
        }) { server, port in
            let client = try RawHTTPClient(port: port)
            try client.send(Array("GET /rrd_updates?start=10 HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            #expect(try await client.response()?.statusLine == "HTTP/1.1 401 Unauthorized")
            let ref = server.pools[0].login()
            try client.send(Array("GET /rrd_updates?session_id=\(ref)&start=10&json=true HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            let response = try #require(await client.response())
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.bodyText == #"{"start":"10"}"#)
        }
    }

    @Test func slaveListenerAnswersHostIsSlave() async throws {
        try await withServer({ $0.slaveListeners = true }) { server, port in
            let slave = try #require(server.listeners.first { $0.role != .master })
            #expect(slave.port == port)
            let client = try RawHTTPClient(port: slave.port, host: slave.host)
            try client.post("/", body: xmlCall("session.login_with_password", ["root", "password"]))
            let text = try #require(await client.response()).bodyText
            #expect(text.contains("<value>HOST_IS_SLAVE</value><value>127.0.0.1</value>"))
        }
    }

    @Test func droppedConnections() async throws {
        try await withServer({ $0.dropConnectionEvery = 2 }) { _, port in
            let client = try RawHTTPClient(port: port)
            try client.post("/", body: xmlCall("system.listMethods", []))
            #expect(try await client.response() != nil)
            try client.post("/", body: xmlCall("system.listMethods", []))
            #expect(try await client.response() == nil)
        }
    }

    @Test func asyncTaskFinishesOverHTTP() async throws {
        try await withServer { server, port in
            let client = try RawHTTPClient(port: port)
            try client.post("/", body: xmlCall("session.login_with_password", ["root", "password"]))
            let ref = session(from: try await client.response())
            let body =
                "<?xml version=\"1.0\"?><methodCall><methodName>Async.VM.start</methodName><params><param><value>\(ref)</value></param>"
                + "<param><value>\(Refs.web)</value></param><param><value><boolean>0</boolean></value></param>"
                + "<param><value><boolean>0</boolean></value></param></params></methodCall>"
            try client.post("/", body: body)
            let task = session(from: try await client.response())
            try await Task.sleep(for: .milliseconds(700))
            #expect(server.pools[0].record("task", task)["status"] == "success")
            #expect(server.pools[0].record("VM", Refs.web)["power_state"] == "Running")
        }
    }
}
