// Our wording for errors about sessions, permissions and the API itself.
extension ErrorWording {
    static let sessionWordings: [ErrorWording] = [
        ErrorWording("SESSION_AUTHENTICATION_FAILED", []) { f in
            // xapi sends [user, PAM message] although errors.json lists no parameters.
            let user = f.detail(0).map { " for \($0)" } ?? ""
            return ErrorText(
                title: "Login refused",
                explanation: SentenceText.withDetail(
                    "The pool rejected the user name or password\(user)", f.detail(1))
                    + " xapi waits a few seconds before answering a failed login, so repeated tries are slow.",
                suggestion: "Check the pool's user and password_command or password_file in the config.")
        },
        ErrorWording("SESSION_INVALID", ["handle"], transient: true) { _ in
            ErrorText(
                title: "The session has expired",
                explanation: "The pool no longer knows xentui's session: it timed out, was logged out, or the "
                    + "master restarted its toolstack or changed.",
                suggestion: "xentui logs in again by itself; retry the action.")
        },
        ErrorWording("RBAC_PERMISSION_DENIED", ["permission", "message"]) { f in
            ErrorText(
                title: "Your role does not allow this",
                explanation: SentenceText.withDetail(
                    "The pool user you log in as lacks the permission \(f.detail(0) ?? "(not named)")", f.detail(1)),
                suggestion: "Ask a pool administrator for a role that includes it, or log in as a user that has it.")
        },
        ErrorWording("PERMISSION_DENIED", ["message"]) { f in
            ErrorText(
                title: "Permission denied",
                explanation: SentenceText.withDetail("The pool refused this call for the current user", f.detail(0)),
                suggestion: "Log in as a user allowed to do this.")
        },
        ErrorWording("MESSAGE_METHOD_UNKNOWN", ["method"]) { f in
            ErrorText(
                title: "The host does not know this call",
                explanation: "The host has no API call named \(f.detail(0) ?? "like that"). It probably runs an older "
                    + "(or much newer) XAPI version than the one xentui expected.",
                suggestion: "Check the host's version; this feature may need an update of the pool.")
        },
        ErrorWording("MESSAGE_PARAMETER_COUNT_MISMATCH", ["method", "expected", "received"]) { f in
            ErrorText(
                title: "The call had the wrong number of arguments",
                explanation: "\(f.detail(0) ?? "The call") takes \(f.raw(1) ?? "a different number of") arguments and "
                    + "received \(f.raw(2) ?? "another number"). The host's XAPI version differs from the one xentui was written for.",
                suggestion: "Report this with the host's version: it is a compatibility problem in xentui.")
        },
        ErrorWording("HANDLE_INVALID", ["class", "handle"]) { f in
            ErrorText(
                title: "The object no longer exists",
                explanation: "The \(f.detail(0) ?? "object") this call was about is unknown to the pool; it was "
                    + "probably deleted (by another user or a task) after the screen showed it.",
                suggestion: "Refresh the view; if the object is really gone there is nothing left to do.")
        },
        ErrorWording("UUID_INVALID", ["type", "uuid"]) { f in
            ErrorText(
                title: "No object has this uuid",
                explanation: "The pool has no \(f.detail(0) ?? "object") with uuid \(f.detail(1) ?? "(empty)").",
                suggestion: "Check the uuid; the object may have been deleted.")
        },
        ErrorWording("INVALID_VALUE", ["field", "value"]) { f in
            ErrorText(
                title: "A value was refused",
                explanation:
                    "The value \(f.detail(1).map { "\"\($0)\"" } ?? "given") is not valid for \(f.detail(0) ?? "this field").",
                suggestion: "Correct the value and retry.")
        },
        ErrorWording("VALUE_NOT_SUPPORTED", ["field", "value", "reason"]) { f in
            ErrorText(
                title: "A value is not supported",
                explanation: SentenceText.withDetail(
                    "The value \(f.detail(1).map { "\"\($0)\"" } ?? "given") is not supported for \(f.detail(0) ?? "this field")",
                    f.detail(2)),
                suggestion: "Choose a supported value.")
        },
        ErrorWording("INTERNAL_ERROR", ["message"]) { f in
            ErrorText(
                title: "XAPI failed internally",
                explanation: SentenceText.withDetail(
                    "The host's XAPI hit an unexpected error while handling the call", f.detail(0))
                    + " This is a fault on the host side, not in the request.",
                suggestion: "Retry once; if it persists, look at /var/log/xensource.log on the pool master.")
        },
        ErrorWording("TASK_CANCELLED", ["task"]) { f in
            ErrorText(
                title: "The task was cancelled",
                explanation: "\(f.name(0, or: "The task")) was cancelled before it finished, by a user or by XAPI, "
                    + "so the operation did not complete.",
                suggestion: "Run the action again if it is still wanted.")
        },
        ErrorWording("EVENTS_LOST", [], transient: true) { _ in
            ErrorText(
                title: "Live updates fell behind",
                explanation:
                    "The pool dropped some change notifications because xentui did not collect them fast enough.",
                suggestion: "xentui reloads everything from the pool by itself; nothing to do.")
        },
        ErrorWording("TOO_BUSY", [], transient: true) { _ in
            ErrorText(
                title: "The host is too busy",
                explanation: "The host turned the request away because it is overloaded right now.",
                suggestion: "Wait a little and retry.")
        },
        ErrorWording("TOO_MANY_PENDING_TASKS", [], transient: true) { _ in
            ErrorText(
                title: "Too many tasks are queued",
                explanation: "The host already has too many pending tasks and refused to queue another.",
                suggestion: "Wait for some tasks to finish, then retry.")
        },
        ErrorWording("NOT_IMPLEMENTED", ["function"]) { f in
            ErrorText(
                title: "The host does not implement this",
                explanation: "The host's XAPI has no implementation of \(f.detail(0) ?? "this call").",
                suggestion: "This feature is not available on this host's version.")
        },
    ]
}
