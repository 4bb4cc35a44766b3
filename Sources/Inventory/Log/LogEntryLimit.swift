/// Keeps every line the writer produces below `PersistentLog.maximumLineBytes`, which readers
/// treat as damage: an entry that would be longer (a huge message or error parameter) is
/// written with its long strings shortened rather than not at all.
enum LogEntryLimit {
    /// Bytes kept of each string field of an oversized entry.
    static let fieldBytes = 4096
    /// Error parameters kept of an oversized entry.
    static let errorParts = 64

    static func line(for entry: LogEntry) -> [UInt8] {
        let line = entry.jsonLine
        guard line.count > PersistentLog.maximumLineBytes else { return line }
        var e = entry
        e.pool = e.pool.map(shorten)
        if var object = e.object {
            object.className = object.className.map(shorten)
            object.uuid = object.uuid.map(shorten)
            object.name = object.name.map(shorten)
            e.object = object
        }
        e.call = e.call.map(shorten)
        e.task = e.task.map(shorten)
        e.status = e.status.map(shorten)
        if let error = e.error {
            var parts = error.prefix(errorParts).map(shorten)
            if error.count > errorParts { parts.append("… \(error.count - errorParts) more") }
            e.error = parts
        }
        e.message = e.message.map(shorten)
        e.xe = e.xe.map(shorten)
        return e.jsonLine
    }

    /// The first `fieldBytes` bytes of UTF-8, cut at a scalar boundary, with an ellipsis.
    static func shorten(_ text: String) -> String {
        guard text.utf8.count > fieldBytes else { return text }
        let utf8 = Array(text.utf8.prefix(fieldBytes + 1))
        var end = fieldBytes
        // Back off continuation bytes (10xxxxxx) so no scalar is cut in half.
        while end > 0, utf8[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: utf8[..<end], as: UTF8.self) + "…"
    }
}
