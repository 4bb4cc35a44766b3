import Testing
@testable import Terminal

/// Decodes `bytes` fed all at once, and fed one byte at a time, and fed split at every
/// position; all must give the same events (then a final flush resolves what is pending).
private func decodeEverySplit(_ bytes: [UInt8]) -> [KeyEvent] {
    var whole = KeyDecoder()
    let expected = whole.feed(bytes) + whole.flush()

    var single = KeyDecoder()
    var oneByOne: [KeyEvent] = []
    for byte in bytes { oneByOne += single.feed([byte]) }
    oneByOne += single.flush()
    #expect(oneByOne == expected, "byte by byte: \(bytes)")

    for split in 0...bytes.count {
        var decoder = KeyDecoder()
        let events = decoder.feed(bytes[..<split]) + decoder.feed(bytes[split...]) + decoder.flush()
        #expect(events == expected, "split at \(split): \(bytes)")
    }
    return expected
}

private func decode(_ text: String) -> [KeyEvent] { decodeEverySplit(Array(text.utf8)) }

private let esc = "\u{1B}"

@Suite("Key decoder")
struct KeyDecoderTests {
    @Test("Printable ASCII and multi-byte UTF-8 text")
    func text() {
        #expect(decode("aG /") == [.char("a"), .char("G"), .char(" "), .char("/")])
        #expect(decode("é中😀") == [.char("é"), .char("中"), .char("😀")])
    }

    @Test("Control keys: ctrl letters, tab, enter (CR and LF), backspace (DEL and BS)")
    func controls() {
        #expect(decode("\u{3}\u{4}\u{1A}") == [.ctrl("c"), .ctrl("d"), .ctrl("z")])
        #expect(decode("\t") == [.key(.tab)])
        #expect(decode("\r\n") == [.key(.enter), .key(.enter)])
        #expect(decode("\u{7F}\u{8}") == [.key(.backspace), .key(.backspace)])
        #expect(decode("\u{0}") == [.key(.character(" "), .ctrl)])
        #expect(decode("\u{1C}\u{1F}") == [.ctrl("\\"), .ctrl("_")])
    }

    @Test("A lone ESC waits, then becomes Escape on flush")
    func loneEscape() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]).isEmpty)
        #expect(decoder.hasPendingInput)
        #expect(decoder.pendingTimeout == .milliseconds(25))
        #expect(decoder.flush() == [.key(.escape)])
        #expect(!decoder.hasPendingInput)
        #expect(decoder.pendingTimeout == nil)
        #expect(decode(esc + esc) == [.key(.escape), .key(.escape)])
    }

    @Test("Alt + key is ESC before the key; ESC before a sequence stays Escape")
    func alt() {
        #expect(decode(esc + "x") == [.alt("x")])
        #expect(decode(esc + "X") == [.alt("X")])
        #expect(decode(esc + "é") == [.alt("é")])
        #expect(decode(esc + "\u{7F}") == [.key(.backspace, .alt)])
        #expect(decode(esc + "\u{4}") == [.key(.character("d"), [.ctrl, .alt])])
        #expect(decode(esc + "[") == [.alt("[")])
        #expect(decode(esc + "O") == [.alt("O")])
        #expect(decode(esc + esc + "[A") == [.key(.escape), .key(.up)])
    }

    @Test("Arrows in both cursor-key modes")
    func arrows() {
        for introducer in ["[", "O"] {
            #expect(decode(esc + introducer + "A" + esc + introducer + "B" + esc + introducer + "C" + esc + introducer + "D")
                == [.key(.up), .key(.down), .key(.right), .key(.left)])
        }
    }

    @Test("Home, End, Insert, Delete, PgUp, PgDn in every family")
    func editingKeys() {
        #expect(decode(esc + "[H" + esc + "[F" + esc + "OH" + esc + "OF") == [.key(.home), .key(.end), .key(.home), .key(.end)])
        #expect(decode(esc + "[1~" + esc + "[4~" + esc + "[7~" + esc + "[8~") == [.key(.home), .key(.end), .key(.home), .key(.end)])
        #expect(decode(esc + "[2~" + esc + "[3~") == [.key(.insert), .key(.delete)])
        #expect(decode(esc + "[5~" + esc + "[6~") == [.key(.pageUp), .key(.pageDown)])
    }

    @Test("F1 to F12 in the SS3, CSI and Linux console families")
    func functionKeys() {
        #expect(decode(esc + "OP" + esc + "OQ" + esc + "OR" + esc + "OS") == (1...4).map { .key(.function($0)) })
        let tilde = [11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 23, 24].map { esc + "[\($0)~" }.joined()
        #expect(decode(tilde) == (1...12).map { .key(.function($0)) })
        #expect(decode(esc + "[[A" + esc + "[[E") == [.key(.function(1)), .key(.function(5))])
        #expect(decode(esc + "[1;2P") == [.key(.function(1), .shift)])
    }

    @Test("Modifiers in CSI parameters")
    func modifiers() {
        #expect(decode(esc + "[1;5A") == [.key(.up, .ctrl)])
        #expect(decode(esc + "[1;2B") == [.key(.down, .shift)])
        #expect(decode(esc + "[1;3C") == [.key(.right, .alt)])
        #expect(decode(esc + "[1;6D") == [.key(.left, [.ctrl, .shift])])
        #expect(decode(esc + "[3;5~") == [.key(.delete, .ctrl)])
        #expect(decode(esc + "[15;2~") == [.key(.function(5), .shift)])
        #expect(decode(esc + "O5A") == [.key(.up, .ctrl)])
    }

    @Test("Shift-tab, keypad enter and the kitty CSI u form")
    func otherSequences() {
        #expect(decode(esc + "[Z") == [.key(.tab, .shift)])
        #expect(decode(esc + "OM") == [.key(.enter)])
        #expect(decode(esc + "[99;5u") == [.ctrl("c")])
        #expect(decode(esc + "[97;2u") == [.char("A")])
        #expect(decode(esc + "[13u" + esc + "[27u") == [.key(.enter), .key(.escape)])
    }

    @Test("Bracketed paste arrives as one event, whatever it contains")
    func paste() {
        let events = decode(esc + "[200~hello\r\nq " + esc + "[A中" + esc + "[201~x")
        #expect(events == [.paste("hello\nq " + esc + "[A中"), .char("x")])
        #expect(decode(esc + "[200~" + esc + "[201~") == [.paste("")])
    }

    @Test("A paste that never ends is delivered on flush, and keys work again")
    func unterminatedPaste() {
        var decoder = KeyDecoder()
        #expect(decoder.feed(Array((esc + "[200~abc").utf8)).isEmpty)
        #expect(decoder.pendingTimeout == .milliseconds(500))
        #expect(decoder.flush() == [.paste("abc")])
        #expect(decoder.feed(Array("q".utf8)) == [.char("q")])
    }

    @Test("Unknown and broken sequences are skipped cleanly")
    func unknownSequences() {
        #expect(decode(esc + "[99~a") == [.char("a")])
        #expect(decode(esc + "[<0;10;5Mb") == [.char("b")])  // SGR mouse report
        #expect(decode(esc + "[?1;2cz") == [.char("z")])  // device attributes reply
        #expect(decode(esc + "[1;5\u{3}") == [.ctrl("c")])  // broken: the stray byte decodes alone
        #expect(decode(esc + "Oz!") == [.char("!")])
        #expect(decode(esc + "[12") == [])  // cut short then flushed
    }

    @Test("Invalid UTF-8 is dropped and never blocks the following keys")
    func invalidUTF8() {
        #expect(decodeEverySplit([0xFF, 0x61]) == [.char("a")])
        #expect(decodeEverySplit([0xE4, 0xB8, 0x61]) == [.char("a")])  // cut character
        #expect(decodeEverySplit([0xC0, 0xAF, 0x62]) == [.char("b")])  // overlong
        #expect(decodeEverySplit([0xC2, 0x9B, 0x63]) == [.char("c")])  // C1 control as UTF-8
        var decoder = KeyDecoder()
        #expect(decoder.feed([0xE4, 0xB8]).isEmpty)
        #expect(decoder.flush().isEmpty)
        #expect(!decoder.hasPendingInput)
    }

    @Test("Random garbage never hangs or grows the pending input without bound")
    func garbage() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<200 {
            var decoder = KeyDecoder()
            let count = Int.random(in: 1...300, using: &generator)
            var bytes: [UInt8] = []
            for _ in 0..<count {
                // Mostly escape-sequence material, to reach the parser's corners.
                let pool: [UInt8] = [0x1B, 0x5B, 0x4F, 0x3B, 0x31, 0x32, 0x7E, 0x41, 0x3F, 0x3C, 0x20, 0xE4, 0xB8, 0x80, 0xFF, 0x07]
                bytes.append(Bool.random(using: &generator) ? pool[Int.random(in: 0..<pool.count, using: &generator)] : UInt8.random(in: 0...255, using: &generator))
            }
            _ = decoder.feed(bytes)
            _ = decoder.flush()
            // After a flush, plain keys always come through (a paste start in the garbage was
            // delivered by the flush).
            #expect(decoder.feed(Array("k".utf8)) == [.char("k")])
        }
    }
}
