import Testing
@testable import Terminal

@Suite("Display width")
struct DisplayWidthTests {
    @Test("ASCII letters, digits and punctuation take one column")
    func ascii() {
        #expect(displayWidth(of: "a") == 1)
        #expect(displayWidth(of: "~") == 1)
        #expect(displayWidth(of: "hello, world") == 12)
    }

    @Test("CJK ideographs, kana, Hangul and fullwidth forms take two columns")
    func eastAsianWide() {
        #expect(displayWidth(of: Character("中")) == 2)
        #expect(displayWidth(of: Character("カ")) == 2)
        #expect(displayWidth(of: Character("한")) == 2)
        #expect(displayWidth(of: Character("Ａ")) == 2)  // fullwidth A
        #expect(displayWidth(of: "日本語") == 6)
        #expect(displayWidth(of: Character("\u{20000}")) == 2)  // CJK extension B
        #expect(displayWidth(of: Character("ｶ")) == 1)  // halfwidth katakana
    }

    @Test("Emoji with emoji presentation take two columns, text-style symbols one")
    func emoji() {
        #expect(displayWidth(of: Character("😀")) == 2)
        #expect(displayWidth(of: Character("🚀")) == 2)
        #expect(displayWidth(of: Character("🫠")) == 2)  // newer than the generated table's data
        #expect(displayWidth(of: Character("❤")) == 1)
        #expect(displayWidth(of: Character("❤️")) == 2)  // VS16 asks for emoji presentation
        #expect(displayWidth(of: Character("1️⃣")) == 2)  // keycap sequence
    }

    @Test("Zero-width-joiner sequences, skin tones and flags are one wide character")
    func sequences() {
        let family: Character = "👨‍👩‍👧‍👦"
        #expect(displayWidth(of: family) == 2)
        #expect(displayWidth(of: "👨‍👩‍👧‍👦") == 2)
        #expect(displayWidth(of: Character("👍🏽")) == 2)
        #expect(displayWidth(of: Character("🇫🇷")) == 2)
        #expect(displayWidth(of: "🇫🇷🇩🇪") == 4)
        #expect(displayWidth(of: Character("🏳️‍🌈")) == 2)
    }

    @Test("Combining marks add no width; precomposed and decomposed agree")
    func combining() {
        #expect(displayWidth(of: "e\u{301}") == 1)
        #expect(displayWidth(of: "é") == 1)
        #expect(displayWidth(of: "a\u{301}\u{302}\u{303}") == 1)
        #expect(DisplayWidth.of(Unicode.Scalar(0x301)!) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x200B)!) == 0)  // zero width space
        #expect(displayWidth(of: "\u{1100}\u{1161}\u{11A8}") == 2)  // Hangul jamo L V T
    }

    @Test("Right-to-left text keeps one column per letter")
    func rightToLeft() {
        #expect(displayWidth(of: "שלום") == 4)
        #expect(displayWidth(of: "مرحبا") == 5)
    }

    @Test("Controls count one column and are shown replaced, never as they are")
    func controls() {
        #expect(displayWidth(of: Character("\u{1B}")) == 1)
        #expect(displayWidth(of: Character("\u{7F}")) == 1)
        #expect(displayWidth(of: Character("\u{85}")) == 1)
        #expect(DisplayWidth.sanitized("\u{1B}") == "\u{FFFD}")
        #expect(DisplayWidth.sanitized("\u{7}") == "\u{FFFD}")
        #expect(DisplayWidth.sanitized("\u{9B}") == "\u{FFFD}")  // C1 CSI
        #expect(DisplayWidth.sanitized("\t") == " ")
        #expect(DisplayWidth.sanitized("\r\n") == " ")
        #expect(DisplayWidth.sanitized("a") == "a")
        #expect(Cell("\u{1B}").grapheme == "\u{FFFD}")
    }

    @Test("Truncation never splits a wide character and ends with an ellipsis")
    func truncation() {
        #expect("hello world".truncated(toWidth: 8) == "hello w…")
        #expect("hello".truncated(toWidth: 5) == "hello")
        #expect("日本語テキスト".truncated(toWidth: 6) == "日本…")
        #expect("日本語".truncated(toWidth: 4, ellipsis: "") == "日本")
        #expect("日本語".truncated(toWidth: 3, ellipsis: "") == "日")
        #expect("abc".truncated(toWidth: 0) == "")
        #expect("中".padded(toWidth: 4) == "中  ")
        #expect("ab".padded(toWidth: 4, alignRight: true) == "  ab")
    }
}
