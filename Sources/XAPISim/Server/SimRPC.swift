import XAPI

/// Decodes a request body, runs the call on the pool, encodes the reply as xapi would.
enum SimRPC {
    static func xmlRPC(_ body: [UInt8], pool: SimPool, role: SimListenerRole) async -> SimHTTPResponse {
        guard let call = try? XMLRPC.decodeCall(body) else { return .internalError }
        let reply = await pool.serve(call, role: role)
        let bytes: [UInt8]
        if call.method == "system.listMethods", case .success(let value) = reply {
            bytes = XMLRPC.encodeBareReply(value)
        } else {
            bytes = XMLRPC.encodeReply(reply)
        }
        return SimHTTPResponse(status: .ok, contentType: "text/xml", body: bytes)
    }

    static func jsonRPC(_ body: [UInt8], pool: SimPool, role: SimListenerRole) async -> SimHTTPResponse {
        guard let request = try? JSONRPC.decodeCall(body) else { return .internalError }
        let reply = await pool.serve(request.call, role: role)
        return SimHTTPResponse(
            status: .ok, contentType: "application/json",
            body: JSONRPC.encodeReply(reply, id: request.id, version: request.version))
    }
}
