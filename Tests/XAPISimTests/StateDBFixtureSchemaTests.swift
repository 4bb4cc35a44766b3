import Foundation
import Testing
import XAPI

/// Where /work/shared is: beside the package root (3 levels above this file).
enum SharedFixtures {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared")

    static var available: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("xapi").path) }

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(relative)))
    }

    static let stateDBs = ["state1.xml", "boston-db.xml", "small_vms.xml", "TampaTwoHostPoolSelectioniSCSI.xml"]
}

/// A schema read straight from the datamodel's xenapi.json, independent of the generated one,
/// so the state.db reader can be tested against the real field types.
enum FixtureSchema {
    static let classes: [String: XAPIClassSchema] = {
        guard let data = try? Data(contentsOf: SharedFixtures.root.appendingPathComponent("xapi/datamodel/xenapi.json")),
            let json = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        else { return [:] }
        var result = [String: XAPIClassSchema]()
        for cls in json {
            guard let name = cls["name"] as? String, let fields = cls["fields"] as? [[String: Any]] else { continue }
            let parsed = fields.compactMap { field -> XAPIFieldSchema? in
                guard let fieldName = field["name"] as? String, let type = (field["type"] as? String).flatMap(parseType)
                else { return nil }
                return XAPIFieldSchema(name: fieldName, type: type, writable: (field["qualifier"] as? String) == "RW")
            }
            result[name] = XAPIClassSchema(name: name, fields: parsed, messages: [])
        }
        return result
    }()

    static func lookup(_ name: String) -> XAPIClassSchema? { classes[name] }

    static func parseType(_ text: String) -> XAPIFieldType? {
        switch text {
        case "string": return .string
        case "int": return .int
        case "float": return .float
        case "bool": return .bool
        case "datetime": return .datetime
        default: break
        }
        if text.hasPrefix("("), text.hasSuffix(") map") {
            let inner = text.dropFirst().dropLast(5)
            guard let arrow = inner.range(of: " -> ") else { return nil }
            guard let key = parseType(String(inner[..<arrow.lowerBound])), let value = parseType(String(inner[arrow.upperBound...]))
            else { return nil }
            return .map(key, value)
        }
        if text.hasSuffix(" set") { return parseType(String(text.dropLast(4))).map { .set($0) } }
        if text.hasSuffix(" ref") { return .ref(String(text.dropLast(4))) }
        if text.hasSuffix(" record") { return .record(String(text.dropLast(7))) }
        if text.hasPrefix("enum ") { return .enumeration(String(text.dropFirst(5))) }
        return nil
    }
}

@Suite struct StateDBFixtureSchemaTests {
    @Test(.enabled(if: SharedFixtures.available, "skipped: /work/shared (the datamodel) is not beside the package"))
    func datamodelTypesParse() throws {
        #expect(FixtureSchema.classes.count == 67)
        let vm = try #require(FixtureSchema.lookup("VM"))
        #expect(vm.field("memory_static_max")?.type == .int)
        #expect(vm.field("blocked_operations")?.type == .map(.enumeration("vm_operations"), .string))
        #expect(vm.field("VIFs")?.type == .set(.ref("VIF")))
        #expect(FixtureSchema.lookup("VM_metrics")?.field("VCPUs_flags")?.type == .map(.int, .set(.string)))
    }
}
