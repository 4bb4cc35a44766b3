/// A stable action id, as keymap files name it (`goto.hosts`, `vm.start`).
public struct ActionID: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: ActionID, rhs: ActionID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Where a key binding applies: a pane with focus, a popup, or a text input line.
public enum KeyContext: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case global, tree, details, log, popup, filter, command

    public var description: String { rawValue }

    /// Contexts that also see `[global]` bindings. Popups and input lines do not:
    /// there `q` closes the popup or is typed, it does not quit.
    public var fallsBackToGlobal: Bool {
        switch self {
        case .tree, .details, .log: return true
        case .global, .popup, .filter, .command: return false
        }
    }
}

/// How actions are grouped in help and in the which-key popup.
public enum ActionGroup: String, CaseIterable, Hashable, Sendable {
    case navigation, views, selection, vm, host, sr, tasks, application

    public var title: String {
        switch self {
        case .navigation: return "Navigation"
        case .views: return "Views"
        case .selection: return "Selection"
        case .vm: return "VM actions"
        case .host: return "Host actions"
        case .sr: return "SR actions"
        case .tasks: return "Tasks & log"
        case .application: return "Application"
        }
    }
}

/// The kind of object an action runs on; the UI offers it only when the selection is one.
public enum ActionTarget: String, Hashable, Sendable {
    case none, vm, host, sr, task, logEntry
}

/// When an action asks for confirmation naming its targets.
public enum ActionDanger: Hashable, Sendable {
    case none
    /// Always (hard shutdown, destroy).
    case always
    /// Only when it applies to more than one object (migrate of many).
    case whenSeveral

    public func needsConfirmation(targetCount: Int) -> Bool {
        switch self {
        case .none: return false
        case .always: return true
        case .whenSeveral: return targetCount > 1
        }
    }
}
