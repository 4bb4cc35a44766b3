/// One change to one object, as the event log records it.
struct SimChange: Sendable, Equatable {
    enum Operation: String, Sendable { case add, mod, del }

    var generation: Int64
    /// The class as the API spells it (`VM_metrics`).
    var className: String
    var ref: String
    var operation: Operation
}
