import XAPI

extension SimState {
    var masterRef: String {
        guard let pool = database.poolRef else { return database.tables["host"]?.keys.first ?? nullRef }
        return database.tables["pool"]?[pool]?.string("master") ?? nullRef
    }

    /// Raises SESSION_INVALID unless the first param names a live session.
    func requireSession(_ params: SimParams) throws(SimFailure) {
        let ref = params.value(0).stringValue ?? ""
        guard sessions[ref] != nil else { throw SimFailure("SESSION_INVALID", ref) }
    }

    /// `session.login_with_password` and `session.logout`; nil for the generic session getters.
    mutating func sessionCall(_ name: String, _ params: SimParams, role: SimListenerRole) throws(SimFailure) -> XAPIValue? {
        switch name {
        case "login_with_password":
            try params.expect(2, 4)
            if case .slave(let masterAddress) = role { throw SimFailure("HOST_IS_SLAVE", masterAddress) }
            let user = try params.string(0)
            let password = try params.string(1)
            guard user == options.user, password == options.password else {
                throw SimFailure("SESSION_AUTHENTICATION_FAILED", user, "Authentication failure")
            }
            let originator = params.count >= 4 ? try params.string(3) : ""
            return .string(openSession(user: user, originator: originator))
        case "logout":
            try params.expect(1)
            try requireSession(params)
            sessions.removeValue(forKey: try params.string(0))
            registrations.removeValue(forKey: try params.string(0))
            return .string("")
        default:
            return nil
        }
    }

    mutating func openSession(user: String, originator: String) -> String {
        // Unlike other refs, session refs are not seeded: a restarted simulator must not
        // accept the sessions of the previous run.
        var unseeded = SimRandom(seed: UInt64.random(in: 0...UInt64.max))
        let ref = unseeded.ref()
        sessions[ref] = SimSchema.complete("session", [
            "uuid": .string(newUUID()), "this_host": .string(masterRef), "this_user": .string(nullRef),
            "last_active": .dateTime(nowDateTime), "pool": false, "other_config": [:], "is_local_superuser": true,
            "subject": .string(nullRef), "validation_time": .dateTime(nowDateTime), "auth_user_sid": "",
            "auth_user_name": .string(user), "rbac_permissions": [], "tasks": [], "parent": .string(nullRef),
            "originator": .string(originator), "client_certificate": false,
        ])
        return ref
    }

    /// Every session stops working (the fault `expireSessions` injects).
    mutating func expireSessions() {
        sessions.removeAll()
        registrations.removeAll()
    }
}
