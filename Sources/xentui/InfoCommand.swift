import ArgumentParser
import Foundation
import Inventory
import UI

/// `xentui info`: the version, every path xentui reads or writes, the built-in themes and keymaps.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Print the version, the files xentui uses, and the built-in themes and keymaps.")

    @Option(help: ArgumentHelp("The config file (default: $XDG_CONFIG_HOME/xentui/config.toml).", valueName: "file"))
    var config: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let paths = XentuiPaths(environment: environment)
        let themes = ThemeLoader(userDirectory: ThemeLoader.userDirectory(environment: environment))
        let keymaps = KeymapLoader(userDirectory: KeymapLoader.userDirectory(environment: environment))
        var rows: [(String, String?)] = [
            ("config file", config ?? XentuiConfig.defaultPath(environment: environment)),
            ("theme folder", themes.userDirectory),
            ("keymap folder", keymaps.userDirectory),
            ("log file", paths.logFile),
            ("cache folder", paths.cacheDirectory.map { $0 + "/" }),
        ]
        rows = rows.map { ($0.0 + ":", $0.1) }
        let width = rows.map(\.0.count).max() ?? 0
        var text = "xentui \(XentuiVersion.current)\n"
        for (label, path) in rows {
            let padded = label.padding(toLength: width + 1, withPad: " ", startingAt: 0)
            guard let path else {
                text += padded + "(unknown: neither the XDG variable nor HOME is set)\n"
                continue
            }
            let exists = FileManager.default.fileExists(atPath: path)
            text += padded + terminalSafe(path) + (exists ? "  (exists)" : "  (missing)") + "\n"
        }
        text += "built-in themes:  " + themes.builtInNames.joined(separator: ", ") + "\n"
        text += "built-in keymaps: " + keymaps.builtInNames.joined(separator: ", ") + "\n"
        text += "user themes:      " + list(themes.userNames) + "\n"
        text += "user keymaps:     " + list(keymaps.userNames) + "\n"
        printOutput(text)
    }

    private func list(_ names: [String]) -> String { names.isEmpty ? "(none)" : names.map(terminalSafe).joined(separator: ", ") }
}
