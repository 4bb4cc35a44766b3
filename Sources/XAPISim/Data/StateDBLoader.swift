import OrderedCollections
import XAPI

/// A state.db as read: the tables, and the manifest (schema version, product version, …).
public struct StateDBContents: Sendable, Equatable {
    public var database: SimDatabase
    public var manifest: [String: String]
}

extension SimDatabase {
    /// Reads xapi's `state.db` XML (see `StateDB.read`), typed with the datamodel's schema.
    public static func load(stateDB bytes: [UInt8]) throws -> SimDatabase {
        try StateDB.read(bytes, schema: XAPISchema.lookup).database
    }

    /// Reads xapi's `state.db` XML (see `StateDB.read`), typing every column with `schema`.
    public static func load(stateDB bytes: [UInt8], schema: (String) -> XAPIClassSchema?) throws -> SimDatabase {
        try StateDB.read(bytes, schema: schema).database
    }
}

/// The reader of xapi's `state.db` (`<database><manifest>…</manifest><table name="VM"><row ref=… …/>`).
///
/// - Column names use `__` where the API writes `_` (`name__label` → `name_label`,
///   `memory__static_max` → `memory_static_max`); single underscores stay. The db's own
///   bookkeeping columns (`__ctime`, `__mtime`, `_ref`) are dropped.
/// - Each column is converted to its field's type from `schema`; fields the schema has but the
///   row lacks take the type's default, in the schema's field order, so records are complete.
/// - Columns the schema does not know (fields of other xapi versions) are kept as strings
///   after the known ones; tables of classes the schema does not know keep string values.
/// - `session`, `task` and `event` rows are runtime state xapi discards on restart: skipped.
/// - Then `StateDB.complete` adds what the simulator needs and old dumps lack (see there).
public enum StateDB {
    static let skippedTables: Set<String> = ["session", "task", "event"]

    public static func read(_ bytes: [UInt8], schema: (String) -> XAPIClassSchema?) throws -> StateDBContents {
        var scanner = StateDBScanner(bytes: bytes)
        var manifest = [String: String]()
        var tables = [String: OrderedDictionary<String, XAPIStruct>]()

        // The root element, after any prolog.
        switch try scanner.next() {
        case .open(name: "database", _, let selfClosing, _):
            if selfClosing { return StateDBContents(database: SimDatabase(), manifest: [:]) }
        case .open(let name, _, _, let offset):
            throw scanner.error("expected <database> as the root element, found <\(name)>", at: offset)
        case .close(let name, let offset):
            throw scanner.error("expected <database>, found </\(name)>", at: offset)
        case .end:
            throw scanner.error("no <database> element (empty or not a state.db file)", at: 0)
        }

        loop: while true {
            switch try scanner.next() {
            case .open(name: "manifest", _, let selfClosing, _):
                if !selfClosing { try readManifest(&scanner, into: &manifest) }
            case .open(name: "table", let attributes, let selfClosing, let offset):
                guard let name = attributes.first(where: { $0.name == "name" })?.value, !name.isEmpty else {
                    throw scanner.error("<table> without a name", at: offset)
                }
                let table = try readTable(&scanner, name: name, selfClosing: selfClosing, schema: schema)
                if !skippedTables.contains(name) { tables[name] = table }
            case .open(let name, _, _, let offset):
                throw scanner.error("unexpected <\(name)> in <database>", at: offset)
            case .close(name: "database", _):
                break loop
            case .close(let name, let offset):
                throw scanner.error("unexpected </\(name)> in <database>", at: offset)
            case .end:
                throw scanner.error("the file ends before </database> (truncated?)", at: bytes.count)
            }
        }
        var database = SimDatabase(tables: tables)
        complete(&database, schema: schema)
        return StateDBContents(database: database, manifest: manifest)
    }

    private static func readManifest(_ scanner: inout StateDBScanner, into manifest: inout [String: String]) throws {
        while true {
            switch try scanner.next() {
            case .open(name: "pair", let attributes, let selfClosing, let offset):
                guard let key = attributes.first(where: { $0.name == "key" })?.value,
                    let value = attributes.first(where: { $0.name == "value" })?.value
                else { throw scanner.error("<pair> needs key and value", at: offset) }
                manifest[key] = value
                if !selfClosing { try expectClose(&scanner, "pair") }
            case .open(let name, _, _, let offset):
                throw scanner.error("unexpected <\(name)> in <manifest>", at: offset)
            case .close(name: "manifest", _):
                return
            case .close(let name, let offset):
                throw scanner.error("unexpected </\(name)> in <manifest>", at: offset)
            case .end:
                throw scanner.error("the file ends inside <manifest> (truncated?)", at: scanner.bytes.count)
            }
        }
    }

    private static func expectClose(_ scanner: inout StateDBScanner, _ element: String) throws {
        switch try scanner.next() {
        case .close(let name, _) where name == element: return
        case .close(let name, let offset): throw scanner.error("expected </\(element)>, found </\(name)>", at: offset)
        case .open(let name, _, _, let offset): throw scanner.error("expected </\(element)>, found <\(name)>", at: offset)
        case .end: throw scanner.error("the file ends inside <\(element)> (truncated?)", at: scanner.bytes.count)
        }
    }

    private static func readTable(
        _ scanner: inout StateDBScanner, name: String, selfClosing: Bool, schema: (String) -> XAPIClassSchema?
    ) throws -> OrderedDictionary<String, XAPIStruct> {
        var rows = OrderedDictionary<String, XAPIStruct>()
        if selfClosing { return rows }
        let classSchema = schema(name)
        let template = classSchema?.defaultRecord ?? [:]
        var types = [String: XAPIFieldType]()
        for field in classSchema?.fields ?? [] { types[field.name] = field.type }
        var fieldNames = [String: String?]()  // column → field, nil for bookkeeping columns

        while true {
            switch try scanner.next() {
            case .open(name: "row", let attributes, let rowSelfClosing, let offset):
                var ref: String? = nil
                var record = template
                for (column, text) in attributes {
                    if column == "ref" { ref = text; continue }
                    let field: String?
                    if let cached = fieldNames[column] {
                        field = cached
                    } else {
                        field = fieldName(column: column)
                        fieldNames[column] = field
                    }
                    guard let field else { continue }
                    if let type = types[field] {
                        guard let value = StateDBValue.convert(text, as: type) else {
                            throw scanner.error("table \(name), column \(column): \"\(text.prefix(80))\" is not a \(describe(type))", at: offset)
                        }
                        record[field] = value
                    } else {
                        record[field] = .string(text)
                    }
                }
                guard let ref, !ref.isEmpty else { throw scanner.error("a row of table \(name) has no ref", at: offset) }
                rows[ref] = record
                if !rowSelfClosing { try expectClose(&scanner, "row") }
            case .open(let element, _, _, let offset):
                throw scanner.error("unexpected <\(element)> in table \(name)", at: offset)
            case .close(name: "table", _):
                return rows
            case .close(let element, let offset):
                throw scanner.error("unexpected </\(element)> in table \(name)", at: offset)
            case .end:
                throw scanner.error("the file ends inside table \(name) (truncated?)", at: scanner.bytes.count)
            }
        }
    }

    /// `name__label` → `name_label`; nil for the db's bookkeeping columns.
    static func fieldName(column: String) -> String? {
        if column == "_ref" || column.hasPrefix("__") { return nil }
        return column.replacing("__", with: "_")
    }

    private static func describe(_ type: XAPIFieldType) -> String {
        switch type {
        case .string: return "string"
        case .int: return "int"
        case .float: return "float"
        case .bool: return "bool"
        case .datetime: return "datetime"
        case .ref(let target): return "\(target) ref"
        case .enumeration(let name): return "enum \(name)"
        case .set(let element): return "\(describe(element)) set"
        case .map(let key, let value): return "(\(describe(key)) -> \(describe(value))) map"
        case .record(let name): return "\(name) record"
        }
    }
}
