import XAPI

/// The host an action names (`start --on`, `migrate --to`).
public struct ActionHost: Sendable, Hashable {
    public var ref: String
    public var name: String
    /// For the `xe` line, which names hosts by uuid; without it the line is left out.
    public var uuid: String?

    public init(ref: String, name: String, uuid: String? = nil) {
        self.ref = ref
        self.name = name
        self.uuid = uuid
    }
}

/// Why a request cannot be built.
public enum ActionRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingHost(ObjectAction)
    case missingName(ObjectAction)

    public var description: String {
        switch self {
        case .missingHost(let action): "\(action.label) needs a host (--on HOST for start, --to HOST for migrate)"
        case .missingName(let action): "\(action.label) needs a name for the new VM (--name NAME)"
        }
    }
}

/// One call to make: the action, its target, and its arguments (resolved refs, not names).
public struct ActionRequest: Sendable, Hashable {
    public var action: ObjectAction
    /// The configured pool name.
    public var pool: String
    /// Class, uuid and name of the target.
    public var target: LogObject
    /// The target's OpaqueRef.
    public var targetRef: String
    public var host: ActionHost?
    public var newName: String?
    /// The XAPI params after the session ref: VM.start [vm, false, false]; start_on [vm, host, false, false];
    /// pool_migrate [vm, host, {"live": "true"}]; resume [vm, false, false]; snapshot/clone [vm, name]; others [ref].
    public var parameters: [XAPIValue]
    /// The equivalent `xe` command line; empty when there is none (a uuid is not known).
    public var xe: String

    /// Builds the call; the target's class is filled in from the action when the caller left it out.
    public init(
        action: ObjectAction, pool: String, target: LogObject, targetRef: String, host: ActionHost? = nil,
        newName: String? = nil
    ) throws(ActionRequestError) {
        if action.needsHost && host == nil { throw .missingHost(action) }
        if action.needsName && (newName ?? "").isEmpty { throw .missingName(action) }
        var target = target
        if target.className == nil { target.className = action.targetClass.rawValue }
        self.action = action
        self.pool = pool
        self.target = target
        self.targetRef = targetRef
        self.host = action.needsHost ? host : nil
        self.newName = action.needsName ? newName : nil
        self.parameters = Self.parameters(action, targetRef: targetRef, host: self.host, newName: self.newName)
        let known: [String: String] = [targetRef: target.uuid ?? "", self.host?.ref ?? "": self.host?.uuid ?? ""]
        self.xe =
            XeCommand.line(call: action.asyncCall, params: parameters) { ref in
                known[ref].flatMap { $0.isEmpty ? nil : $0 }
            } ?? ""
    }

    static func parameters(_ action: ObjectAction, targetRef: String, host: ActionHost?, newName: String?)
        -> [XAPIValue]
    {
        let target = XAPIValue.string(targetRef)
        switch action {
        case .start, .resume: return [target, .bool(false), .bool(false)]
        case .startOn: return [target, .string(host?.ref ?? ObjectHandle.nullRef), .bool(false), .bool(false)]
        case .migrate:
            return [target, .string(host?.ref ?? ObjectHandle.nullRef), .structure(["live": .string("true")])]
        case .snapshot, .clone: return [target, .string(newName ?? "")]
        default: return [target]
        }
    }

    /// The names this request knows, for `ErrorExplanation.explain(_:names:)`: the target's and
    /// the host's refs and uuids.
    public func name(of refOrUUID: String) -> String? {
        if refOrUUID == targetRef || (target.uuid != nil && refOrUUID == target.uuid) { return target.name }
        if let host, refOrUUID == host.ref || (host.uuid != nil && refOrUUID == host.uuid) { return host.name }
        return nil
    }

    /// How the target is shown to people: its name, else its uuid, else its ref.
    public var targetDisplayName: String { target.name ?? target.uuid ?? targetRef }
}
