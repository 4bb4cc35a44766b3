/// The `:` commands and what `tab` completes: command names first, then each command's
/// argument (pool and object names for `:goto`, theme names for `:theme`, keymap names for
/// `:keymap`, the last word of `:filter` from common fields).
enum CommandCompletion {
    struct Command: Sendable {
        let name: String
        let takesArgument: Bool
    }

    static let commands: [Command] = [
        Command(name: "console", takesArgument: false),
        Command(name: "filter", takesArgument: true),
        Command(name: "goto", takesArgument: true),
        Command(name: "help", takesArgument: false),
        Command(name: "keymap", takesArgument: true),
        Command(name: "log", takesArgument: false),
        Command(name: "q", takesArgument: false),
        Command(name: "quit", takesArgument: false),
        Command(name: "theme", takesArgument: true),
        Command(name: "vm", takesArgument: true),
    ]

    static var commandNames: [String] { commands.map(\.name) }

    /// What `arguments` is asked for after `:vm ACTION `: the VM names (and `--force`).
    static let vmNamesSource = "vm names"

    /// What `:filter` completes: the VM fields people filter on most, and the power states.
    static let filterWords = [
        "name_label:", "name_description:", "power_state:running", "power_state:halted", "power_state:paused",
        "power_state:suspended", "tags:", "uuid:", "VCPUs_max:", "memory_static_max:", "is_a_template:", "is_control_domain:",
    ]

    /// What completion found: the new line, and the candidates when there is more than one.
    struct Result: Hashable, Sendable {
        var text: String
        var candidates: [String]
        var found: Bool
    }

    /// Completes `text` (the line before the cursor). `arguments` gives a command's possible
    /// arguments, asked only for the command being completed.
    static func complete(_ text: String, arguments: (String) -> [String]) -> Result {
        let line = text.drop { $0 == " " }
        guard let space = line.firstIndex(of: " ") else {
            let word = String(line)
            let names = commands.filter { $0.name.hasPrefix(word) }
            if names.count == 1, let only = names.first {
                return Result(text: only.name + (only.takesArgument ? " " : ""), candidates: [], found: true)
            }
            return extend(prefix: "", word: word, matches: names.map(\.name))
        }
        let command = String(line[..<space])
        var argument = String(line[line.index(after: space)...].drop { $0 == " " })
        var head = command + " "
        if command == "filter" {
            // A filter has several terms: only the last word completes, after any `!` or `(`.
            let start = argument.lastIndex { $0 == " " || $0 == "!" || $0 == "(" }.map(argument.index(after:)) ?? argument.startIndex
            head += String(argument[..<start])
            argument = String(argument[start...])
        }
        var source = command
        if command == "vm", let lastSpace = argument.lastIndex(of: " ") {
            // `:vm ACTION NAME…`: the action first, then VM names, each word on its own.
            head += String(argument[...lastSpace])
            argument = String(argument[argument.index(after: lastSpace)...])
            source = vmNamesSource
        }
        let lowered = argument.lowercased()
        var seen: Set<String> = []
        let matches = arguments(source).filter { $0.lowercased().hasPrefix(lowered) && seen.insert($0).inserted }
            .sorted { ($0.lowercased(), $0) < ($1.lowercased(), $1) }
        if matches.count == 1, let only = matches.first {
            return Result(text: head + only, candidates: [], found: true)
        }
        return extend(prefix: head, word: argument, matches: matches)
    }

    /// Several or no matches: the word grows to what they all start with (case-insensitively).
    private static func extend(prefix: String, word: String, matches: [String]) -> Result {
        guard let first = matches.first else { return Result(text: prefix + word, candidates: [], found: false) }
        var common = Array(first.lowercased())
        for match in matches.dropFirst() {
            let other = Array(match.lowercased())
            var length = 0
            while length < min(common.count, other.count), common[length] == other[length] { length += 1 }
            common = Array(common.prefix(length))
        }
        let grown = common.count > word.count ? String(first.prefix(common.count)) : word
        return Result(text: prefix + grown, candidates: matches, found: true)
    }
}
