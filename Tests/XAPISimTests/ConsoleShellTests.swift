import Testing

@testable import XAPISim

/// The console's getty and shell, byte for byte.
@Suite struct ConsoleShellTests {
    private let machine = SimConsoleMachine(
        hostname: "web-01", osName: "Debian GNU/Linux 12 (bookworm)", kernel: "6.1.0-25-amd64",
        bootTime: 1_767_225_600, device: "hvc0")

    private func shell(now: Double = 1_767_225_600 + 3 * 86_400 + 2 * 3600 + 5 * 60) -> SimConsoleShell {
        SimConsoleShell(machine: machine, clock: { now })
    }

    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    private func loggedIn() -> SimConsoleShell {
        var shell = shell()
        _ = shell.feed(Array("root\r".utf8))
        _ = shell.feed(Array("secret\r".utf8))
        return shell
    }

    @Test func greetingIsTheGettyBannerAndLoginPrompt() {
        #expect(text(shell().greeting()) == "\r\nDebian GNU/Linux 12 (bookworm) web-01 hvc0\r\n\r\nweb-01 login: ")
    }

    @Test func loginEchoesTheUserButNotThePassword() {
        var shell = shell()
        #expect(text(shell.feed(Array("root\r".utf8))) == "root\r\nPassword: ")
        #expect(text(shell.feed(Array("secret\r".utf8))) == "\r\nLinux web-01 6.1.0-25-amd64 x86_64\r\n\r\nroot@web-01:~# ")
    }

    @Test func anEmptyPasswordIsRefused() {
        var shell = shell()
        _ = shell.feed(Array("root\r".utf8))
        #expect(text(shell.feed(Array("\r".utf8))) == "\r\n\r\nLogin incorrect\r\nweb-01 login: ")
    }

    @Test func commandsAnswerFromTheMachine() {
        var shell = loggedIn()
        #expect(text(shell.feed(Array("hostname\r".utf8))) == "hostname\r\nweb-01\r\nroot@web-01:~# ")
        #expect(text(shell.feed(Array("uname -a\r".utf8)))
            == "uname -a\r\nLinux web-01 6.1.0-25-amd64 #1 SMP PREEMPT_DYNAMIC x86_64 GNU/Linux\r\nroot@web-01:~# ")
        #expect(text(shell.feed(Array("uptime\r".utf8)))
            == "uptime\r\n 02:05:00 up 3 days, 2:05,  1 user,  load average: 0.08, 0.03, 0.01\r\nroot@web-01:~# ")
        #expect(text(shell.feed(Array("echo 'hello   there' world\r".utf8)))
            == "echo 'hello   there' world\r\nhello   there world\r\nroot@web-01:~# ")
        #expect(text(shell.feed(Array("reboot\r".utf8))) == "reboot\r\n-bash: reboot: command not found\r\nroot@web-01:~# ")
    }

    @Test func lineEditingAndControlKeys() {
        var shell = loggedIn()
        // Backspace erases on screen; an arrow key's sequence is not typed text; LF after CR is one end of line.
        #expect(text(shell.feed(Array("hostnx\u{7F}ame\u{1B}[A\r\n".utf8))) == "hostnx\u{8} \u{8}ame\r\nweb-01\r\nroot@web-01:~# ")
        #expect(text(shell.feed(Array("abc\u{3}".utf8))) == "abc^C\r\nroot@web-01:~# ")
        #expect(text(shell.feed([0x04])).hasPrefix("logout\r\n\r\nDebian GNU/Linux 12"))
    }

    @Test func exitReturnsToTheLoginPrompt() {
        var shell = loggedIn()
        let output = text(shell.feed(Array("exit\r".utf8)))
        #expect(output == "exit\r\nlogout\r\n\r\nDebian GNU/Linux 12 (bookworm) web-01 hvc0\r\n\r\nweb-01 login: ")
        #expect(text(shell.feed(Array("hostname\r".utf8))) == "hostname\r\nPassword: ")
    }
}
