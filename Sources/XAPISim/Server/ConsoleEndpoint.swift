import NIOCore
import NIOHTTP1

/// `CONNECT /console?ref=…`: after the reply the connection stops being HTTP. The HTTP
/// handlers leave the pipeline, the reply is written as raw bytes (xapi writes it by hand too),
/// and the socket carries the console's bytes both ways: a login prompt and a tiny shell for a
/// vt100 console, the RFB greeting for an rfb one.
enum ConsoleEndpoint {
    static func attach(context: ChannelHandlerContext, pool: SimPool, parameters: [(name: String, value: String)], session: String?) {
        let reply: [UInt8]
        var handler: SimConsoleHandler?
        do {
            let target = try pool.consoleTarget(parameters: parameters, session: session)
            let clock = pool.options.clock
            switch target.consoleProtocol {
            case "vt100":
                let shell = SimConsoleShell(machine: target.machine, clock: clock)
                reply = Array("HTTP/1.1 200 OK\r\n\r\n".utf8) + shell.greeting()
                handler = SimConsoleHandler(shell: shell, pool: pool, console: target.ref)
            case "rfb":
                // A VNC server speaks first: its protocol version. The simulator stops there.
                reply = Array("HTTP/1.1 200 OK\r\n\r\nRFB 003.008\n".utf8)
                handler = SimConsoleHandler(shell: nil, pool: pool, console: target.ref)
            default:
                reply = refusal(404, "Not Found", "\(target.consoleProtocol) consoles cannot be tunnelled")
            }
        } catch {
            reply = refusal(error.status, error.reason, error.message)
        }
        let channel = context.channel
        let pipeline = context.pipeline.syncOperations
        let removals = httpHandlers(of: context).map { pipeline.removeHandler($0) }
        let bound = NIOLoopBound(handler, eventLoop: channel.eventLoop)
        EventLoopFuture.andAllComplete(removals, on: channel.eventLoop).whenComplete { _ in
            var buffer = channel.allocator.buffer(capacity: reply.count)
            buffer.writeBytes(reply)
            guard let handler = bound.value else {
                channel.writeAndFlush(buffer).whenComplete { _ in channel.close(promise: nil) }
                return
            }
            do {
                try channel.pipeline.syncOperations.addHandler(handler)
            } catch {
                channel.close(promise: nil)
                return
            }
            channel.writeAndFlush(buffer, promise: nil)
            channel.read()  // the pipelining handler may have held a read back
        }
    }

    private static func refusal(_ status: Int, _ reason: String, _ message: String) -> [UInt8] {
        let body = message + "\n"
        return Array("HTTP/1.1 \(status) \(reason)\r\nContent-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)".utf8)
    }

    /// Every handler `configureHTTPServerPipeline` added, and the simulator's own.
    private static func httpHandlers(of context: ChannelHandlerContext) -> [any RemovableChannelHandler] {
        let pipeline = context.pipeline.syncOperations
        var handlers: [any RemovableChannelHandler] = []
        if let handler = try? pipeline.handler(type: HTTPResponseEncoder.self) { handlers.append(handler) }
        if let handler = try? pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self) { handlers.append(handler) }
        if let handler = try? pipeline.handler(type: HTTPServerPipelineHandler.self) { handlers.append(handler) }
        if let handler = try? pipeline.handler(type: NIOHTTPResponseHeadersValidator.self) { handlers.append(handler) }
        if let handler = try? pipeline.handler(type: HTTPServerProtocolErrorHandler.self) { handlers.append(handler) }
        if let handler = try? pipeline.handler(type: SimHTTPHandler.self) { handlers.append(handler) }
        return handlers
    }
}

/// The console side of an attached connection: typed bytes in, the shell's answer out. The
/// console ends with its domain: when the VM stops, the host closes the connection.
final class SimConsoleHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var shell: SimConsoleShell?
    private let pool: SimPool
    private let console: String
    private var watch: RepeatedTask?

    init(shell: SimConsoleShell?, pool: SimPool, console: String) {
        self.shell = shell
        self.pool = pool
        self.console = console
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let (pool, console, channel) = (pool, console, context.channel)
        watch = context.eventLoop.scheduleRepeatedTask(initialDelay: .milliseconds(250), delay: .milliseconds(250)) { task in
            guard !pool.isConsoleLive(console) else { return }
            task.cancel()
            channel.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        watch?.cancel()
    }

    func channelInactive(context: ChannelHandlerContext) {
        watch?.cancel()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data).readableBytesView
        guard var shell else { return }
        let output = shell.feed(bytes)
        self.shell = shell
        guard !output.isEmpty else { return }
        var buffer = context.channel.allocator.buffer(capacity: output.count)
        buffer.writeBytes(output)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
