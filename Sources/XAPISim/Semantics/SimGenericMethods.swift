import OrderedCollections
import XAPI

/// The getters and setters every class has (`get_record`, `get_<field>`, `set_<field>`, `add_tags`…).
extension SimState {
    /// Field names of a class: the schema's, or else those its stored records use.
    func fieldNames(_ className: String) -> [String] {
        var names = OrderedSet<String>(SimSchema.classSchema(className)?.fields.map(\.name) ?? [])
        for record in (table(className) ?? [:]).values.prefix(50) { names.append(contentsOf: record.keys) }
        return Array(names)
    }

    func genericMethodNames(_ className: String) -> [String] {
        let fields = fieldNames(className)
        var names = ["get_all", "get_all_records", "get_record", "get_by_uuid"]
        if fields.contains("name_label") { names.append("get_by_name_label") }
        for field in fields {
            names.append("get_\(field)")
            guard SimSchema.isWritable(className, field), className != "session" else { continue }
            names.append("set_\(field)")
            switch SimSchema.classSchema(className)?.field(field)?.type.defaultValue ?? table(className)?.values.first?[field] {
            case .structure?: names += ["add_to_\(field)", "remove_from_\(field)"]
            case .array?: names += ["add_\(field)", "remove_\(field)"]
            default: break
            }
        }
        return names
    }

    mutating func genericCall(_ className: String, _ name: String, _ params: SimParams) throws(SimFailure) -> XAPIValue {
        let unknown = SimFailure("MESSAGE_METHOD_UNKNOWN", params.method)
        let records = table(className) ?? [:]
        switch name {
        case "get_all":
            try params.expect(1)
            try requireSession(params)
            return .array(records.keys.map { .string($0) })
        case "get_all_records":
            try params.expect(1)
            try requireSession(params)
            var result = XAPIStruct()
            result.reserveCapacity(records.count)
            for ref in records.keys { result[ref] = .structure(record(className, ref) ?? [:]) }
            return .structure(result)
        case "get_record":
            try params.expect(2)
            try requireSession(params)
            return .structure(try requireRecord(className, try params.string(1)))
        case "get_by_uuid":
            try params.expect(2)
            try requireSession(params)
            let uuid = try params.string(1)
            guard let ref = ref(of: className, uuid: uuid) else { throw SimFailure("UUID_INVALID", className, uuid) }
            return .string(ref)
        case "get_by_name_label" where fieldNames(className).contains("name_label"):
            try params.expect(2)
            try requireSession(params)
            let label = try params.string(1)
            return .array(records.filter { $0.value.string("name_label") == label }.keys.map { .string($0) })
        default:
            break
        }
        let fields = fieldNames(className)
        if name.hasPrefix("get_"), fields.contains(String(name.dropFirst(4))) {
            try params.expect(2)
            try requireSession(params)
            let field = String(name.dropFirst(4))
            return try requireRecord(className, try params.string(1))[field] ?? .string("")
        }
        guard className != "session", let (field, kind) = setterTarget(name, fields: fields) else { throw unknown }
        guard SimSchema.isWritable(className, field) else { throw unknown }
        try params.expect(kind == .addToMap ? 4 : 3)
        try requireSession(params)
        let ref = try params.string(1)
        let current = try requireRecord(className, ref)[field] ?? .null
        let newValue = try changedValue(current, kind, params, className: className, field: field, ref: ref)
        try update(className, ref) { (fields: inout XAPIStruct) throws(SimFailure) in fields[field] = newValue }
        if className == "VM", field == "blocked_operations" { refreshAllowedOperations(vm: ref) }
        return .string("")
    }

    enum SetterKind: Equatable { case set, addToMap, removeFromMap, addToSet, removeFromSet }

    private func setterTarget(_ name: String, fields: [String]) -> (String, SetterKind)? {
        let prefixes: [(String, SetterKind)] = [
            ("set_", .set), ("add_to_", .addToMap), ("remove_from_", .removeFromMap), ("add_", .addToSet),
            ("remove_", .removeFromSet),
        ]
        for (prefix, kind) in prefixes where name.hasPrefix(prefix) {
            let field = String(name.dropFirst(prefix.count))
            if fields.contains(field) { return (field, kind) }
        }
        return nil
    }

    private func changedValue(
        _ current: XAPIValue, _ kind: SetterKind, _ params: SimParams, className: String, field: String, ref: String
    ) throws(SimFailure) -> XAPIValue {
        switch kind {
        case .set:
            return try coerce(params.value(2), like: current, field: field)
        case .addToMap, .removeFromMap:
            guard case .structure(var map) = current else { throw SimFailure("FIELD_TYPE_ERROR", field) }
            let key = try params.string(2)
            if kind == .addToMap {
                guard map[key] == nil else {
                    throw SimFailure("MAP_DUPLICATE_KEY", className, field, ref, key)
                }
                map[key] = .string(try params.string(3))
            } else {
                map.removeValue(forKey: key)
            }
            return .structure(map)
        case .addToSet, .removeFromSet:
            guard case .array(var items) = current else { throw SimFailure("FIELD_TYPE_ERROR", field) }
            let item = XAPIValue.string(try params.string(2))
            if kind == .addToSet {
                if !items.contains(item) { items.append(item) }
            } else {
                items.removeAll { $0 == item }
            }
            return .array(items)
        }
    }

    /// The new value in the stored value's type (ints may arrive as strings over XML-RPC).
    private func coerce(_ value: XAPIValue, like current: XAPIValue, field: String) throws(SimFailure) -> XAPIValue {
        let wrongType = SimFailure("FIELD_TYPE_ERROR", field)
        switch current {
        case .string: guard let s = value.stringValue else { throw wrongType }; return .string(s)
        case .int: guard let i = value.intValue else { throw wrongType }; return .int(i)
        case .double: guard let d = value.doubleValue else { throw wrongType }; return .double(d)
        case .bool: guard case .bool = value else { throw wrongType }; return value
        case .array: guard case .array = value else { throw wrongType }; return value
        case .structure: guard case .structure = value else { throw wrongType }; return value
        case .dateTime, .null: return value
        }
    }
}
