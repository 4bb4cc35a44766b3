import Testing
@testable import Inventory

/// (filter, message, 1-based column)
private let errors: [(String, String, Int)] = [
    ("power_state:running (", "unclosed group", 21),
    ("(a b", "unclosed group", 1),
    ("a (b (c)", "unclosed group", 3),
    ("a)", "unexpected ')' without '('", 2),
    ("|a", "expected '(' after '|'", 2),
    ("|(a", "unclosed alternatives", 2),
    ("|()", "empty alternatives", 2),
    ("()", "empty group", 1),
    ("\"abc", "unclosed quote", 1),
    ("name:\"a\\\"", "unclosed quote", 6),
    ("name:/ab", "unclosed regular expression", 6),
    ("/a(/", "invalid regular expression /a(/", 1),
    ("/a/x", "unknown regular expression flag 'x' (only 'i' is supported)", 4),
    ("name:", "expected a value after 'name:'", 6),
    ("name: ", "expected a value after 'name:'", 7),
    ("(name:)", "expected a value after 'name:'", 7),
    ("VCPUs_max:>", "expected a number after '>'", 12),
    ("VCPUs_max:>=abc", "'abc' is not a number", 13),
    ("VCPUs_max:>=4X", "'4X' is not a number", 13),
    ("!", "expected a term after '!'", 2),
    ("a ? b", "unexpected '?'", 3),
    ("a = b", "unexpected '='", 3),
    ("[resolve]:x", "unexpected '['", 1),
    ("na*me:x", "a field name cannot contain '*'", 1),
    ("日本 (", "unclosed group", 4),
]

@Suite struct FilterSyntaxErrorTests {
    @Test(arguments: errors.indices)
    func error(_ index: Int) {
        let (text, message, column) = errors[index]
        #expect(throws: FilterSyntaxError(message: message, column: column, filter: text)) {
            try Filter(text)
        }
    }

    @Test func descriptionPointsAtTheColumn() {
        let error = FilterSyntaxError(message: "unclosed group", column: 21, filter: "power_state:running (")
        #expect(error.description == """
            unclosed group at column 21
            power_state:running (
                                ^
            """)
    }

    @Test func caretCountsWideCharactersAsTwoCells() throws {
        do {
            _ = try Filter("日本 (")
            Issue.record("expected an error")
        } catch {
            #expect(error.caretLine == "     ^")
        }
    }
}
