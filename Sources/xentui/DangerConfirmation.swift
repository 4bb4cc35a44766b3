import Foundation
import Inventory

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The `[y/N]` question before a dangerous action (hard shutdown/reboot, destroy), naming every target.
enum DangerConfirmation {
    /// True when a person can answer: standard input and standard error are terminals.
    static var isInteractive: Bool { isatty(0) == 1 && isatty(2) == 1 }

    /// Why the action cannot go ahead without a person to ask.
    static func refusal(_ action: ObjectAction, count: Int) -> String {
        "xentui: \(action.label) is dangerous and needs confirmation, but there is no terminal to ask on;"
            + " nothing was done. Add --yes to \(action.label) \(count == 1 ? "this VM" : "these \(count) VMs") without asking."
    }

    /// Asks on the terminal; true only for `y` or `yes`.
    static func ask(_ action: ObjectAction, targets: [String]) -> Bool {
        let what = targets.count == 1 ? "this VM" : "these \(targets.count) VMs"
        var text = "\(action.label.prefix(1).uppercased() + action.label.dropFirst()) \(what)?\n"
        text += targets.map { "  " + $0 + "\n" }.joined()
        text += consequence(action) + " [y/N] "
        printError(text, newline: false)
        guard let answer = readLine() else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }

    private static func consequence(_ action: ObjectAction) -> String {
        switch action {
        case .destroy: "The VM records are deleted (their disks stay)."
        case .hardShutdown, .hardReboot: "Like pulling the power cord: unsaved data in the guests is lost."
        default: "This cannot be undone."
        }
    }
}
