import XAPI

/// Decodes a request body, runs the call on the pool, encodes the reply as xapi would.
enum SimRPC {
    static func xmlRPC(_ body: [UInt8], pool: SimPool, role: SimListenerRole) async -> SimHTTPResponse {
        guard let call = try? XMLRPC.decodeCall(body) else { return .internalError }
        let reply = await pool.serve(call, role: role)
        let bytes: [UInt8]
        if call.method == "system.listMethods", case .success(let value) = reply {
            bytes = XMLRPC.encodeBareReply(value)
        } else if call.method == "event.from", case .success(.structure(let result)) = reply {
            bytes = encodeEventFrom(result)
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

    /// xapi types `valid_ref_counts` as Int32, the one place it writes `<i4>`.
    static func encodeEventFrom(_ result: XAPIStruct) -> [UInt8] {
        XMLRPC.encodeSuccess { writer in
            writer.beginStruct()
            for (name, value) in result {
                writer.beginMember(name)
                if name == "valid_ref_counts", case .structure(let counts) = value {
                    writer.beginStruct()
                    for (className, count) in counts {
                        writer.beginMember(className)
                        writer.bytes += Array("<value><i4>\(count.intValue ?? 0)</i4></value>".utf8)
                        writer.endMember()
                    }
                    writer.endStruct()
                } else {
                    writer.writeValue(value)
                }
                writer.endMember()
            }
            writer.endStruct()
        }
    }
}
