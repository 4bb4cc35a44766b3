/// The XML form of `/rrd_updates` (rrdtool's `xport`): `<xport><meta><start/><step/><end/>
/// <legend><entry/>…</legend></meta><data><row><t/><v/>…</row></data></xport>`. Read with a
/// small tag scanner: the format has no attributes or mixed content worth a full XML parser.
enum RRDUpdatesXML {
    static func parse(_ body: [UInt8]) throws(RRDUpdatesError) -> RRDUpdates {
        var scanner = XMLTagScanner(body)
        var path: [String] = []
        var text: [UInt8] = []
        var meta: [String: String] = [:]
        var legend: [RRDLegendEntry] = []
        var rows: [RRDRow] = []
        var rowTime: Int64?
        var rowValues: [Double] = []
        var sawXport = false

        while let token = try scanner.next() {
            switch token {
            case .text(let bytes):
                text.append(contentsOf: bytes)
            case .open(let name):
                if path.isEmpty {
                    guard name == "xport" else { throw .malformed("the XML root is <\(name)>, not <xport>") }
                    sawXport = true
                }
                guard path.count < 8 else { throw .malformed("XML nested too deeply") }
                path.append(name)
                text = []
                if path == ["xport", "data", "row"] {
                    rowTime = nil
                    rowValues = []
                }
            case .close(let name):
                guard path.last == name else {
                    throw .malformed("</\(name)> closes <\(path.last ?? "nothing")>")
                }
                let value = XMLTagScanner.unescaped(text)
                switch path {
                case ["xport", "meta", "start"], ["xport", "meta", "step"], ["xport", "meta", "end"]:
                    meta[name] = value
                case ["xport", "meta", "legend", "entry"]:
                    guard let entry = RRDLegendEntry(parsing: value) else {
                        throw .malformed("legend entry \(legend.count + 1) \"\(RRDUpdatesError.excerpt(Array(value.utf8)))\" is not CF:class:uuid:name")
                    }
                    legend.append(entry)
                case ["xport", "data", "row", "t"]:
                    guard let time = Int64(value.rrdTrimmed) else {
                        throw .malformed("row \(rows.count + 1) has the time \"\(RRDUpdatesError.excerpt(Array(value.utf8)))\"")
                    }
                    rowTime = time
                case ["xport", "data", "row", "v"]:
                    guard let number = RRDValueText.parse(Substring(value)) else {
                        throw .malformed("value \(rowValues.count + 1) of row \(rows.count + 1) is \"\(RRDUpdatesError.excerpt(Array(value.utf8)))\", not a number")
                    }
                    rowValues.append(number)
                case ["xport", "data", "row"]:
                    guard let rowTime else { throw .malformed("row \(rows.count + 1) has no <t>") }
                    rows.append(RRDRow(time: rowTime, values: rowValues))
                default: break
                }
                path.removeLast()
                text = []
            }
        }
        guard sawXport else { throw .malformed("no <xport> element") }
        guard path.isEmpty else { throw .malformed("the XML ends inside <\(path.last ?? "")>") }
        func integer(_ name: String) throws(RRDUpdatesError) -> Int64 {
            guard let text = meta[name] else { throw .malformed("no <\(name)> in <meta>") }
            guard let value = Int64(text.rrdTrimmed) else {
                throw .malformed("<\(name)> is \"\(RRDUpdatesError.excerpt(Array(text.utf8)))\", not a whole number")
            }
            return value
        }
        return try RRDUpdates(validating: try integer("start"), step: try integer("step"), end: try integer("end"), legend: legend, rows: rows)
    }
}

/// Splits XML into open tags, close tags and text; skips the declaration, comments,
/// processing instructions and self-closing tags' absence of content.
struct XMLTagScanner {
    enum Token: Equatable {
        case open(String)
        case close(String)
        case text([UInt8])
    }

    private let bytes: [UInt8]
    private var index = 0
    private var pendingClose: String?

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func next() throws(RRDUpdatesError) -> Token? {
        if let name = pendingClose {
            pendingClose = nil
            return .close(name)
        }
        while index < bytes.count {
            if let token = try token() { return token }
        }
        return nil
    }

    /// The token at `index`, or nil after skipping a declaration or comment.
    private mutating func token() throws(RRDUpdatesError) -> Token? {
        guard bytes[index] == UInt8(ascii: "<") else {
            let begin = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
            return .text(Array(bytes[begin..<index]))
        }
        guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else {
            throw .malformed("a tag is not closed at byte \(index + 1)")
        }
        let inner = bytes[(index + 1)..<close]
        if inner.first == UInt8(ascii: "?") {
            index = close + 1
            return nil
        }
        if inner.starts(with: Array("!--".utf8)) {
            guard let end = find(Array("-->".utf8), from: index) else { throw .malformed("a comment is not closed") }
            index = end + 3
            return nil
        }
        index = close + 1
        if inner.first == UInt8(ascii: "/") {
            return .close(Self.name(inner.dropFirst()))
        }
        let selfClosing = inner.last == UInt8(ascii: "/")
        let name = Self.name(selfClosing ? inner.dropLast() : inner)
        guard !name.isEmpty else { throw .malformed("an empty tag at byte \(close + 1)") }
        if selfClosing { pendingClose = name }
        return .open(name)
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var position = start
        while position + needle.count <= bytes.count {
            if bytes[position..<position + needle.count].elementsEqual(needle) { return position }
            position += 1
        }
        return nil
    }

    /// The element name: up to the first space (attributes are ignored).
    private static func name(_ inner: ArraySlice<UInt8>) -> String {
        let end = inner.firstIndex { [0x20, 0x09, 0x0A, 0x0D].contains($0) } ?? inner.endIndex
        return String(decoding: inner[inner.startIndex..<end], as: UTF8.self)
    }

    static func unescaped(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains("&") else { return text }
        return text.replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&quot;", with: "\"")
            .replacing("&apos;", with: "'").replacing("&amp;", with: "&")
    }
}

extension String {
    /// Without surrounding spaces and line breaks.
    fileprivate var rrdTrimmed: String { String(Substring(self).trimmingSpaces) }
}
