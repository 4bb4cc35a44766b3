import OrderedCollections
import XAPI

/// Everything one simulated pool holds. Plain value type, mutated only under `SimPool`'s lock.
struct SimState {
    var database: SimDatabase
    var options: SimPoolOptions
    var random: SimRandom

    /// session ref → record (kept apart from the tables: xapi sends no events for sessions).
    var sessions: [String: XAPIStruct] = [:]
    /// The last change's generation; a token names one.
    var generation: Int64 = 0
    /// Changes newer than `historyStart`, oldest first.
    var changes: [SimChange] = []
    var historyStart: Int64 = 0
    /// How many changes were to messages (the second part of a token).
    var messageGeneration: Int64 = 0
    /// Set by `SimPool.loseEvents()`: the next event call raises EVENTS_LOST.
    var eventsLostPending = false
    /// `event.register` subscriptions: session → (classes, generation already delivered).
    var registrations: [String: EventRegistration] = [:]
    /// Tasks the churn started, destroyed a while after they end (nobody else will).
    var churnTasks: [String] = []
    /// Async operations still running, by task ref.
    var runningTasks: OrderedDictionary<String, RunningTask> = [:]
    /// Where console locations point (the listener serving this pool), once a server serves it.
    var consoleBase: String?

    init(database: SimDatabase, options: SimPoolOptions) {
        self.database = database
        self.options = options
        self.random = SimRandom(seed: options.seed)
        for className in ["task", "message"] where database.tables[className] == nil { self.database.tables[className] = [:] }
        // Records are completed once here and on insert, so reads hand out stored records as they are.
        for (className, table) in self.database.tables where SimSchema.defaultRecords[className] != nil {
            self.database.tables[className] = table.mapValues { SimSchema.complete(className, $0) }
        }
    }

    var now: Double { options.clock() }
    var nowDateTime: XAPIDateTime { XAPIDateTime(secondsSinceEpoch: Int64(now.rounded(.down))) }

    // MARK: Reading

    func table(_ className: String) -> OrderedDictionary<String, XAPIStruct>? {
        if className == "session" { return OrderedDictionary(uniqueKeysWithValues: sessions.map { ($0.key, $0.value) }) }
        return database.tables[className]
    }

    func stored(_ className: String, _ ref: String) -> XAPIStruct? {
        className == "session" ? sessions[ref] : database.tables[className]?[ref]
    }

    /// The record as `get_record` returns it: every field of the class (stored records are complete).
    func record(_ className: String, _ ref: String) -> XAPIStruct? { stored(className, ref) }

    func requireRecord(_ className: String, _ ref: String) throws(SimFailure) -> XAPIStruct {
        guard let record = record(className, ref) else { throw .handleInvalid(className, ref) }
        return record
    }

    func field(_ className: String, _ ref: String, _ name: String) -> XAPIValue? { record(className, ref)?[name] }

    /// The ref of the object of `className` with this uuid.
    func ref(of className: String, uuid: String) -> String? {
        table(className)?.first { $0.value["uuid"]?.stringValue == uuid }?.key
    }

    // MARK: Writing (every write records its change)

    mutating func record(_ change: SimChange.Operation, _ className: String, _ ref: String) {
        generation += 1
        if className == "message" { messageGeneration += 1 }
        changes.append(SimChange(generation: generation, className: className, ref: ref, operation: change))
        let limit = max(options.eventHistoryLimit, 1)
        if changes.count > limit + limit / 10 + 1 {
            let dropped = changes.count - limit
            historyStart = changes[dropped - 1].generation
            changes.removeFirst(dropped)
        }
    }

    mutating func insert(_ className: String, _ ref: String, _ fields: XAPIStruct) {
        database.tables[className, default: [:]][ref] = SimSchema.complete(className, fields)
        record(.add, className, ref)
    }

    /// Applies `body` to the stored record; records a `mod` only if something changed.
    mutating func update(_ className: String, _ ref: String, _ body: (inout XAPIStruct) throws(SimFailure) -> Void)
        throws(SimFailure)
    {
        guard var fields = database.tables[className]?[ref] else { throw .handleInvalid(className, ref) }
        let before = fields
        try body(&fields)
        guard fields != before else { return }
        database.tables[className]?[ref] = fields
        record(.mod, className, ref)
    }

    /// Like `update` for objects that may be missing (a VM's metrics ref may be NULL).
    mutating func updateIfPresent(_ className: String, _ ref: String?, _ body: (inout XAPIStruct) -> Void) {
        guard let ref, database.tables[className]?[ref] != nil else { return }
        try? update(className, ref) { (fields: inout XAPIStruct) throws(SimFailure) in body(&fields) }
    }

    mutating func delete(_ className: String, _ ref: String) {
        guard database.tables[className]?.removeValue(forKey: ref) != nil else { return }
        record(.del, className, ref)
    }

    mutating func newRef() -> String { random.ref() }
    mutating func newUUID() -> String { random.uuid() }
}

struct EventRegistration {
    var classes: [String]
    var delivered: Int64
}

/// An `Async.*` call in progress: what it does and when it ends.
struct RunningTask {
    var action: SimAction
    var started: Double
    var finishes: Double
    var cancelling = false
}
