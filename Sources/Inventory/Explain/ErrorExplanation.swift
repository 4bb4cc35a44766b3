import XAPI

/// What a failure means, in our own words: the one-line title, what happened and why,
/// what to try next, and the raw parameters under their datamodel names.
///
/// The datamodel's own descriptions (`XAPIErrorCatalog.summary`) are never used as the
/// explanation: common codes have wording written for xentui, the rest get a neutral
/// sentence built from the code and its named parameters.
public struct ErrorExplanation: Hashable, Sendable {
    /// The XAPI error code (`VM_BAD_POWER_STATE`, `SR_BACKEND_FAILURE_82`), or the
    /// connection problem's kind (`cannot-connect`, `pin-mismatch`) for client-side failures.
    public var code: String
    /// One short line, e.g. "The VM is not in the right power state".
    public var title: String
    /// Two to four plain sentences: what happened and why, with names filled in.
    public var explanation: String
    /// What to try next, when there is something to try.
    public var suggestion: String?
    /// Every parameter of the error, in order, named as the datamodel names them.
    public var parameters: [ErrorParameter]
    /// True when the same call may well succeed if retried later without changing anything.
    public var isTransient: Bool
    /// Who reported the failure: the pool, its storage backend, or xentui's own connection.
    public var origin: ErrorOrigin
    /// True when the wording was written for this code; false for the generic form.
    public var isSpecific: Bool

    public init(
        code: String, title: String, explanation: String, suggestion: String?, parameters: [ErrorParameter],
        isTransient: Bool, origin: ErrorOrigin, isSpecific: Bool
    ) {
        self.code = code
        self.title = title
        self.explanation = explanation
        self.suggestion = suggestion
        self.parameters = parameters
        self.isTransient = isTransient
        self.origin = origin
        self.isSpecific = isSpecific
    }
}

/// One parameter of an error, under its datamodel name (or `param N` when it has none).
public struct ErrorParameter: Hashable, Sendable {
    public var name: String
    /// The value exactly as xapi sent it.
    public var value: String
    /// The object's display name, when the value is a ref or uuid the resolver knew.
    public var displayName: String?

    public init(name: String, value: String, displayName: String? = nil) {
        self.name = name
        self.value = value
        self.displayName = displayName
    }
}

/// Where a failure comes from, so the detail view can say "the host refused" or
/// "xentui could not reach the host" (users mix these up; see XO #4101).
public enum ErrorOrigin: String, Hashable, Sendable {
    /// XAPI on the pool refused or failed the call.
    case pool
    /// The host's storage backend (SM) failed: `SR_BACKEND_FAILURE_*`.
    case storage
    /// xentui's own connection to the pool failed; XAPI never answered.
    case connection
}

extension ErrorExplanation {
    /// The persistent log's `error` field: the code, then every parameter's raw value.
    public var errorField: [String] { [code] + parameters.map(\.value) }

    /// Explains an XAPI failure. `names` turns a ref or uuid into a display name when it is
    /// known (the cache's name_label); values it does not know are described generically.
    public static func explain(_ error: XAPIError, names: (String) -> String? = { _ in nil }) -> ErrorExplanation {
        let facts = ErrorFacts(error: error, names: names)
        let parameters = namedParameters(code: error.code, params: error.params).enumerated().map { index, parameter in
            ErrorParameter(name: parameter.name, value: parameter.value, displayName: facts.resolved[index])
        }
        if let wording = ErrorWording.table[error.code] {
            let text = wording.write(facts)
            return ErrorExplanation(
                code: error.code, title: text.title, explanation: text.explanation, suggestion: text.suggestion,
                parameters: parameters, isTransient: wording.isTransient, origin: .pool, isSpecific: true)
        }
        if let family = ErrorCodeFamily(code: error.code) {
            let text = family.write(facts)
            return ErrorExplanation(
                code: error.code, title: text.title, explanation: text.explanation, suggestion: text.suggestion,
                parameters: parameters, isTransient: false, origin: family.origin, isSpecific: true)
        }
        return generic(error, facts: facts, parameters: parameters)
    }

    /// The codes that have wording of our own, sorted (the families in `ErrorCodeFamily` aside).
    public static var explainedCodes: [String] { ErrorWording.table.keys.sorted() }

    /// The parameter names our wording for `code` expects, as declared next to the wording
    /// (checked against the datamodel by the tests), or nil when the code has no wording.
    public static func expectedParameterNames(for code: String) -> [String]? {
        ErrorWording.table[code]?.parameterNames
    }

    /// The parameters under the datamodel's names; extra values the datamodel does not list
    /// get the names xapi is known to send (`ErrorWording.observedExtraNames`) or `param N`.
    static func namedParameters(code: String, params: [String]) -> [ErrorParameter] {
        let catalogNames =
            XAPIErrorCatalog.parameterNames(for: code)
            ?? ErrorCodeFamily(code: code).flatMap { XAPIErrorCatalog.parameterNames(for: $0.baseCode) }
            ?? []
        let names = catalogNames + (ErrorWording.observedExtraNames[code] ?? [])
        return params.enumerated().map { index, value in
            ErrorParameter(name: index < names.count ? names[index] : "param \(index + 1)", value: value)
        }
    }

    /// A neutral form for codes we have not written about: the code, the parameters by name,
    /// and whether the datamodel knows the code at all.
    static func generic(_ error: XAPIError, facts: ErrorFacts, parameters: [ErrorParameter]) -> ErrorExplanation {
        let known = XAPIErrorCatalog.parameterNames(for: error.code) != nil
        var sentences = ["XAPI refused \(facts.callPhrase) with \(error.code)."]
        if !parameters.isEmpty {
            let listed = parameters.enumerated().map { index, parameter in
                "\(parameter.name) = \(facts.display(index))"
            }
            sentences.append("Its parameters: " + listed.joined(separator: ", ") + ".")
        }
        if !known {
            sentences.append(
                "This code is not in the XAPI datamodel this xentui was built with; the host may be newer.")
        }
        return ErrorExplanation(
            code: error.code, title: "XAPI error \(error.code)", explanation: sentences.joined(separator: " "),
            suggestion: "Check the parameters above and the host's /var/log/xensource.log for details.",
            parameters: parameters, isTransient: false, origin: .pool, isSpecific: false)
    }
}
