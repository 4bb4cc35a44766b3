import Foundation
import XAPI

/// Codes made of a base code and a suffix, which the datamodel lists only by their base:
/// `SR_BACKEND_FAILURE_<n>` (SM's error number) and the `VM_LACKS_FEATURE_<feature>` codes
/// that older xapi versions send (`VM_LACKS_FEATURE_SHUTDOWN`, `…_SUSPEND`, `…_VCPU_HOTPLUG`).
enum ErrorCodeFamily {
    case storageBackend(StorageBackendFailure)
    case lacksFeature(feature: String)

    init?(code: String) {
        if let failure = StorageBackendFailure(code: code) {
            self = .storageBackend(failure)
            return
        }
        let lacks = "VM_LACKS_FEATURE_"
        if code.hasPrefix(lacks), code.count > lacks.count, XAPIErrorCatalog.parameterNames(for: code) == nil {
            let feature = code.dropFirst(lacks.count).lowercased().replacingOccurrences(of: "_", with: " ")
            self = .lacksFeature(feature: feature)
            return
        }
        return nil
    }

    /// The datamodel code whose parameters these codes share.
    var baseCode: String {
        switch self {
        case .storageBackend: return "SR_BACKEND_FAILURE"
        case .lacksFeature: return "VM_LACKS_FEATURE"
        }
    }

    var origin: ErrorOrigin {
        switch self {
        case .storageBackend: return .storage
        case .lacksFeature: return .pool
        }
    }

    func write(_ facts: ErrorFacts) -> ErrorText {
        switch self {
        case .storageBackend(let failure):
            return failure.write(facts)
        case .lacksFeature(let feature):
            let vm = facts.name(0, or: "The VM")
            return ErrorText(
                title: "The guest does not support this operation",
                explanation: "\(vm)'s guest has not told XAPI that it supports \(feature). The guest tools "
                    + "advertise each feature once they are running.",
                suggestion: "Check that the guest tools are installed and running, or use the hard (forced) variant.")
        }
    }
}
