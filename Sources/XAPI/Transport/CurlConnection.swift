import CCurl
import Synchronization

/// One HTTP(S) connection to one host over a single libcurl easy handle, reused for every
/// request so that libcurl keeps the TCP and TLS session alive.
///
/// `curl_easy_perform` blocks, so it runs on the connection's own thread, never on the
/// cooperative thread pool: a long `event.from` poll on one connection does not hold up calls
/// on another. Requests on one connection run one after the other.
public final class CurlConnection: @unchecked Sendable {
    // @unchecked: `handle` and `errorBuffer` are only touched on `queue`, the connection's thread.
    public let host: HostURL
    public let options: TransportOptions
    private let queue: ConnectionThread
    private var handle: UnsafeMutableRawPointer?
    private let errorBuffer: UnsafeMutablePointer<CChar>

    static let globalInit: Void = { _ = xentui_curl_global_init() }()

    public init(host: HostURL, options: TransportOptions = TransportOptions()) {
        Self.globalInit
        self.host = host
        self.options = options
        queue = ConnectionThread(name: "xentui.curl.\(host)")
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        queue.stop()
        if let handle { curl_easy_cleanup(handle) }
        errorBuffer.deallocate()
    }

    /// POSTs `body` to `path` and returns the reply, whatever its HTTP status.
    /// Throws `XAPITransportError` when no complete reply arrives within `timeout` seconds,
    /// and `CancellationError` when the task is cancelled.
    public func post(path: String, contentType: String, body: [UInt8], timeout: Double) async throws -> HTTPReply {
        try await post(path: path, contentType: contentType, body: body, timeout: timeout) { $0 }
    }

    /// POSTs `body`, then runs `transform` on the reply on the connection's own thread: a big
    /// reply is decoded there, beside its transfer, neither on the caller's actor (which can go
    /// on with other calls) nor on the cooperative thread pool.
    public func post<T: Sendable>(
        path: String, contentType: String, body: [UInt8], timeout: Double,
        transform: @escaping @Sendable (HTTPReply) throws -> T
    ) async throws -> T {
        let cancelled = CancelFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                queue.async {
                    continuation.resume(
                        with: Result {
                            try transform(
                                self.perform(
                                    path: path, query: "", request: .post(contentType: contentType, body: body), timeout: timeout,
                                    cancelled: cancelled))
                        })
                }
            }
        } onCancel: {
            cancelled.flag.store(true, ordering: .relaxed)
        }
    }

    /// GETs `path?query` (`accept` as the Accept header) and returns the reply, whatever its
    /// HTTP status. Errors name the URL without its query, which may hold a session id.
    public func get(path: String, query: String, accept: String, timeout: Double) async throws -> HTTPReply {
        let cancelled = CancelFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPReply, any Error>) in
                queue.async {
                    continuation.resume(
                        with: Result {
                            try self.perform(path: path, query: query, request: .get(accept: accept), timeout: timeout, cancelled: cancelled)
                        })
                }
            }
        } onCancel: {
            cancelled.flag.store(true, ordering: .relaxed)
        }
    }

    /// Closes the connection; the next request opens a new one.
    public func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                if let handle = self.handle { curl_easy_cleanup(handle) }
                self.handle = nil
                continuation.resume()
            }
        }
    }

    // MARK: - On the queue

    private func openHandle() throws(XAPITransportError) -> UnsafeMutableRawPointer {
        if let handle { return handle }
        guard let h = curl_easy_init() else {
            throw .curl(url: host.description, code: -1, message: "curl_easy_init failed")
        }
        xentui_curl_setopt_long(h, CURLOPT_NOSIGNAL, 1)
        xentui_curl_setopt_cloexec_sockets(h)
        xentui_curl_setopt_long(h, CURLOPT_FOLLOWLOCATION, 0)
        xentui_curl_setopt_long(h, CURLOPT_TCP_KEEPALIVE, 1)
        xentui_curl_setopt_long(h, CURLOPT_TCP_KEEPIDLE, 30)
        xentui_curl_setopt_long(h, CURLOPT_TCP_KEEPINTVL, 15)
        xentui_curl_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, Int(options.connectTimeout * 1000))
        xentui_curl_setopt_off_t(h, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxReplyBytes))
        xentui_curl_setopt_string(h, CURLOPT_USERAGENT, "xentui")
        xentui_curl_setopt_pointer(h, CURLOPT_ERRORBUFFER, errorBuffer)
        xentui_curl_setopt_long(h, CURLOPT_NOPROGRESS, 0)
        xentui_curl_setopt_write_callback(h, replyWriteCallback)
        xentui_curl_setopt_xferinfo_callback(h, replyProgressCallback)
        CurlTrust.apply(options, for: host, to: h)
        handle = h
        return h
    }

    /// What one request sends.
    enum Request {
        case post(contentType: String, body: [UInt8])
        case get(accept: String)
    }

    /// `url` (what errors name) never includes `query`.
    private func perform(
        path: String, query: String, request: Request, timeout: Double, cancelled: CancelFlag
    ) throws -> HTTPReply {
        if cancelled.flag.load(ordering: .relaxed) { throw CancellationError() }
        let url = host.url(path: path)
        let h = try openHandle()
        let sink = ReplySink(limit: options.maxReplyBytes, cancelled: cancelled)
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
        errorBuffer[0] = 0

        var headers: UnsafeMutablePointer<curl_slist>? = nil
        let headerLines: [String]
        switch request {
        case .post(let contentType, _): headerLines = ["Content-Type: \(contentType)", "Accept: \(contentType)", "Expect:"]
        case .get(let accept): headerLines = ["Accept: \(accept)"]
        }
        for line in headerLines {
            headers = curl_slist_append(headers, line)
        }
        defer { curl_slist_free_all(headers) }

        xentui_curl_setopt_string(h, CURLOPT_URL, query.isEmpty ? url : url + "?" + query)
        xentui_curl_setopt_slist(h, CURLOPT_HTTPHEADER, headers)
        switch request {
        case .post(_, let body):
            xentui_curl_setopt_long(h, CURLOPT_POST, 1)
            xentui_curl_setopt_off_t(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            body.withUnsafeBytes { bytes in
                // COPYPOSTFIELDS copies: the body need not outlive this call.
                _ = xentui_curl_setopt_pointer(h, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(errorBuffer)))
            }
        case .get:
            // The handle is reused: switch it back from POST.
            xentui_curl_setopt_long(h, CURLOPT_HTTPGET, 1)
        }
        xentui_curl_setopt_long(h, CURLOPT_TIMEOUT_MS, max(1, Int(timeout * 1000)))
        xentui_curl_setopt_pointer(h, CURLOPT_WRITEDATA, sinkPointer)
        xentui_curl_setopt_pointer(h, CURLOPT_XFERINFODATA, sinkPointer)

        let code = withExtendedLifetime(sink) { curl_easy_perform(h) }
        xentui_curl_setopt_pointer(h, CURLOPT_WRITEDATA, nil)
        xentui_curl_setopt_pointer(h, CURLOPT_XFERINFODATA, nil)
        xentui_curl_setopt_slist(h, CURLOPT_HTTPHEADER, nil)

        guard code == CURLE_OK else {
            if code == CURLE_ABORTED_BY_CALLBACK { throw CancellationError() }
            throw transportError(code, url: url, timeout: timeout, sink: sink)
        }
        var status = 0
        xentui_curl_getinfo_long(h, CURLINFO_RESPONSE_CODE, &status)
        var typePointer: UnsafePointer<CChar>? = nil
        xentui_curl_getinfo_string(h, CURLINFO_CONTENT_TYPE, &typePointer)
        let contentType = typePointer.map { String(cString: $0) }.map(Self.mediaType)
        return HTTPReply(status: status, contentType: contentType, body: sink.bytes)
    }

    private func transportError(_ code: CURLcode, url: String, timeout: Double, sink: ReplySink) -> XAPITransportError {
        let message = errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        // The handle may hold a broken connection: start afresh next time.
        if let handle { curl_easy_cleanup(handle) }
        handle = nil
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST: return .dnsFailure(url: url, message: message)
        case CURLE_COULDNT_CONNECT: return .cannotConnect(url: url, message: message)
        case CURLE_OPERATION_TIMEDOUT: return .timeout(url: url, seconds: timeout)
        case CURLE_WRITE_ERROR where sink.overflowed, CURLE_FILESIZE_EXCEEDED:
            return .replyTooLarge(url: url, limit: options.maxReplyBytes)
        case CURLE_PEER_FAILED_VERIFICATION:
            let fingerprint = try? CertificateProbe.publicKeyPin(of: host, connectTimeout: options.connectTimeout)
            return .tlsVerificationFailed(url: url, message: message, fingerprint: fingerprint)
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            let actual = try? CertificateProbe.publicKeyPin(of: host, connectTimeout: options.connectTimeout)
            return .pinMismatch(url: url, expected: options.pin ?? "", actual: actual)
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE:
            return .tlsFailure(url: url, message: message)
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE:
            return .connectionLost(url: url, message: message)
        default: return .curl(url: url, code: Int(code.rawValue), message: message)
        }
    }

    /// `text/xml; charset=utf-8` → `text/xml`.
    static func mediaType(_ header: String) -> String {
        let base = header.split(separator: ";", maxSplits: 1).first ?? ""
        return String(base.trimmingSpaces).lowercased()
    }
}

/// Set from any thread when the request's task is cancelled; read by libcurl's progress callback.
final class CancelFlag: Sendable {
    let flag = Atomic<Bool>(false)
}

/// Where libcurl writes the reply body of one request.
final class ReplySink {
    var bytes: [UInt8] = []
    var overflowed = false
    let limit: Int
    let cancelled: CancelFlag

    init(limit: Int, cancelled: CancelFlag) {
        self.limit = limit
        self.cancelled = cancelled
    }
}

private let replyWriteCallback: curl_write_callback = { data, size, count, context in
    guard let context else { return 0 }
    let sink = Unmanaged<ReplySink>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    guard sink.bytes.count + length <= sink.limit else {
        sink.overflowed = true
        return 0
    }
    if let data, length > 0 {
        data.withMemoryRebound(to: UInt8.self, capacity: length) { sink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: length)) }
    }
    return length
}

private let replyProgressCallback: curl_xferinfo_callback = { context, _, _, _, _ in
    guard let context else { return 0 }
    let sink = Unmanaged<ReplySink>.fromOpaque(context).takeUnretainedValue()
    return sink.cancelled.flag.load(ordering: .relaxed) ? 1 : 0
}
