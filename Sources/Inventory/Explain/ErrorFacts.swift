import Foundation
import XAPI

/// The parameters of one error, ready to be written into sentences: refs and uuids turned
/// into display names where the resolver knows them, bytes into GiB, states into words.
struct ErrorFacts {
    let params: [String]
    /// The display name of each parameter, when it is a ref or uuid the resolver knows.
    let resolved: [String?]
    /// The call without its `Async.` prefix, e.g. `VM.clean_shutdown`.
    let call: String?

    init(error: XAPIError, names: (String) -> String?) {
        params = error.params
        resolved = error.params.map { value in
            guard ObjectHandle.isRef(value) || ObjectHandle.isUUID(value) else { return nil }
            guard let name = names(value), !name.isEmpty else { return nil }
            return name
        }
        call = error.call.map(XAPICallName.strippingAsync)
    }

    /// The raw value of parameter `index`, or nil when xapi sent fewer parameters.
    func raw(_ index: Int) -> String? { index < params.count ? params[index] : nil }

    /// A free-text parameter (a message, a reason) trimmed, or nil when absent or empty.
    func detail(_ index: Int) -> String? {
        guard let text = raw(index)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    /// The display name of parameter `index` when it is known, else `fallback`
    /// (e.g. "the VM"), so sentences read well whether or not the cache knows the object.
    func name(_ index: Int, or fallback: String) -> String {
        if index < resolved.count, let name = resolved[index] { return name }
        return fallback
    }

    /// The display name when known, else the raw value (for lists of parameters).
    func display(_ index: Int) -> String {
        if index < resolved.count, let name = resolved[index] { return name }
        return raw(index) ?? ""
    }

    /// Parameter `index` as a byte count in words ("8.0 GiB"), or the raw text if it is not a number.
    func bytes(_ index: Int) -> String {
        guard let text = raw(index) else { return "an unknown amount" }
        guard let value = Int64(text) else { return text }
        return ByteCountText.format(value)
    }

    /// Power states as xapi sends them (`halted;suspended`) as words ("halted or suspended").
    func states(_ index: Int) -> String {
        guard let text = raw(index), !text.isEmpty else { return "in another state" }
        let states = text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return ListText.joined(states.filter { !$0.isEmpty }, with: "or")
    }

    /// An operation name (`clean_shutdown`) as words ("clean shutdown").
    func operation(_ index: Int) -> String? {
        guard let text = raw(index), !text.isEmpty else { return nil }
        return text.replacingOccurrences(of: "_", with: " ")
    }

    /// The method of the failed call as XAPI names it (`clean_shutdown`), or nil without a call.
    var method: String? {
        guard let call, let dot = call.lastIndex(of: ".") else { return nil }
        let method = call[call.index(after: dot)...]
        return method.isEmpty ? nil : String(method)
    }

    /// The method of the failed call in words ("clean shutdown"), or nil without a call.
    var action: String? { method?.replacingOccurrences(of: "_", with: " ") }

    /// "the call VM.start", or "the call" when it is not known.
    var callPhrase: String { call.map { "the call \($0)" } ?? "the call" }
}

/// Recognises the two ways XAPI names an object.
enum ObjectHandle {
    static let nullRef = "OpaqueRef:NULL"

    static func isRef(_ text: String) -> Bool { text.hasPrefix("OpaqueRef:") && text != nullRef }

    /// A canonical 8-4-4-4-12 hex uuid.
    static func isUUID(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard utf8.count == 36 else { return false }
        for (index, byte) in utf8.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                let isHex =
                    (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 70) || (byte >= 97 && byte <= 102)
                guard isHex else { return false }
            }
        }
        return true
    }
}

enum XAPICallName {
    /// `Async.VM.start` → `VM.start`: the async form takes the same parameters.
    static func strippingAsync(_ call: String) -> String {
        call.hasPrefix("Async.") ? String(call.dropFirst("Async.".count)) : call
    }
}
