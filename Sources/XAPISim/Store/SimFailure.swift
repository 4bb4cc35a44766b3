import XAPI

/// An XAPI failure raised inside the simulator: the `ErrorDescription` a client receives.
struct SimFailure: Error, Equatable {
    var errorDescription: [String]

    init(_ code: String, _ params: String...) { errorDescription = [code] + params }
    init(errorDescription: [String]) { self.errorDescription = errorDescription }

    static func handleInvalid(_ className: String, _ ref: String) -> SimFailure { SimFailure("HANDLE_INVALID", className, ref) }
}
