import XAPI

/// Everything the detail view of a failed action shows, as labelled fields for the UI to
/// lay out, and as plain lines for `xentui vm` output and the persistent log.
public struct ErrorDetail: Hashable, Sendable {
    public var explanation: ErrorExplanation
    /// The call as it was made (`Async.VM.start`), when known.
    public var call: String?
    /// The pool's name from the config.
    public var pool: String?
    /// The object's display name, or its ref/uuid when the name is not known.
    public var object: String?
    /// The equivalent `xe` command line, when there is one.
    public var xe: String?

    public init(explanation: ErrorExplanation, call: String?, pool: String?, object: String?, xe: String?) {
        self.explanation = explanation
        self.call = call
        self.pool = pool
        self.object = object
        self.xe = xe
    }

    /// The detail of an XAPI failure; `objectName` wins over the error's raw `object`.
    public init(error: XAPIError, explanation: ErrorExplanation, pool: String?, objectName: String?, xe: String?) {
        self.init(explanation: explanation, call: error.call, pool: pool, object: objectName ?? error.object, xe: xe)
    }

    /// The whole detail of an XAPI failure in one step: the explanation with `names`, and the
    /// xe line from the call's parameters (those after the session) with `uuidOf`.
    public init(
        error: XAPIError, callParams: [XAPIValue]?, pool: String?, objectName: String?,
        names: (String) -> String?, uuidOf: (String) -> String?
    ) {
        let xe = error.call.flatMap { call in
            callParams.flatMap { XeCommand.line(call: call, params: $0, uuidOf: uuidOf) }
        }
        self.init(
            error: error, explanation: ErrorExplanation.explain(error, names: names), pool: pool,
            objectName: objectName, xe: xe)
    }

    /// The detail of a connection failure (no call, no object, no xe line).
    public init(problem: ConnectionProblem, pool: String?) {
        self.init(explanation: ErrorExplanation.explain(problem), call: nil, pool: pool, object: nil, xe: nil)
    }

    /// Labelled rows, in display order; empty facts are left out.
    public var fields: [ErrorDetailField] {
        let e = explanation
        var rows = [ErrorDetailField(.title, label: e.code, value: e.title)]
        rows.append(ErrorDetailField(.origin, label: "Reported by", value: Self.originText(e.origin)))
        if let pool { rows.append(ErrorDetailField(.context, label: "Pool", value: pool)) }
        if let object { rows.append(ErrorDetailField(.context, label: "Object", value: object)) }
        if let call { rows.append(ErrorDetailField(.context, label: "Call", value: call)) }
        rows.append(ErrorDetailField(.explanation, label: "What happened", value: e.explanation))
        if let suggestion = e.suggestion { rows.append(ErrorDetailField(.suggestion, label: "Try", value: suggestion)) }
        if e.isTransient {
            rows.append(ErrorDetailField(.suggestion, label: "Retry", value: "likely to work if tried again later"))
        }
        for parameter in e.parameters {
            let value = parameter.displayName.map { "\(parameter.value) (\($0))" } ?? parameter.value
            rows.append(ErrorDetailField(.parameter, label: parameter.name, value: value))
        }
        if let xe { rows.append(ErrorDetailField(.command, label: "xe", value: xe)) }
        return rows
    }

    /// Plain text lines (not wrapped: the caller wraps to its width). Parameters are
    /// indented under a "Parameters:" line; values are made printable so that a hostile
    /// name cannot move the cursor or recolour the terminal.
    public var lines: [String] {
        var lines: [String] = []
        var parametersStarted = false
        for field in fields {
            let value = PrintableText.escaped(field.value)
            switch field.kind {
            case .title: lines.append("\(field.label): \(value)")
            case .parameter:
                if !parametersStarted {
                    lines.append("Parameters:")
                    parametersStarted = true
                }
                lines.append("  \(field.label) = \(value)")
            default: lines.append("\(field.label): \(value)")
            }
        }
        return lines
    }

    /// One line for the persistent log's `message` field: title, explanation, suggestion.
    public var logMessage: String {
        let e = explanation
        var text = e.title + ". " + e.explanation
        if let suggestion = e.suggestion { text += " Try: " + suggestion }
        return PrintableText.escaped(text)
    }

    static func originText(_ origin: ErrorOrigin) -> String {
        switch origin {
        case .pool: return "the pool (XAPI refused or failed the call)"
        case .storage: return "the host's storage backend (SM)"
        case .connection: return "xentui (the pool was not reached or its reply was unusable)"
        }
    }
}

/// One labelled row of an error detail; `kind` lets the UI style rows by role.
public struct ErrorDetailField: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case title, origin, context, explanation, suggestion, parameter, command
    }

    public var kind: Kind
    public var label: String
    public var value: String

    public init(_ kind: Kind, label: String, value: String) {
        self.kind = kind
        self.label = label
        self.value = value
    }
}
