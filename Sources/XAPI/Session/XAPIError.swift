/// A failure reported by XAPI: the error code and its parameters, with the call that was
/// made and the object it was about, so the UI and the log can say exactly what failed.
public struct XAPIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `VM_BAD_POWER_STATE`, `SESSION_INVALID`, …
    public var code: String
    /// The error's parameters, in XAPI's order (names in `XAPIErrorCatalog`).
    public var params: [String]
    /// The call that failed, e.g. `VM.start`.
    public var call: String?
    /// The object the call was about (a ref, uuid or name), when there is one.
    public var object: String?

    public init(code: String, params: [String] = [], call: String? = nil, object: String? = nil) {
        self.code = code
        self.params = params
        self.call = call
        self.object = object
    }

    /// Builds the error from XAPI's `ErrorDescription` (code first, then the parameters).
    public init(errorDescription: [String], call: String? = nil, object: String? = nil) {
        self.init(
            code: errorDescription.first ?? "UNKNOWN_ERROR", params: Array(errorDescription.dropFirst()), call: call,
            object: object)
    }

    public var errorDescription: [String] { [code] + params }

    public var description: String {
        var text = code
        if !params.isEmpty { text += " [" + params.joined(separator: ", ") + "]" }
        if let call { text += " in \(call)" }
        if let object { text += " on \(object)" }
        return text
    }
}
