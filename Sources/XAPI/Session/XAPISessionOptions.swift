/// Which wire protocol to speak. `.auto` tries JSON-RPC and falls back to XML-RPC when the
/// host does not answer JSON-RPC, as Xen Orchestra does.
public enum XAPIProtocolPreference: String, Sendable, Hashable {
    case auto, jsonrpc, xmlrpc
}

/// The wire protocol a session settled on.
public enum XAPIWireProtocol: String, Sendable, Hashable {
    case jsonrpc, xmlrpc

    var path: String { self == .jsonrpc ? "/jsonrpc" : "/" }
    var contentType: String { self == .jsonrpc ? "application/json" : "text/xml" }
}

public struct XAPISessionOptions: Sendable, Hashable {
    public var transport: TransportOptions
    public var protocolPreference: XAPIProtocolPreference
    /// Seconds one call may take (a synchronous VM.start can take minutes).
    public var callTimeout: Double
    /// Extra seconds an `event.from` request may take beyond its own timeout.
    public var eventTimeoutMargin: Double
    /// Keep-alive connections for calls, opened as concurrent calls need them: a load fetches
    /// its classes side by side, and an action's call need not wait behind a big reply.
    public var callConnections: Int

    public init(
        transport: TransportOptions = TransportOptions(), protocolPreference: XAPIProtocolPreference = .auto,
        callTimeout: Double = 600, eventTimeoutMargin: Double = 6, callConnections: Int = 8
    ) {
        self.transport = transport
        self.protocolPreference = protocolPreference
        self.callTimeout = callTimeout
        self.eventTimeoutMargin = eventTimeoutMargin
        self.callConnections = max(1, callConnections)
    }
}
