import OrderedCollections

/// A logged-in session with one pool master, over keep-alive connections: some for calls
/// (opened as concurrent calls need them, up to `options.callConnections`) and one for the
/// `event.from` long poll, so that waiting for events never delays a call.
///
/// - Logs in with `session.login_with_password(user, password)` (the 2-argument form).
/// - Speaks JSON-RPC, or XML-RPC when the host does not answer JSON-RPC; remembers the choice.
/// - Follows `HOST_IS_SLAVE [master]` to the master, keeping scheme and port.
/// - On `SESSION_INVALID` logs in again once and retries the call.
/// Every failure is an `XAPIError` (with the call and object filled in), an
/// `XAPITransportError`, or a `PasswordSourceError`.
public actor XAPISession: XAPISessionProtocol {
    /// The host this session talks to; changes when `HOST_IS_SLAVE` leads elsewhere.
    public private(set) var host: HostURL
    public let user: String
    private let password: PasswordSource
    public let options: XAPISessionOptions
    /// The protocol settled on at login (nil before the first login in `.auto` mode).
    public private(set) var wireProtocol: XAPIWireProtocol?
    /// Logins and logouts go here; it is also the first of the call connections.
    private var callConnection: CurlConnection
    /// Call connections free for the next call; calls beyond `options.callConnections` wait for one.
    private var idleCallConnections: [CurlConnection]
    private var openCallConnections = 1
    private var callConnectionWaiters: [CheckedContinuation<Void, Never>] = []
    private var eventConnection: CurlConnection
    private var sessionRef: String?
    private var pendingLogin: Task<String, any Error>?
    private var nextRequestID: Int64 = 1

    public init(host: HostURL, user: String = "root", password: PasswordSource, options: XAPISessionOptions = XAPISessionOptions()) {
        self.host = host
        self.user = user
        self.password = password
        self.options = options
        callConnection = CurlConnection(host: host, options: options.transport)
        idleCallConnections = [callConnection]
        eventConnection = CurlConnection(host: host, options: options.transport)
        switch options.protocolPreference {
        case .auto: wireProtocol = nil
        case .jsonrpc: wireProtocol = .jsonrpc
        case .xmlrpc: wireProtocol = .xmlrpc
        }
    }

    public init(url: String, user: String = "root", password: PasswordSource, options: XAPISessionOptions = XAPISessionOptions()) throws {
        self.init(host: try HostURL(parsing: url), user: user, password: password, options: options)
    }

    /// The session ref once logged in.
    public var currentSessionRef: String? { sessionRef }

    /// The session ref, logging in first when there is none: for the requests that are not
    /// calls (`CONNECT /console`).
    public func loggedInSessionRef() async throws -> String { try await session() }

    // MARK: - Login

    /// Logs in (again): a new session replaces the old one.
    public func login() async throws {
        sessionRef = nil
        _ = try await session()
    }

    /// Logs out; errors are ignored (the session may already be gone).
    public func logout() async {
        guard let ref = sessionRef else { return }
        sessionRef = nil
        _ = try? await send("session.logout", [.string(ref)], object: nil, decode: .void, on: callConnection, timeout: 10)
    }

    /// The current session ref, logging in when there is none. Concurrent callers share one login.
    private func session() async throws -> String {
        if let sessionRef { return sessionRef }
        if let pendingLogin { return try await pendingLogin.value }
        let task = Task { try await self.performLogin() }
        pendingLogin = task
        defer { pendingLogin = nil }
        let ref = try await task.value
        sessionRef = ref
        return ref
    }

    private func performLogin() async throws -> String {
        var redirects = 0
        while true {
            do {
                return try await loginOnce()
            } catch let error as XAPIError where error.code == "HOST_IS_SLAVE" {
                guard let master = error.params.first, !master.isEmpty, redirects < 3 else { throw error }
                redirects += 1
                moveTo(host.withHost(master))
            }
        }
    }

    /// Points the session at another host (the master named by `HOST_IS_SLAVE`).
    private func moveTo(_ newHost: HostURL) {
        host = newHost
        callConnection = CurlConnection(host: newHost, options: options.transport)
        idleCallConnections = [callConnection]
        openCallConnections = 1
        wakeCallConnectionWaiters(all: true)
        eventConnection = CurlConnection(host: newHost, options: options.transport)
    }

    private func loginOnce() async throws -> String {
        let secret = try password.resolve()
        let params: [XAPIValue] = [.string(user), .string(secret)]
        if let wireProtocol {
            return try await send("session.login_with_password", params, object: nil, decode: .string,
                on: callConnection, timeout: options.callTimeout, using: wireProtocol)
        }
        do {
            let ref = try await send("session.login_with_password", params, object: nil, decode: .string,
                on: callConnection, timeout: options.callTimeout, using: .jsonrpc)
            wireProtocol = .jsonrpc
            return ref
        } catch let error as XAPITransportError where Self.meansNoJSONRPC(error) {
            let ref = try await send("session.login_with_password", params, object: nil, decode: .string,
                on: callConnection, timeout: options.callTimeout, using: .xmlrpc)
            wireProtocol = .xmlrpc
            return ref
        }
    }

    /// The host answered, but not in JSON-RPC: an error page, or another content type.
    private static func meansNoJSONRPC(_ error: XAPITransportError) -> Bool {
        switch error {
        case .httpStatus(_, let status, _): [400, 404, 405, 500, 501].contains(status)
        case .malformedReply: true
        default: false
        }
    }

    // MARK: - Calls

    /// Calls `method` with the session ref prepended (except for `session.login*`).
    /// `object` names what the call is about in errors.
    public func call(_ method: String, _ params: [XAPIValue], object: String? = nil) async throws -> XAPIValue {
        try await call(method, params, object: object, decode: .value)
    }

    /// Calls `method` and decodes the result straight from the reply bytes.
    public func call<T: Sendable>(_ method: String, _ params: [XAPIValue], object: String? = nil, decode: DecodeBody<T>)
        async throws -> T
    {
        try await callWithSession(method, params, object: object, decode: decode, events: false, timeout: options.callTimeout)
    }

    private func callWithSession<T: Sendable>(
        _ method: String, _ params: [XAPIValue], object: String?, decode: DecodeBody<T>, events: Bool, timeout: Double
    ) async throws -> T {
        if method.hasPrefix("session.login") {
            return try await send(method, params, object: object, decode: decode, on: callConnection, timeout: timeout)
        }
        let ref = try await session()
        do {
            return try await send(method, [.string(ref)] + params, object: object, decode: decode, events: events, timeout: timeout)
        } catch let error as XAPIError where error.code == "SESSION_INVALID" {
            if sessionRef == ref { sessionRef = nil }
            let fresh = try await session()
            return try await send(method, [.string(fresh)] + params, object: object, decode: decode, events: events, timeout: timeout)
        }
    }

    /// A call on the event connection, or on a call connection of its own while there is one.
    private func send<T: Sendable>(
        _ method: String, _ params: [XAPIValue], object: String?, decode: DecodeBody<T>, events: Bool, timeout: Double
    ) async throws -> T {
        if events { return try await send(method, params, object: object, decode: decode, on: eventConnection, timeout: timeout) }
        let connection = await leaseCallConnection()
        defer { releaseCallConnection(connection) }
        return try await send(method, params, object: object, decode: decode, on: connection, timeout: timeout)
    }

    private func leaseCallConnection() async -> CurlConnection {
        while true {
            if let idle = idleCallConnections.popLast() { return idle }
            if openCallConnections < options.callConnections {
                openCallConnections += 1
                return CurlConnection(host: host, options: options.transport)
            }
            await withCheckedContinuation { callConnectionWaiters.append($0) }
        }
    }

    /// A connection to a host given up since (`moveTo`) is dropped.
    private func releaseCallConnection(_ connection: CurlConnection) {
        guard connection.host == host else { return }
        idleCallConnections.append(connection)
        wakeCallConnectionWaiters(all: false)
    }

    private func wakeCallConnectionWaiters(all: Bool) {
        while !callConnectionWaiters.isEmpty {
            callConnectionWaiters.removeFirst().resume()
            if !all { return }
        }
    }

    /// One request and its reply, no retry.
    private func send<T: Sendable>(
        _ method: String, _ params: [XAPIValue], object: String?, decode: DecodeBody<T>, on connection: CurlConnection,
        timeout: Double, using chosen: XAPIWireProtocol? = nil
    ) async throws -> T {
        let wire = chosen ?? wireProtocol ?? .jsonrpc
        let body: [UInt8]
        switch wire {
        case .jsonrpc:
            body = JSONRPC.encodeCall(method: method, params: params, id: .int(nextRequestID), version: .v2)
            nextRequestID += 1
        case .xmlrpc:
            body = XMLRPC.encodeCall(method: method, params: params)
        }
        let url = connection.host.url(path: wire.path)
        let outcome = try await connection.post(path: wire.path, contentType: wire.contentType, body: body, timeout: timeout) {
            try Self.decodeReply($0, wire: wire, url: url, decode: decode)
        }
        switch outcome {
        case .success(let value): return value
        case .failure(let description): throw XAPIError(errorDescription: description, call: method, object: object)
        }
    }

    /// Runs on the connection's thread: checks the status and decodes the body.
    private static func decodeReply<T: Sendable>(
        _ reply: HTTPReply, wire: XAPIWireProtocol, url: String, decode: DecodeBody<T>
    ) throws -> XAPIReply<T> {
        guard reply.status == 200 else {
            throw XAPITransportError.httpStatus(url: url, status: reply.status, excerpt: reply.excerpt)
        }
        do {
            switch wire {
            case .jsonrpc:
                guard reply.contentType == nil || reply.contentType == "application/json" else {
                    throw XAPIDecodingError("not a JSON-RPC reply (content type \(reply.contentType ?? "none"))")
                }
                return try JSONRPC.decodeReply(reply.body, decode.json)
            case .xmlrpc:
                return try XMLRPC.decodeReply(reply.body, decode.xml)
            }
        } catch let error as XAPIDecodingError {
            throw XAPITransportError.malformedReply(url: url, error: error)
        }
    }

    // MARK: - Typed helpers

    /// Every record of a class, decoded straight into `R`.
    public func getAllRecords<R: XAPIRecord>(_ type: R.Type) async throws -> OrderedDictionary<Ref<R>, R> {
        try await call("\(R.xapiClassName).get_all_records", [], decode: DecodeBody(RecordMapReader<R>()))
    }

    /// One record.
    public func getRecord<R: XAPIRecord>(_ ref: Ref<R>) async throws -> R {
        try await call("\(R.xapiClassName).get_record", [.string(ref.rawValue)], object: ref.rawValue,
            decode: DecodeBody(RecordReader<R>()))
    }

    /// A token to read events from: marks the present, so that no event between a load and the
    /// first `event.from` is lost.
    public func eventInject(className: String, ref: String) async throws -> String {
        try await call("event.inject", [.string(className), .string(ref)], object: ref, decode: .string)
    }

    /// Waits up to `timeout` seconds for events after `token`, on the event connection.
    public func eventFrom(classes: [String], token: String, timeout: Double) async throws -> EventBatch {
        try await callWithSession(
            "event.from", [.array(classes.map { .string($0) }), .string(token), .double(timeout)], object: nil,
            decode: DecodeBody(EventBatchReader()), events: true, timeout: timeout + options.eventTimeoutMargin)
    }

    /// Starts `Async.<method>` and returns its task ref at once.
    public func callAsync(_ method: String, _ params: [XAPIValue], object: String? = nil) async throws -> Ref<TaskRecord> {
        Ref(rawValue: try await call("Async." + method, params, object: object, decode: .string))
    }

    /// `system.listMethods`, which answers without the Status wrapper in XML-RPC.
    public func systemListMethods() async throws -> [String] {
        _ = try await session()
        let wire = wireProtocol ?? .jsonrpc
        if wire == .jsonrpc {
            return try await send("system.listMethods", [], object: nil, decode: DecodeBody(StringArrayReader()),
                on: callConnection, timeout: options.callTimeout)
        }
        let url = callConnection.host.url(path: wire.path)
        let reply = try await callConnection.post(path: wire.path, contentType: wire.contentType,
            body: XMLRPC.encodeCall(method: "system.listMethods", params: []), timeout: options.callTimeout)
        guard reply.status == 200 else {
            throw XAPITransportError.httpStatus(url: url, status: reply.status, excerpt: reply.excerpt)
        }
        do {
            return try XMLRPC.decodeBareReply(reply.body) { try $0.decodeStringArray() }
        } catch let error as XAPIDecodingError {
            throw XAPITransportError.malformedReply(url: url, error: error)
        }
    }
}
