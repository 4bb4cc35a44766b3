/// Turns the bytes a terminal sends into `KeyEvent`s. Pure and incremental: bytes may arrive
/// split anywhere; what cannot be decided yet (a lone ESC, half a sequence) waits for more
/// bytes or for `flush()`, which the run loop calls when `pendingTimeout` has passed quietly.
///
/// Understands xterm, VT220, rxvt and Linux console sequences in both cursor-key modes
/// (`ESC [ A` and `ESC O A`), CSI modifiers (`ESC [ 1 ; 5 A` is ctrl-up), the kitty `CSI u` form,
/// Alt as an ESC prefix, and bracketed paste. Unknown sequences are dropped whole; bytes that
/// are not valid UTF-8 are dropped.
public struct KeyDecoder: Sendable {
    /// How long a lone ESC waits before it counts as the Escape key.
    public var escapeTimeout: Duration
    /// How long a paste may pause before what arrived so far is delivered anyway (a terminal
    /// that never sends the paste's end must not swallow every later key).
    public var pasteTimeout: Duration

    private var pending: [UInt8] = []
    private var pasting = false
    private var pasteBytes: [UInt8] = []

    /// Longest escape sequence kept before it is dropped as garbage.
    private static let maximumSequenceLength = 64
    /// Largest paste kept before it is delivered even without its end marker.
    private static let maximumPasteLength = 16 << 20
    private static let pasteEnd: [UInt8] = Array("\u{1B}[201~".utf8)

    public init(escapeTimeout: Duration = .milliseconds(25), pasteTimeout: Duration = .milliseconds(500)) {
        self.escapeTimeout = escapeTimeout
        self.pasteTimeout = pasteTimeout
    }

    /// True while bytes wait for more input or for `flush()`.
    public var hasPendingInput: Bool { !pending.isEmpty || pasting }

    /// When to call `flush()` if no byte arrives meanwhile; nil when nothing is pending.
    public var pendingTimeout: Duration? {
        if pasting { return pasteTimeout }
        return pending.isEmpty ? nil : escapeTimeout
    }

    /// Decodes what these bytes complete.
    public mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [KeyEvent] {
        var events: [KeyEvent] = []
        for byte in bytes {
            if pasting {
                pasteBytes.append(byte)
                if pasteBytes.count >= Self.pasteEnd.count, pasteBytes.suffix(Self.pasteEnd.count).elementsEqual(Self.pasteEnd) {
                    pasteBytes.removeLast(Self.pasteEnd.count)
                    events.append(finishPaste())
                } else if pasteBytes.count >= Self.maximumPasteLength {
                    events.append(finishPaste())  // a runaway paste: deliver it, back to keys
                }
                continue
            }
            pending.append(byte)
            decodePending(into: &events, final: false)
        }
        return events
    }

    /// Resolves everything pending as if no more bytes will follow soon: a lone ESC is the
    /// Escape key, ESC + `[` is alt-`[`, a partial paste is delivered, half a character dropped.
    public mutating func flush() -> [KeyEvent] {
        var events: [KeyEvent] = []
        // A paste may start (and the rest of the bytes become its text) while resolving.
        while pasting || !pending.isEmpty {
            if pasting { events.append(finishPaste()) }
            decodePending(into: &events, final: true)
        }
        return events
    }

    // MARK: Decoding

    private enum Step {
        /// `count` bytes make `events` (possibly none: an unknown sequence skipped).
        case complete(count: Int, events: [KeyEvent])
        /// More bytes are needed.
        case incomplete
    }

    private mutating func decodePending(into events: inout [KeyEvent], final: Bool) {
        while !pending.isEmpty {
            switch step(pending[...], final: final) {
            case .incomplete:
                if pending.count > Self.maximumSequenceLength {
                    pending.removeAll()  // garbage that never ends: drop it
                }
                return
            case .complete(let count, let produced):
                pending.removeFirst(min(count, pending.count))
                events.append(contentsOf: produced)
                if pasting {
                    // The rest is paste content.
                    let rest = pending
                    pending.removeAll()
                    events.append(contentsOf: feed(rest))
                    return
                }
            }
        }
    }

    private mutating func step(_ bytes: ArraySlice<UInt8>, final: Bool) -> Step {
        let start = bytes.startIndex
        let first = bytes[start]
        if first == 0x1B { return escapeStep(bytes, final: final) }
        if first < 0x80 { return .complete(count: 1, events: Self.singleByteEvent(first).map { [$0] } ?? []) }
        return utf8Step(bytes, final: final)
    }

    /// A key from one byte below 0x80 (not ESC).
    private static func singleByteEvent(_ byte: UInt8) -> KeyEvent? {
        switch byte {
        case 0x0D, 0x0A: return .key(.enter)
        case 0x09: return .key(.tab)
        case 0x7F, 0x08: return .key(.backspace)
        case 0x00: return .key(.character(" "), .ctrl)
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(byte + 0x60)))
        case 0x1C...0x1F: return .ctrl(Character(Unicode.Scalar(byte + 0x40)))  // ctrl-\ ] ^ _
        default: return .char(Character(Unicode.Scalar(byte)))
        }
    }

    private func utf8Step(_ bytes: ArraySlice<UInt8>, final: Bool) -> Step {
        let start = bytes.startIndex
        let lead = bytes[start]
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return .complete(count: 1, events: [])  // not a lead byte: drop
        }
        var available = 1
        while available < length, start + available < bytes.endIndex {
            let byte = bytes[start + available]
            guard byte & 0xC0 == 0x80 else { return .complete(count: available, events: []) }
            available += 1
        }
        if available < length { return final ? .complete(count: available, events: []) : .incomplete }
        var decoder = UTF8()
        var iterator = bytes[start..<(start + length)].makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else {
            return .complete(count: length, events: [])  // overlong or surrogate
        }
        if (0x80...0x9F).contains(scalar.value) { return .complete(count: length, events: []) }
        return .complete(count: length, events: [.char(Character(scalar))])
    }

    // MARK: Escape sequences

    private mutating func escapeStep(_ bytes: ArraySlice<UInt8>, final: Bool) -> Step {
        let start = bytes.startIndex
        guard bytes.count >= 2 else { return final ? .complete(count: 1, events: [.key(.escape)]) : .incomplete }
        let second = bytes[start + 1]
        switch second {
        case UInt8(ascii: "["):
            if bytes.count == 2 && final { return .complete(count: 2, events: [.alt("[")]) }
            return csiStep(bytes, final: final)
        case UInt8(ascii: "O"):
            if bytes.count == 2 { return final ? .complete(count: 2, events: [.alt("O")]) : .incomplete }
            return ss3Step(bytes, final: final)
        case 0x1B:
            // ESC ESC is Escape, then whatever the second ESC starts. (Reading it as alt + the
            // next sequence, as rxvt sends alt-arrows, would turn Escape then Up typed over a
            // slow link into alt-up.)
            return .complete(count: 1, events: [.key(.escape)])
        default:
            // Alt + a key: ESC before a byte, or before a UTF-8 character.
            switch second < 0x80 ? .complete(count: 1, events: Self.singleByteEvent(second).map { [$0] } ?? []) : utf8Step(bytes.dropFirst(), final: final) {
            case .incomplete: return .incomplete
            case .complete(let count, let events):
                return .complete(count: count + 1, events: events.map(Self.addingAlt))
            }
        }
    }

    private static func addingAlt(_ event: KeyEvent) -> KeyEvent {
        guard case .key(let key, let modifiers) = event else { return event }
        return .key(key, modifiers.union(.alt))
    }

    /// `ESC O` + optional modifier digits + final: application cursor keys, F1-F4, keypad.
    private func ss3Step(_ bytes: ArraySlice<UInt8>, final: Bool) -> Step {
        let start = bytes.startIndex
        var index = start + 2
        var modifierDigits = 0
        while index < bytes.endIndex, (0x30...0x39).contains(bytes[index]) {
            modifierDigits = modifierDigits * 10 + Int(bytes[index] - 0x30)
            index += 1
        }
        guard index < bytes.endIndex else { return final ? .complete(count: index - start, events: []) : .incomplete }
        let count = index - start + 1
        let modifiers = Self.modifiers(fromParameter: modifierDigits)
        let key: Key?
        switch bytes[index] {
        case UInt8(ascii: "A"): key = .up
        case UInt8(ascii: "B"): key = .down
        case UInt8(ascii: "C"): key = .right
        case UInt8(ascii: "D"): key = .left
        case UInt8(ascii: "H"): key = .home
        case UInt8(ascii: "F"): key = .end
        case UInt8(ascii: "P"): key = .function(1)
        case UInt8(ascii: "Q"): key = .function(2)
        case UInt8(ascii: "R"): key = .function(3)
        case UInt8(ascii: "S"): key = .function(4)
        case UInt8(ascii: "M"): key = .enter  // keypad enter
        case 0x20...0x7E: key = nil  // other keypad keys: skipped
        default:
            // Not a sequence after all: alt-O, then the byte decodes on its own.
            return .complete(count: 2, events: [.alt("O")])
        }
        return .complete(count: count, events: key.map { [.key($0, modifiers)] } ?? [])
    }

    /// `ESC [` parameters intermediates final.
    private mutating func csiStep(_ bytes: ArraySlice<UInt8>, final: Bool) -> Step {
        let start = bytes.startIndex
        var index = start + 2
        // Linux console F1-F5: ESC [ [ A…E.
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "[") {
            guard index + 1 < bytes.endIndex else { return final ? .complete(count: 3, events: []) : .incomplete }
            let letter = bytes[index + 1]
            let events: [KeyEvent] = (UInt8(ascii: "A")...UInt8(ascii: "E")).contains(letter)
                ? [.key(.function(Int(letter - UInt8(ascii: "A")) + 1))] : []
            return .complete(count: 4, events: events)
        }
        let parameterStart = index
        while index < bytes.endIndex, (0x30...0x3F).contains(bytes[index]) { index += 1 }
        let parameterEnd = index
        while index < bytes.endIndex, (0x20...0x2F).contains(bytes[index]) { index += 1 }
        guard index < bytes.endIndex else {
            return final ? .complete(count: index - start, events: []) : .incomplete
        }
        let finalByte = bytes[index]
        let count = index - start + 1
        guard (0x40...0x7E).contains(finalByte) else {
            // Broken sequence: drop what came before the stray byte, which decodes on its own.
            return .complete(count: index - start, events: [])
        }
        let parameterBytes = bytes[parameterStart..<parameterEnd]
        if let private_ = parameterBytes.first, (0x3C...0x3F).contains(private_) {
            return .complete(count: count, events: [])  // mouse reports, replies: not keys
        }
        let parameters = Self.parameters(parameterBytes)
        let first = parameters.first ?? 0
        let modifiers = Self.modifiers(fromParameter: parameters.count > 1 ? parameters[1] : 0)
        let key: Key?
        switch finalByte {
        case UInt8(ascii: "A"): key = .up
        case UInt8(ascii: "B"): key = .down
        case UInt8(ascii: "C"): key = .right
        case UInt8(ascii: "D"): key = .left
        case UInt8(ascii: "H"): key = .home
        case UInt8(ascii: "F"): key = .end
        case UInt8(ascii: "P"): key = .function(1)
        case UInt8(ascii: "Q"): key = .function(2)
        case UInt8(ascii: "R"): key = .function(3)
        case UInt8(ascii: "S"): key = .function(4)
        case UInt8(ascii: "Z"): return .complete(count: count, events: [.key(.tab, modifiers.union(.shift))])
        case UInt8(ascii: "~"):
            if first == 200 {
                pasting = true
                pasteBytes = []
                return .complete(count: count, events: [])
            }
            key = Self.tildeKey(first)
        case UInt8(ascii: "u"):
            return .complete(count: count, events: Self.kittyKey(codepoint: first, modifiers: modifiers).map { [$0] } ?? [])
        default: key = nil
        }
        return .complete(count: count, events: key.map { [.key($0, modifiers)] } ?? [])
    }

    private static func tildeKey(_ number: Int) -> Key? {
        switch number {
        case 1, 7: return .home
        case 2: return .insert
        case 3: return .delete
        case 4, 8: return .end
        case 5: return .pageUp
        case 6: return .pageDown
        case 11...15: return .function(number - 10)
        case 17...21: return .function(number - 11)
        case 23...26: return .function(number - 12)
        case 28, 29: return .function(number - 13)
        case 31...34: return .function(number - 14)
        default: return nil
        }
    }

    /// The kitty keyboard protocol's `CSI codepoint ; modifiers u`.
    private static func kittyKey(codepoint: Int, modifiers: KeyModifiers) -> KeyEvent? {
        switch codepoint {
        case 13: return .key(.enter, modifiers)
        case 9: return .key(.tab, modifiers)
        case 27: return .key(.escape, modifiers)
        case 127, 8: return .key(.backspace, modifiers)
        case 32...0x10FFFF:
            guard let scalar = Unicode.Scalar(codepoint), !DisplayWidth.isControl(scalar) else { return nil }
            var character = Character(scalar)
            var rest = modifiers
            if rest.contains(.shift), character.isLetter {
                character = Character(character.uppercased())
                rest.remove(.shift)
            }
            return .key(.character(character), rest)
        default: return nil
        }
    }

    /// xterm's modifier parameter: 1 + (shift 1, alt 2, ctrl 4, meta 8).
    private static func modifiers(fromParameter parameter: Int) -> KeyModifiers {
        guard parameter >= 2 else { return [] }
        let bits = parameter - 1
        var modifiers: KeyModifiers = []
        if bits & 1 != 0 { modifiers.insert(.shift) }
        if bits & 2 != 0 || bits & 8 != 0 { modifiers.insert(.alt) }
        if bits & 4 != 0 { modifiers.insert(.ctrl) }
        return modifiers
    }

    /// `1;5` → [1, 5]; sub-parameters after `:` are ignored; numbers are capped so garbage
    /// cannot overflow.
    private static func parameters(_ bytes: ArraySlice<UInt8>) -> [Int] {
        var result: [Int] = []
        var current = 0
        var inSubparameter = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: ";"):
                result.append(current)
                current = 0
                inSubparameter = false
            case UInt8(ascii: ":"):
                inSubparameter = true
            case 0x30...0x39 where !inSubparameter:
                current = min(current * 10 + Int(byte - 0x30), 1_000_000)
            default:
                break
            }
        }
        result.append(current)
        return result
    }

    // MARK: Paste

    private mutating func finishPaste() -> KeyEvent {
        pasting = false
        var text = String(decoding: pasteBytes, as: UTF8.self)
        pasteBytes = []
        text = text.replacingCRLF()
        return .paste(text)
    }
}

extension String {
    /// CR LF and lone CR as LF (terminals paste line ends as CR).
    fileprivate func replacingCRLF() -> String {
        var result = String.UnicodeScalarView()
        var afterCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                result.append("\n")
                afterCR = true
                continue
            }
            if !(scalar == "\n" && afterCR) { result.append(scalar) }
            afterCR = false
        }
        return String(result)
    }
}
