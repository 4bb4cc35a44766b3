import Foundation
@testable import XAPI

/// Where the shared references sit: `../shared` beside the package root, which is three
/// levels up from this file (Tests/XAPITests/RecordTestSupport.swift).
enum SharedFolder {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let root: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let datamodel: URL = root.appendingPathComponent("xapi/datamodel")
    static let vmFixture: URL = root.appendingPathComponent("xapi/fixtures/jsonrpc-spec/vm_get_all_records.json")

    static var exists: Bool { FileManager.default.fileExists(atPath: datamodel.appendingPathComponent("xenapi.json").path) }
}

/// Turns JSON bytes into an `XAPIValue` through Foundation, for tests only, until the
/// JSON-RPC codec can read bytes itself.
enum FoundationJSON {
    struct Unsupported: Error { let what: String }

    static func value(_ data: Data) throws -> XAPIValue {
        try convert(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
    }

    static func convert(_ object: Any) throws -> XAPIValue {
        switch object {
        case is NSNull:
            return .null
        case let string as String:
            return .string(string)
        case let number as NSNumber:
            switch String(cString: number.objCType) {
            case "c", "B": return .bool(number.boolValue)
            case "d", "f": return .double(number.doubleValue)
            default: return .int(number.int64Value)
            }
        case let array as [Any]:
            return .array(try array.map(convert))
        case let dictionary as [String: Any]:
            var members = XAPIStruct()
            for key in dictionary.keys.sorted() { members[key] = try convert(dictionary[key]!) }
            return .structure(members)
        default:
            throw Unsupported(what: "\(type(of: object))")
        }
    }
}

/// A complete record of a class with a non-default value in every field, built from the schema,
/// so round trips cover every field of every generated record.
enum SampleRecord {
    static func value(for schema: XAPIClassSchema) -> XAPIValue {
        var members = XAPIStruct()
        for field in schema.fields { members[field.name] = sample(field.type, name: field.name) }
        return .structure(members)
    }

    static func sample(_ type: XAPIFieldType, name: String) -> XAPIValue {
        switch type {
        case .string: return .string("s-\(name)")
        case .int: return .int(42)
        case .float: return .double(2.5)
        case .bool: return .bool(true)
        case .datetime: return .dateTime(XAPIDateTime(secondsSinceEpoch: 1_600_000_000))
        case .ref: return .string("OpaqueRef:\(name)")
        case .enumeration(let enumName): return .string(XAPISchema.enums[enumName]?.last ?? "missing-enum")
        case .set(let element): return .array([sample(element, name: name)])
        case .map(let key, let value):
            return .structure([sampleKey(key): sample(value, name: name)])
        case .record: return .structure([:])
        }
    }

    static func sampleKey(_ type: XAPIFieldType) -> String {
        switch type {
        case .int: return "7"
        case .ref: return "OpaqueRef:key"
        case .enumeration(let enumName): return XAPISchema.enums[enumName]?.first ?? "missing-enum"
        default: return "key"
        }
    }
}

extension XAPIValue {
    /// The same struct with one member replaced (or added).
    func setting(_ name: String, to value: XAPIValue) -> XAPIValue {
        guard case .structure(var members) = self else { return self }
        members[name] = value
        return .structure(members)
    }
}
