/// Every class, field, message and enum of the datamodel, for the simulator and for
/// generic code that handles classes without a typed record. The tables live in
/// `Generated/XAPISchemaTable.swift` as text and are read once, on first use.
public enum XAPISchema {
    /// Every class of the datamodel, keyed by the class name as the API spells it (`VM`, `host`).
    public static let classes: [String: XAPIClassSchema] = readClassTable(classTable)

    /// Enum name (`vm_power_state`) to its wire values (`Halted`, `Paused`, …), in datamodel order.
    public static let enums: [String: [String]] = readEnumTable(enumTable)

    private static let classesByLowercaseName: [String: XAPIClassSchema] = Dictionary(
        classes.values.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })

    /// The class of that name in any letter case (events send `vm_metrics`, the API `VM_metrics`).
    public static func lookup(_ name: String) -> XAPIClassSchema? {
        classes[name] ?? classesByLowercaseName[name.lowercased()]
    }

    /// The generated table is checked by the tests to read completely; a line this reader
    /// does not understand is left out rather than stopping the program.
    static func readClassTable(_ text: String) -> [String: XAPIClassSchema] {
        var result: [String: XAPIClassSchema] = [:]
        var name: String?
        var fields: [XAPIFieldSchema] = []
        var messages: [String] = []
        func finish() {
            if let name { result[name] = XAPIClassSchema(name: name, fields: fields, messages: messages) }
            fields = []
            messages = []
        }
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ", maxSplits: 3)
            guard let kind = words.first else { continue }
            switch kind {
            case "class" where words.count == 2:
                finish()
                name = String(words[1])
            case "field" where words.count == 4:
                let access = words[2]
                guard let type = XAPIFieldType(datamodel: String(words[3])) else { continue }
                fields.append(XAPIFieldSchema(
                    name: String(words[1]), type: type, writable: access.hasPrefix("RW"),
                    removed: access.hasSuffix("-removed")))
            case "messages":
                messages = line.split(separator: " ").dropFirst().map(String.init)
            default:
                continue
            }
        }
        finish()
        return result
    }

    static func readEnumTable(_ text: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            guard let name = words.first else { continue }
            result[name] = Array(words.dropFirst())
        }
        return result
    }
}
