import ArgumentParser
import Inventory
import XAPI

/// The connection options every xentui command takes (PRODUCT §1).
struct ConnectionArguments: ParsableArguments {
    @Flag(help: "Start two simulated pools inside the process and connect to them.") var demo = false
    @Option(help: ArgumentHelp("A pool master: https://host[:port] or http://…", valueName: "url")) var url: String?
    @Option(help: ArgumentHelp("User name (default: root).", valueName: "name")) var user: String?
    @Option(name: .customLong("password-env"), help: ArgumentHelp("Read the password from this environment variable.", valueName: "var"))
    var passwordEnv: String?
    @Option(name: .customLong("password-file"), help: ArgumentHelp("Read the password from the first line of this file (mode 0600).", valueName: "file"))
    var passwordFile: String?
    @Option(name: .customLong("password-command"), help: ArgumentHelp("Run this command and read the password from its first line.", valueName: "cmd"))
    var passwordCommand: String?
    @Option(name: .customLong("pool"), help: ArgumentHelp("A pool of the config file (repeatable; default: every pool).", valueName: "name"))
    var pools: [String] = []
    @Flag(help: "Accept any TLS certificate.") var insecure = false
    @Flag(name: .customLong("read-only"), help: "Run nothing that changes anything.") var readOnly = false
    @Option(help: ArgumentHelp("The config file (default: $XDG_CONFIG_HOME/xentui/config.toml).", valueName: "file"))
    var config: String?
    @Option(name: .customLong("protocol"), help: ArgumentHelp("Advanced: the wire protocol (auto tries JSON-RPC, then XML-RPC).", valueName: "auto|jsonrpc|xmlrpc"))
    var wireProtocol: WireProtocolChoice = .auto

    var options: ConnectionOptions {
        ConnectionOptions(
            demo: demo, url: url, user: user, passwordEnvironment: passwordEnv, passwordFile: passwordFile,
            passwordCommand: passwordCommand, pools: pools, insecure: insecure, readOnly: readOnly, configPath: config)
    }
}

enum WireProtocolChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, jsonrpc, xmlrpc

    var preference: XAPIProtocolPreference {
        switch self {
        case .auto: .auto
        case .jsonrpc: .jsonrpc
        case .xmlrpc: .xmlrpc
        }
    }
}

/// A password is never taken on the command line (it would show in `ps` and the shell
/// history). Checked before parsing, so the value is never echoed in an error.
enum PasswordArgument {
    static let message = """
        xentui: a password is never taken on the command line (it would show in ps and in the shell history).
        Give it one of these ways:
          --password-env VAR       read it from the environment variable VAR
          --password-file FILE     read the first line of FILE (readable only by you)
          --password-command CMD   run CMD and read the first line it prints (e.g. "pass show xcp/prod")

        """

    /// True when the arguments try `--password VALUE` or `--password=VALUE` (before any `--`).
    static func isAttempted(_ arguments: [String]) -> Bool {
        for argument in arguments {
            if argument == "--" { return false }
            if argument == "--password" || argument.hasPrefix("--password=") { return true }
        }
        return false
    }
}
