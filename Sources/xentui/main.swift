import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `xentui`: the root command; without a subcommand it runs the interactive UI.
struct XentuiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xentui",
        abstract: "A keyboard-driven terminal orchestrator for XenServer and XCP-ng pools.",
        discussion: """
            Exit codes: 0 success; 1 an XAPI error; 2 bad usage or a bad config/theme/keymap file; \
            3 cannot connect (network, TLS, authentication).
            """,
        version: XentuiVersion.current,
        subcommands: [UICommand.self, ListCommand.self, VMCommand.self, LogCommand.self, InfoCommand.self],
        defaultSubcommand: UICommand.self)
}

// Runs the command; usage errors exit with 2 (the parser's own default is 64).
signal(SIGPIPE, SIG_IGN)
let arguments = Array(CommandLine.arguments.dropFirst())
if PasswordArgument.isAttempted(arguments) {
    printError(PasswordArgument.message, newline: false)
    exit(2)
}
do {
    var command = try XentuiCommand.parseAsRoot(arguments)
    // Each async command by its type: through the protocol, the synchronous `run` would be picked.
    if let list = command as? ListCommand {
        try await list.run()
    } else if let vm = command as? VMCommand {
        try await vm.run()
    } else if let log = command as? LogCommand {
        try await log.run()
    } else if let ui = command as? UICommand {
        try await ui.run()
    } else {
        try command.run()
    }
} catch {
    let code = XentuiCommand.exitCode(for: error)
    let message = XentuiCommand.fullMessage(for: error)
    if code == .success {
        if !message.isEmpty { printOutput(message + "\n") }
        exit(0)
    }
    if !message.isEmpty { printError(message) }
    exit(code == .validationFailure ? 2 : code.rawValue)
}
