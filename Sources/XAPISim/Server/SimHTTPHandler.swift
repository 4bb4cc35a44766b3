import NIOCore
import NIOHTTP1
import XAPI

/// One connection's requests: XML-RPC on every POST path but `/jsonrpc`, JSON-RPC there,
/// CORS for OPTIONS, `/rrd_updates` through its seam. Calls run off the event loop.
final class SimHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let pool: SimPool
    private let role: SimListenerRole
    private let options: SimServerOptions
    private let connections: SimConnections
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    private var tooLarge = false

    init(pool: SimPool, role: SimListenerRole, options: SimServerOptions, connections: SimConnections) {
        self.pool = pool
        self.role = role
        self.options = options
        self.connections = connections
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body = context.channel.allocator.buffer(capacity: 0)
            tooLarge = false
            // curl asks before sending a large body and would otherwise wait a second.
            if requestHead.headers["Expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                let interim = HTTPResponseHead(version: requestHead.version, status: .continue)
                context.writeAndFlush(wrapOutboundOut(.head(interim)), promise: nil)
            }
        case .body(var chunk):
            guard !tooLarge else { return }
            if (body?.readableBytes ?? 0) + chunk.readableBytes > options.maxBodyBytes {
                tooLarge = true
                body = nil
            } else {
                body?.writeBuffer(&chunk)
            }
        case .end:
            guard let requestHead = head else { return }
            let bytes = body.map { Array($0.readableBytesView) } ?? []
            head = nil
            body = nil
            route(context: context, head: requestHead, body: bytes)
        }
    }

    private func route(context: ChannelHandlerContext, head: HTTPRequestHead, body: [UInt8]) {
        if options.dropConnectionEvery > 0, pool.shouldDrop(every: options.dropConnectionEvery) {
            context.close(promise: nil)
            return
        }
        let (path, query) = splitURI(head.uri)
        if tooLarge {
            return respond(context: context, head: head, SimHTTPResponse.text(.payloadTooLarge, "request body too large\n"))
        }
        switch head.method {
        case .OPTIONS:
            respond(context: context, head: head, SimHTTPResponse.cors)
        case .POST:
            let pool = pool
            let role = role
            let isJSON = path == "/jsonrpc" || path.hasPrefix("/jsonrpc/")
            let promise = context.eventLoop.makePromise(of: SimHTTPResponse.self)
            connections.run(promise) {
                isJSON ? await SimRPC.jsonRPC(body, pool: pool, role: role) : await SimRPC.xmlRPC(body, pool: pool, role: role)
            }
            reply(context: context, head: head, with: promise.futureResult)
        case .GET where path == "/rrd_updates":
            guard let handler = options.rrdUpdates else {
                return respond(context: context, head: head, .text(.notFound, "rrd_updates is not available in this simulator\n"))
            }
            let parameters = parseQuery(query)
            let session = parameters.first { $0.name == "session_id" }?.value ?? cookieSession(head.headers)
            guard let session, pool.isValidSession(session) else {
                return respond(context: context, head: head, .text(.unauthorized, "invalid or missing session_id\n"))
            }
            let request = RRDUpdatesRequest(pool: pool, query: query, parameters: parameters, accept: head.headers.first(name: "Accept"))
            let promise = context.eventLoop.makePromise(of: SimHTTPResponse.self)
            connections.run(promise) {
                let answer = handler(request)
                return SimHTTPResponse(
                    status: HTTPResponseStatus(statusCode: answer.status), contentType: answer.contentType, body: answer.body)
            }
            reply(context: context, head: head, with: promise.futureResult)
        case .CONNECT where path == "/console":
            let parameters = parseQuery(query)
            let session = parameters.first { $0.name == "session_id" }?.value ?? cookieSession(head.headers)
            ConsoleEndpoint.attach(context: context, pool: pool, parameters: parameters, session: session)
        default:
            respond(context: context, head: head, .text(.notFound, "not found: \(head.method) \(path)\n"))
        }
    }

    private func reply(context: ChannelHandlerContext, head: HTTPRequestHead, with future: EventLoopFuture<SimHTTPResponse>) {
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        future.whenComplete { result in
            let (handler, context) = bound.value
            switch result {
            case .success(let response): handler.respond(context: context, head: head, response)
            // The server is stopping: close without a reply, as a dying xapi would.
            case .failure(let error) where error is CancellationError: context.close(promise: nil)
            case .failure: handler.respond(context: context, head: head, SimHTTPResponse.internalError)
            }
        }
    }

    private func respond(context: ChannelHandlerContext, head: HTTPRequestHead, _ response: SimHTTPResponse) {
        guard context.channel.isActive else { return }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Length", value: String(response.body.count))
        if let contentType = response.contentType { headers.add(name: "Content-Type", value: contentType) }
        headers.add(name: "Access-Control-Allow-Origin", value: "*")
        for (name, value) in response.extraHeaders { headers.add(name: name, value: value) }
        let keepAlive = head.isKeepAlive
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        let responseHead = HTTPResponseHead(version: head.version, status: response.status, headers: headers)
        context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: response.body.count)
        buffer.writeBytes(response.body)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        let ended = context.writeAndFlushPromise()
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: ended)
        if !keepAlive {
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            ended.futureResult.whenComplete { _ in bound.value.close(promise: nil) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    private func splitURI(_ uri: String) -> (String, String) {
        guard let mark = uri.firstIndex(of: "?") else { return (uri, "") }
        return (String(uri[..<mark]), String(uri[uri.index(after: mark)...]))
    }

    private func cookieSession(_ headers: HTTPHeaders) -> String? {
        for cookie in headers["Cookie"].flatMap({ $0.split(separator: ";") }) {
            let parts = cookie.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingSpaces == "session_id" { return String(parts[1].trimmingSpaces) }
        }
        return nil
    }
}

extension ChannelHandlerContext {
    fileprivate func writeAndFlushPromise() -> EventLoopPromise<Void> { eventLoop.makePromise() }
}
