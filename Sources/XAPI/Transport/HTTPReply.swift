/// One HTTP reply: status, content type, body bytes.
public struct HTTPReply: Sendable, Equatable {
    public var status: Int
    /// The media type without parameters, lowercased (`application/json`), if the server sent one.
    public var contentType: String?
    public var body: [UInt8]

    public init(status: Int, contentType: String?, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    /// A short, printable start of the body for error messages (HTML error pages, …).
    public var excerpt: String {
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        let oneLine = text.split(whereSeparator: { $0.isNewline }).map { $0.trimmingSpaces }.joined(separator: " ")
        return oneLine.count > 200 ? String(oneLine.prefix(200)) + "…" : oneLine
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return s
    }
}
