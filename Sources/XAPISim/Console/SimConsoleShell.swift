/// What a console's login prompt and shell say about the machine behind it.
public struct SimConsoleMachine: Sendable, Equatable {
    public var hostname: String
    /// The distribution's pretty name, e.g. `Debian GNU/Linux 12 (bookworm)`.
    public var osName: String
    /// `uname -r`.
    public var kernel: String
    /// Unix time the domain started (for `uptime`).
    public var bootTime: Int64
    /// The terminal device the getty runs on: `hvc0` in PV guests, `tty1` in dom0.
    public var device: String

    public init(hostname: String, osName: String, kernel: String, bootTime: Int64, device: String) {
        self.hostname = hostname
        self.osName = osName
        self.kernel = kernel
        self.bootTime = bootTime
        self.device = device
    }
}

/// A getty and a tiny shell over a byte stream, answering like a guest's text console does:
/// the terminal side echoes and edits the line (the guest's tty is in cooked mode), so the
/// client sends raw keys and shows whatever comes back.
struct SimConsoleShell {
    private enum Stage: Equatable {
        case login
        case password(user: String)
        case shell(user: String)
    }

    let machine: SimConsoleMachine
    private let clock: @Sendable () -> Double
    private var stage = Stage.login
    private var line: [UInt8] = []
    private var afterCR = false
    /// Inside an escape sequence the terminal sent (arrow keys): its bytes are not typed text.
    private var escape: [UInt8]?

    init(machine: SimConsoleMachine, clock: @escaping @Sendable () -> Double) {
        self.machine = machine
        self.clock = clock
    }

    /// What the console shows as the client attaches: the getty's banner and login prompt.
    func greeting() -> [UInt8] {
        Array("\r\n\(machine.osName) \(machine.hostname) \(machine.device)\r\n\r\n".utf8) + loginPrompt
    }

    /// Feeds typed bytes; returns what the console writes back (echo, output, prompts).
    mutating func feed(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        for byte in bytes { output += take(byte) }
        return output
    }

    private var echoes: Bool {
        if case .password = stage { return false }
        return true
    }

    private var loginPrompt: [UInt8] { Array("\(machine.hostname) login: ".utf8) }

    private func prompt(_ user: String) -> [UInt8] {
        Array("\(user)@\(machine.hostname):~\(user == "root" ? "#" : "$") ".utf8)
    }

    private mutating func take(_ byte: UInt8) -> [UInt8] {
        defer { if byte != 0x0D { afterCR = false } }
        if var sequence = escape {
            sequence.append(byte)
            // ESC [ … final byte (0x40–0x7E), or ESC and one character.
            let done = sequence.count == 2 ? byte != UInt8(ascii: "[") && byte != UInt8(ascii: "O") : (0x40...0x7E).contains(byte)
            escape = done ? nil : sequence
            return []
        }
        switch byte {
        case 0x0D:
            afterCR = true
            return endLine()
        case 0x0A:
            return afterCR ? [] : endLine()
        case 0x7F, 0x08:
            guard !line.isEmpty else { return [] }
            // Remove one character, with its UTF-8 continuation bytes.
            while let last = line.popLast(), last & 0xC0 == 0x80 {}
            return echoes ? [0x08, 0x20, 0x08] : []
        case 0x03:
            line = []
            return Array("^C\r\n".utf8) + currentPrompt
        case 0x04:
            guard line.isEmpty, case .shell = stage else { return [] }
            return logout()
        case 0x15:
            let erased = echoes ? Array(repeating: [UInt8]([0x08, 0x20, 0x08]), count: line.count).flatMap { $0 } : []
            line = []
            return erased
        case 0x1B:
            escape = [byte]
            return []
        case ..<0x20:
            return []
        default:
            line.append(byte)
            return echoes ? [byte] : []
        }
    }

    private var currentPrompt: [UInt8] {
        switch stage {
        case .login: loginPrompt
        case .password: Array("Password: ".utf8)
        case .shell(let user): prompt(user)
        }
    }

    private mutating func endLine() -> [UInt8] {
        let text = String(decoding: line, as: UTF8.self)
        line = []
        var output: [UInt8] = Array("\r\n".utf8)
        switch stage {
        case .login:
            let user = text.trimmed
            if user.isEmpty { return output + loginPrompt }
            stage = .password(user: user)
            return output + Array("Password: ".utf8)
        case .password(let user):
            guard !text.isEmpty else {
                stage = .login
                return output + Array("\r\nLogin incorrect\r\n".utf8) + loginPrompt
            }
            stage = .shell(user: user)
            output += Array("Linux \(machine.hostname) \(machine.kernel) x86_64\r\n\r\n".utf8)
            return output + prompt(user)
        case .shell(let user):
            let words = Self.words(text)
            guard let command = words.first else { return output + prompt(user) }
            if command == "exit" || command == "logout" { return output + logout() }
            for answer in run(command, Array(words.dropFirst()), user: user) { output += Array((answer + "\r\n").utf8) }
            return output + prompt(user)
        }
    }

    private mutating func logout() -> [UInt8] {
        stage = .login
        return Array("logout\r\n".utf8) + greeting()
    }

    /// One command's output lines.
    private func run(_ command: String, _ arguments: [String], user: String) -> [String] {
        switch command {
        case "hostname": return [machine.hostname]
        case "whoami": return [user]
        case "echo": return [arguments.joined(separator: " ")]
        case "uname": return [uname(arguments)]
        case "uptime": return [uptime()]
        case "clear": return ["\u{1B}[H\u{1B}[2J"]
        case "cat" where arguments == ["/etc/os-release"]: return ["PRETTY_NAME=\"\(machine.osName)\""]
        case "help": return ["commands: hostname, uname [-a|-r|-s|-n], uptime, echo, whoami, cat /etc/os-release, clear, exit"]
        default: return ["-bash: \(command): command not found"]
        }
    }

    private func uname(_ arguments: [String]) -> String {
        switch arguments.first {
        case "-a": "Linux \(machine.hostname) \(machine.kernel) #1 SMP PREEMPT_DYNAMIC x86_64 GNU/Linux"
        case "-r": machine.kernel
        case "-n": machine.hostname
        default: "Linux"
        }
    }

    /// ` 14:02:11 up 3 days,  2:05,  1 user,  load average: 0.08, 0.03, 0.01`
    private func uptime() -> String {
        let now = Int64(clock().rounded(.down))
        let up = max(now - machine.bootTime, 0)
        let days = up / 86_400
        let hours = up % 86_400 / 3600
        let minutes = up % 3600 / 60
        let daysText = days > 0 ? "\(days) day\(days == 1 ? "" : "s"), " : ""
        let clock = "\(two(now % 86_400 / 3600)):\(two(now % 3600 / 60)):\(two(now % 60))"
        return " \(clock) up \(daysText)\(hours):\(two(minutes)),  1 user,  load average: 0.08, 0.03, 0.01"
    }

    private func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// Splits a command line on blanks; single or double quotes keep blanks inside a word.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}

extension String {
    fileprivate var trimmed: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
