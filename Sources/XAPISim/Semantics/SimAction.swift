import XAPI

/// A call that changes the pool and may run as a task (`Async.VM.start`…).
struct SimAction: Sendable {
    var className: String
    var name: String
    /// The object acted on.
    var ref: String
    /// The params after the session and the object.
    var params: [XAPIValue]

    var methodName: String { "\(className).\(name)" }

    /// Params the calls take after the session, including the object: (minimum, maximum).
    static let arity: [String: [String: (Int, Int)]] = [
        "VM": [
            "start": (3, 3), "start_on": (4, 4), "clean_shutdown": (1, 1), "hard_shutdown": (1, 1), "shutdown": (1, 1),
            "clean_reboot": (1, 1), "hard_reboot": (1, 1), "suspend": (1, 1), "resume": (3, 3), "resume_on": (4, 4),
            "pause": (1, 1), "unpause": (1, 1), "pool_migrate": (3, 3), "snapshot": (2, 3), "clone": (2, 2),
            "copy": (3, 3), "destroy": (1, 1),
        ],
        "host": ["disable": (1, 1), "enable": (1, 1)],
        "SR": ["scan": (1, 1)],
    ]

    /// The object and the params, indexed as the call numbers them after the session.
    var arguments: SimParams { SimParams(method: methodName, values: [.string(ref)] + params) }
}
