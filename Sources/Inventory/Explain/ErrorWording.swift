/// The three texts of an explanation.
struct ErrorText {
    let title: String
    let explanation: String
    let suggestion: String?
}

/// Our wording for one XAPI error code. `parameterNames` is what the wording expects, in
/// order; the tests check it against the datamodel so a renamed or reordered parameter
/// cannot silently put the wrong value into a sentence.
struct ErrorWording: Sendable {
    let code: String
    let parameterNames: [String]
    let isTransient: Bool
    let write: @Sendable (ErrorFacts) -> ErrorText

    init(
        _ code: String, _ parameterNames: [String], transient: Bool = false,
        write: @escaping @Sendable (ErrorFacts) -> ErrorText
    ) {
        self.code = code
        self.parameterNames = parameterNames
        self.isTransient = transient
        self.write = write
    }
}

extension ErrorWording {
    /// Every wording, by area.
    static let all: [ErrorWording] =
        vmWordings + hostWordings + storageWordings + sessionWordings + deviceWordings

    /// By code; a duplicate keeps the first (the tests reject duplicates).
    static let table: [String: ErrorWording] = Dictionary(
        all.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

    /// Parameters xapi really sends beyond those errors.json lists: login failures carry the
    /// user and PAM's message (`xapi_session.ml`), VM_IS_TEMPLATE the refused operation.
    static let observedExtraNames: [String: [String]] = [
        "SESSION_AUTHENTICATION_FAILED": ["user", "message"],
        "VM_IS_TEMPLATE": ["operation"],
    ]
}
