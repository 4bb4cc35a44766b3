import OrderedCollections
import XAPI


/// The answer of an event call, and whether it is empty (so the caller may wait and ask again).
struct SimEventAnswer {
    var value: XAPIValue
    var isEmpty: Bool
    /// How long the caller asked to wait for something to happen.
    var timeout: Double
}

/// What one `event.from` subscription entry selects.
struct SimSubscription: Equatable {
    /// Lowercase class, or "*".
    var className: String
    var ref: String?

    init(parsing text: String) {
        if let slash = text.firstIndex(of: "/") {
            className = text[..<slash].lowercased()
            ref = String(text[text.index(after: slash)...])
        } else {
            className = text.lowercased()
            ref = nil
        }
    }

    func matches(_ className: String, _ ref: String) -> Bool {
        self.className == "*" || (self.className == className.lowercased() && (self.ref == nil || self.ref == ref))
    }

    func matches(className: String) -> Bool { self.className == "*" || self.className == className.lowercased() }
}

extension SimState {
    mutating func eventCall(_ name: String, _ params: SimParams, waiting: Bool) throws(SimFailure) -> SimEventAnswer {
        func answer(_ value: XAPIValue) -> SimEventAnswer { SimEventAnswer(value: value, isEmpty: false, timeout: 0) }
        switch name {
        case "from":
            try params.expect(4)
            try requireSession(params)
            return try eventFrom(classes: try params.strings(1), token: try params.string(2), timeout: try params.double(3))
        case "inject":
            try params.expect(3)
            try requireSession(params)
            return answer(.string(try inject(className: try params.string(1), ref: try params.string(2))))
        case "register":
            try params.expect(2)
            try requireSession(params)
            let session = try params.string(0)
            let classes = try params.strings(1)
            var registration = registrations[session] ?? EventRegistration(classes: [], delivered: generation)
            registration.classes += classes.filter { !registration.classes.contains($0) }
            registrations[session] = registration
            return answer(.string(""))
        case "unregister":
            try params.expect(2)
            try requireSession(params)
            let session = try params.string(0)
            let classes = try params.strings(1).map { $0.lowercased() }
            if var registration = registrations[session] {
                registration.classes.removeAll { classes.contains($0.lowercased()) }
                registrations[session] = registration.classes.isEmpty ? nil : registration
            }
            return answer(.string(""))
        case "next":
            try params.expect(1)
            try requireSession(params)
            return try eventNext(session: try params.string(0))
        case "get_current_id":
            try params.expect(1)
            try requireSession(params)
            return answer(.int(generation))
        default:
            throw SimFailure("MESSAGE_METHOD_UNKNOWN", params.method)
        }
    }

    var token: String { String(format020: generation) + "," + String(format020: messageGeneration) }

    private func parseToken(_ token: String) throws(SimFailure) -> Int64? {
        if token.isEmpty { return nil }
        let first = token.split(separator: ",", omittingEmptySubsequences: false).first ?? ""
        guard let generation = Int64(first.trimmingSpaces), generation >= 0 else {
            throw SimFailure("EVENT_FROM_TOKEN_PARSE_FAILURE", token)
        }
        return generation
    }

    mutating func eventFrom(classes: [String], token tokenText: String, timeout: Double) throws(SimFailure)
        -> SimEventAnswer
    {
        let subscriptions = classes.map(SimSubscription.init(parsing:))
        let since = try parseToken(tokenText)
        if eventsLostPending {
            eventsLostPending = false
            throw SimFailure("EVENTS_LOST")
        }
        var events: [XAPIValue] = []
        if let since {
            guard since >= historyStart else { throw SimFailure("EVENTS_LOST") }
            for change in mergedChanges(after: since) where subscriptions.contains(where: { $0.matches(change.className, change.ref) }) {
                events.append(event(change, withUUID: false))
            }
        } else {
            for className in eventClasses where subscriptions.contains(where: { $0.matches(className: className) }) {
                for ref in database.tables[className]?.keys ?? [] where subscriptions.contains(where: { $0.matches(className, ref) }) {
                    events.append(event(SimChange(generation: generation, className: className, ref: ref, operation: .add), withUUID: false))
                }
            }
        }
        var counts = XAPIStruct()
        for className in eventClasses where subscriptions.contains(where: { $0.matches(className: className) }) {
            counts[className.lowercased()] = .int(Int64(database.tables[className]?.count ?? 0))
        }
        let value: XAPIValue = .structure(["events": .array(events), "valid_ref_counts": .structure(counts), "token": .string(token)])
        return SimEventAnswer(value: value, isEmpty: events.isEmpty, timeout: max(0, timeout))
    }

    /// The tables events are sent for.
    var eventClasses: [String] { database.tables.keys.sorted() }

    /// Changes after `since`, one per object: the last operation, `add` if the object was created
    /// in the window, and nothing for an object both created and deleted in it (as xapi does).
    func mergedChanges(after since: Int64) -> [SimChange] {
        var merged = OrderedDictionary<String, (first: SimChange.Operation, last: SimChange)>()
        for change in changes[firstChangeIndex(after: since)...] {
            let key = change.className + "/" + change.ref
            if let existing = merged[key] {
                merged[key] = (existing.first, change)
            } else {
                merged[key] = (change.operation, change)
            }
        }
        var result: [SimChange] = []
        for (first, last) in merged.values {
            var change = last
            if last.operation == .del {
                if first == .add { continue }
            } else if first == .add {
                change.operation = .add
            } else {
                change.operation = .mod
            }
            result.append(change)
        }
        return result.sorted { $0.generation < $1.generation }
    }

    private func firstChangeIndex(after since: Int64) -> Int {
        var low = 0
        var high = changes.count
        while low < high {
            let middle = (low + high) / 2
            if changes[middle].generation <= since { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// One event struct as `event.from` (and with `obj_uuid`, `event.next`) sends it.
    func event(_ change: SimChange, withUUID: Bool) -> XAPIValue {
        var fields: XAPIStruct = [
            "id": .string(String(change.generation)), "timestamp": "0.0", "class": .string(change.className.lowercased()),
            "operation": .string(change.operation.rawValue), "ref": .string(change.ref),
        ]
        let snapshot = change.operation == .del ? nil : record(change.className, change.ref)
        if withUUID { fields["obj_uuid"] = .string(snapshot?.string("uuid") ?? "") }
        if let snapshot { fields["snapshot"] = .structure(snapshot) }
        return .structure(fields)
    }

    mutating func inject(className: String, ref: String) throws(SimFailure) -> String {
        guard let table = database.tables.keys.first(where: { $0.lowercased() == className.lowercased() }),
            database.tables[table]?[ref] != nil
        else { throw .handleInvalid(className, ref) }
        record(.mod, table, ref)
        return token
    }

    mutating func eventNext(session: String) throws(SimFailure) -> SimEventAnswer {
        guard var registration = registrations[session] else { throw SimFailure("SESSION_NOT_REGISTERED", session) }
        let subscriptions = registration.classes.map(SimSubscription.init(parsing:))
        defer { registrations[session]?.delivered = generation }
        if eventsLostPending || registration.delivered < historyStart {
            eventsLostPending = false
            throw SimFailure("EVENTS_LOST")
        }
        let pending = changes[firstChangeIndex(after: registration.delivered)...].filter { change in
            subscriptions.contains { $0.matches(change.className, change.ref) }
        }
        guard pending.count <= options.eventQueueLimit else { throw SimFailure("EVENTS_LOST") }
        registration.delivered = generation
        let events = pending.map { event($0, withUUID: true) }
        return SimEventAnswer(value: .array(events), isEmpty: events.isEmpty, timeout: 60)
    }
}

extension String {
    /// `%020d`, the format of each half of an event token.
    init(format020 value: Int64) {
        self = zeroPadded(value)
    }
}

private func zeroPadded(_ value: Int64) -> String {
    let digits = String(value)
    return String(repeating: "0", count: Swift.max(0, 20 - digits.count)) + digits
}

extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
