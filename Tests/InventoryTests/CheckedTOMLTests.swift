import Testing

@testable import Inventory

/// Headers toml++ cannot take are refused before it sees them; everything else reaches it.
@Suite struct CheckedTOMLTests {
    @Test(arguments: [
        ("[)alette]\nx = 1\n", 1, 2),
        ("a = 1\n\n[[ )x]]\n", 3, 4),
        ("# comment [)\n[ok]\n  [ .bad]\n", 3, 5),
        ("[\u{e9}t\u{e9}]\n", 1, 2),
    ])
    func badHeadersAreSyntaxErrorsWithTheirPlace(text: String, line: Int, column: Int) throws {
        let error = try #require(CheckedTOML.badTableHeader(in: text))
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(throws: CheckedTOML.HeaderError.self) { try CheckedTOML.table(text) }
    }

    @Test(arguments: [
        "[global]\n\"g h\" = \"goto.hosts\"\n[[pool]]\nname = 'prod'\n[ \"quoted key\" ]\n[-x]\n[_y.z]\n",
        // A `[` inside values is not a header, on one line or many.
        "a = [\n  [)1, 2],\n]\nb = \"\"\"\n[)not a header\n\"\"\"\nc = '''\n[)nor this'''\nd = { e = \"[)\" }\n",
        "s = \"escaped \\\" [) quote\"\n[ok]\n",
        // toml++ reports these itself.
        "[]\n", "[\n", "[", "",
    ])
    func otherTextReachesTheParser(text: String) {
        #expect(CheckedTOML.badTableHeader(in: text) == nil)
    }

    @Test func aConfigWithABadHeaderNamesItsLine() {
        #expect(throws: ConfigError.self) { try XentuiConfig(parsing: "theme = \"dark\"\n[)pool]\n", path: "config.toml") }
        do {
            _ = try XentuiConfig(parsing: "theme = \"dark\"\n[)pool]\n", path: "config.toml")
        } catch {
            #expect(error.line == 2)
        }
    }
}
