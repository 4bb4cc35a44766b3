import OrderedCollections
import XAPI

/// The objects of one simulated pool, as plain XAPI structs: class (API spelling, e.g.
/// `VM`, `host`, `VM_metrics`) → ref → fields. Both the data generator and the state.db
/// loader produce it; the simulator's store serves it.
public struct SimDatabase: Sendable, Equatable {
    public var tables: [String: OrderedDictionary<String, XAPIStruct>]

    public init(tables: [String: OrderedDictionary<String, XAPIStruct>] = [:]) { self.tables = tables }

    public subscript(className: String) -> OrderedDictionary<String, XAPIStruct> {
        get { tables[className] ?? [:] }
        set { tables[className] = newValue }
    }

    /// The pool's own record (every database holds exactly one).
    public var poolRef: String? { tables["pool"]?.keys.first }
}
