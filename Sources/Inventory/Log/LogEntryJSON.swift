import XAPI

/// The JSON Lines form of a log entry: one object in a fixed field order, absent fields left out.
extension LogEntry {
    /// The entry as one JSON object followed by a newline, as the log file holds it.
    public var jsonLine: [UInt8] {
        var w = JSONWriter(capacity: 256)
        w.beginStruct()
        member(&w, "ts", ts.rfc3339)
        member(&w, "level", level.rawValue)
        member(&w, "kind", kind.rawValue)
        member(&w, "pool", pool)
        if let object, !object.isEmpty {
            w.beginMember("object")
            w.beginStruct()
            member(&w, "class", object.className)
            member(&w, "uuid", object.uuid)
            member(&w, "name", object.name)
            w.endStruct()
            w.endMember()
        }
        member(&w, "call", call)
        member(&w, "task", task)
        member(&w, "status", status)
        if let progress, progress.isFinite {
            w.beginMember("progress")
            w.writeDouble(progress)
            w.endMember()
        }
        if let error {
            w.beginMember("error")
            w.beginArray()
            for part in error { w.writeString(part) }
            w.endArray()
            w.endMember()
        }
        member(&w, "message", message)
        member(&w, "xe", xe)
        w.endStruct()
        w.bytes.append(UInt8(ascii: "\n"))
        return w.bytes
    }

    /// The entry's JSON line as text, without the newline (`xentui log --json` prints these).
    public var json: String {
        var line = jsonLine
        line.removeLast()
        return String(decoding: line, as: UTF8.self)
    }

    /// Reads one line of the log (with or without its newline). Nil when the line is not a JSON
    /// object with a valid `ts`, `level` and `kind`: a damaged line. Unknown members are ignored,
    /// so a newer xentui's log stays readable.
    public init?(jsonLine bytes: some Collection<UInt8>) {
        let entry: LogEntry?? = try? JSONRPCDecoder.decode(Array(bytes)) { d in
            var ts: LogTimestamp?
            var level: LogLevel?
            var kind: LogKind?
            var entry = LogEntry(ts: LogTimestamp(millisecondsSinceEpoch: 0), level: .info, kind: .error)
            try d.decodeStruct { d, key in
                if try d.decodeNull() { return }
                if key == "ts" {
                    ts = LogTimestamp(rfc3339: try d.decodeString())
                } else if key == "level" {
                    level = LogLevel(rawValue: try d.decodeString())
                } else if key == "kind" {
                    kind = LogKind(rawValue: try d.decodeString())
                } else if key == "pool" {
                    entry.pool = try d.decodeString()
                } else if key == "object" {
                    var object = LogObject()
                    try d.decodeStruct { d, key in
                        if try d.decodeNull() { return }
                        if key == "class" {
                            object.className = try d.decodeString()
                        } else if key == "uuid" {
                            object.uuid = try d.decodeString()
                        } else if key == "name" {
                            object.name = try d.decodeString()
                        } else {
                            try d.skipValue()
                        }
                    }
                    entry.object = object
                } else if key == "call" {
                    entry.call = try d.decodeString()
                } else if key == "task" {
                    entry.task = try d.decodeString()
                } else if key == "status" {
                    entry.status = try d.decodeString()
                } else if key == "progress" {
                    entry.progress = try d.decodeDouble()
                } else if key == "error" {
                    entry.error = try d.decodeStringArray()
                } else if key == "message" {
                    entry.message = try d.decodeString()
                } else if key == "xe" {
                    entry.xe = try d.decodeString()
                } else {
                    try d.skipValue()
                }
            }
            guard let ts, let level, let kind else { return nil }
            entry.ts = ts
            entry.level = level
            entry.kind = kind
            return entry
        }
        guard let entry = entry ?? nil else { return nil }
        self = entry
    }
}

private func member(_ w: inout JSONWriter, _ name: String, _ value: String?) {
    guard let value else { return }
    w.beginMember(name)
    w.writeString(value)
    w.endMember()
}
