import XAPI

/// The `xe` command line equivalent to an XAPI call, for the error detail view and the log
/// (users ask for it: XO #3425), so a failed action can be retried or studied on dom0.
public enum XeCommand {
    /// The `xe` line for `call` (with or without `Async.`), given the call's parameters
    /// after the session ref, and a resolver from an object's ref to its uuid (xe names
    /// objects by uuid). Nil when xe has no equivalent, when a needed object cannot be
    /// resolved, or for session calls: the line never holds a ref, a session or a password.
    public static func line(call: String, params: [XAPIValue], uuidOf: (String) -> String?) -> String? {
        let name = XAPICallName.strippingAsync(call)
        guard let dot = name.firstIndex(of: ".") else { return nil }
        let className = String(name[..<dot])
        let method = String(name[name.index(after: dot)...])
        guard className.lowercased() != "session" else { return nil }
        let words = withoutActuallyEscaping(uuidOf) { uuidOf in
            XeCommandTable.words(
                className: className, method: method, XeCallArguments(params: params, uuidOf: uuidOf))
        }
        guard let words else { return nil }
        let line = (["xe"] + words).joined(separator: " ")
        // Belt and braces: whatever a resolver returned, never show a ref.
        return line.contains("OpaqueRef:") ? nil : line
    }
}

/// The parameters of one call, read by position, with refs resolved to uuids.
struct XeCallArguments {
    let params: [XAPIValue]
    let uuidOf: (String) -> String?

    /// The uuid of the object whose ref is parameter `index`; nil for a missing or null ref
    /// or one the resolver does not know. A uuid given in place of a ref is kept.
    func uuid(_ index: Int) -> String? {
        guard index < params.count, let text = params[index].stringValue else { return nil }
        return uuid(of: text)
    }

    /// The uuid for one ref (or the uuid itself), or nil.
    func uuid(of text: String) -> String? {
        if ObjectHandle.isUUID(text) { return text }
        guard ObjectHandle.isRef(text), let uuid = uuidOf(text), !uuid.isEmpty, !uuid.hasPrefix("OpaqueRef:") else {
            return nil
        }
        return uuid
    }

    /// True when parameter `index` is the null ref (an optional object left out).
    func isNullRef(_ index: Int) -> Bool {
        index < params.count && params[index].stringValue == ObjectHandle.nullRef
    }

    func string(_ index: Int) -> String? { index < params.count ? params[index].stringValue : nil }

    func bool(_ index: Int) -> Bool? { index < params.count ? params[index].boolValue : nil }

    func strings(_ index: Int) -> [String]? {
        guard index < params.count, let array = params[index].arrayValue else { return nil }
        let strings = array.compactMap(\.stringValue)
        return strings.count == array.count ? strings : nil
    }

    func map(_ index: Int) -> XAPIStruct? { index < params.count ? params[index].structValue : nil }

    var count: Int { params.count }
}

/// `key=value` with the value quoted for the shell.
func xeArgument(_ key: String, _ value: String) -> String { key + "=" + ShellQuote.quote(value) }
