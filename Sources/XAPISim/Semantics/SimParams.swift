import XAPI

/// The parameters of one call, read with the coercions xapi's rpclib applies.
struct SimParams {
    var method: String
    var values: [XAPIValue]

    var count: Int { values.count }

    func value(_ index: Int) -> XAPIValue { index < values.count ? values[index] : .null }

    func string(_ index: Int) throws(SimFailure) -> String {
        switch value(index) {
        case .string(let s): return s
        case .int(let i): return String(i)
        default: throw SimFailure("FIELD_TYPE_ERROR", "param \(index)")
        }
    }

    func int(_ index: Int) throws(SimFailure) -> Int64 {
        guard let i = value(index).intValue else { throw SimFailure("FIELD_TYPE_ERROR", "param \(index)") }
        return i
    }

    func double(_ index: Int) throws(SimFailure) -> Double {
        guard let d = value(index).doubleValue else { throw SimFailure("FIELD_TYPE_ERROR", "param \(index)") }
        return d
    }

    func bool(_ index: Int) throws(SimFailure) -> Bool {
        guard let b = value(index).boolValue else { throw SimFailure("FIELD_TYPE_ERROR", "param \(index)") }
        return b
    }

    func strings(_ index: Int) throws(SimFailure) -> [String] {
        guard case .array(let items) = value(index) else { throw SimFailure("FIELD_TYPE_ERROR", "param \(index)") }
        var result: [String] = []
        for item in items {
            guard let s = item.stringValue else { throw SimFailure("FIELD_TYPE_ERROR", "param \(index)") }
            result.append(s)
        }
        return result
    }

    func map(_ index: Int) throws(SimFailure) -> XAPIStruct {
        guard case .structure(let fields) = value(index) else { throw SimFailure("FIELD_TYPE_ERROR", "param \(index)") }
        return fields
    }

    /// Raises MESSAGE_PARAMETER_COUNT_MISMATCH unless the call has between `minimum` and `maximum` params.
    func expect(_ minimum: Int, _ maximum: Int? = nil) throws(SimFailure) {
        let maximum = maximum ?? minimum
        guard (minimum...maximum).contains(values.count) else {
            throw SimFailure("MESSAGE_PARAMETER_COUNT_MISMATCH", method, String(maximum), String(values.count))
        }
    }
}
