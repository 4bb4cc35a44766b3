import XAPI

/// Which role the listener that received a call plays.
public enum SimListenerRole: Sendable, Equatable {
    case master
    /// A pool member: logins are refused with HOST_IS_SLAVE naming the master's address.
    case slave(masterAddress: String)
}

extension SimState {
    /// Runs one call at once (event calls do not wait). Throws the XAPI failure to report.
    mutating func dispatch(_ call: XAPICall, role: SimListenerRole = .master) throws(SimFailure) -> XAPIValue {
        tick()
        let parts = call.method.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let unknown = SimFailure("MESSAGE_METHOD_UNKNOWN", call.method)
        if parts.count == 3, parts[0] == "Async" {
            guard let arity = SimAction.arity[parts[1]]?[parts[2]] else { throw unknown }
            let params = SimParams(method: call.method, values: call.params)
            try params.expect(arity.0 + 1, arity.1 + 1)
            try requireSession(params)
            let action = SimAction(
                className: parts[1], name: parts[2], ref: try params.string(1), params: Array(call.params.dropFirst(2)))
            return .string(try startTask(action, session: try params.string(0)))
        }
        guard parts.count == 2 else { throw unknown }
        let (className, name) = (parts[0], parts[1])
        let params = SimParams(method: call.method, values: call.params)

        switch className {
        case "system":
            guard name == "listMethods" else { throw unknown }
            return .array(listMethods().map { .string($0) })
        case "session":
            if let result = try sessionCall(name, params, role: role) { return result }
        case "event":
            return try eventCall(name, params, waiting: false).value
        default:
            break
        }
        if let arity = SimAction.arity[className]?[name] {
            try params.expect(arity.0 + 1, arity.1 + 1)
            try requireSession(params)
            let action = SimAction(
                className: className, name: name, ref: try params.string(1), params: Array(call.params.dropFirst(2)))
            try validate(action)
            return try apply(action)
        }
        if let result = try specialCall(className, name, params) { return result }
        guard table(className) != nil else { throw unknown }
        return try genericCall(className, name, params)
    }

    /// The calls of `task` and `message` beyond the generic getters.
    mutating func specialCall(_ className: String, _ name: String, _ params: SimParams) throws(SimFailure) -> XAPIValue? {
        switch (className, name) {
        case ("task", "cancel"):
            try params.expect(2)
            try requireSession(params)
            try cancelTask(try params.string(1))
            return .string("")
        case ("task", "destroy"):
            try params.expect(2)
            try requireSession(params)
            let ref = try params.string(1)
            _ = try requireRecord("task", ref)
            runningTasks.removeValue(forKey: ref)
            delete("task", ref)
            return .string("")
        case ("message", "get_since"):
            try params.expect(2)
            try requireSession(params)
            guard let since = dateTimeParam(params.value(1)) ?? params.value(1).stringValue.flatMap({ XAPIDateTime(wire: $0) }) else {
                throw SimFailure("FIELD_TYPE_ERROR", "since")
            }
            let messages = (table("message") ?? [:]).filter {
                (XAPIDateTime(wire: $0.value.string("timestamp")) ?? dateTimeParam($0.value["timestamp"] ?? .null) ?? .epoch)
                    > since
            }
            return .structure(XAPIStruct(uniqueKeysWithValues: messages.map { ($0.key, XAPIValue.structure($0.value)) }))
        case ("message", "destroy"):
            try params.expect(2)
            try requireSession(params)
            let ref = try params.string(1)
            _ = try requireRecord("message", ref)
            delete("message", ref)
            return .string("")
        default:
            return nil
        }
    }

    private func dateTimeParam(_ value: XAPIValue) -> XAPIDateTime? {
        if case .dateTime(let d) = value { return d }
        return nil
    }

    /// Every method the simulator answers, as `system.listMethods` reports them.
    func listMethods() -> [String] {
        var methods = ["system.listMethods"]
        methods += ["login_with_password", "logout", "get_this_host", "get_this_user"].map { "session.\($0)" }
        methods += ["from", "inject", "register", "unregister", "next", "get_current_id"].map { "event.\($0)" }
        methods += ["task.cancel", "task.destroy", "message.get_since", "message.destroy"]
        var classes = Set(database.tables.keys)
        classes.insert("session")
        for className in classes.sorted() {
            for name in genericMethodNames(className) { methods.append("\(className).\(name)") }
        }
        for (className, calls) in SimAction.arity.sorted(by: { $0.key < $1.key }) {
            for name in calls.keys.sorted() {
                methods.append("\(className).\(name)")
                methods.append("Async.\(className).\(name)")
            }
        }
        return methods
    }
}
