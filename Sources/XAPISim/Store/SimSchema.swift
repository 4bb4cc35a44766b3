import XAPI

/// The simulator's view of the datamodel: which fields a record has and which are writable.
/// Classes the datamodel does not know fall back to the fields their records store.
enum SimSchema {
    /// Fields writable when a class is missing from the datamodel.
    static let fallbackWritableFields: Set<String> = ["name_label", "name_description", "tags", "other_config"]

    /// A record of every class with each field at its default, built once.
    static let defaultRecords: [String: XAPIStruct] = XAPISchema.classes.mapValues(\.defaultRecord)

    static func classSchema(_ className: String) -> XAPIClassSchema? { XAPISchema.classes[className] }

    /// `stored` with the datamodel's defaults appended for the fields it lacks.
    static func complete(_ className: String, _ stored: XAPIStruct) -> XAPIStruct {
        guard let defaults = defaultRecords[className] else { return stored }
        var record = stored
        for (key, value) in defaults where record.index(forKey: key) == nil { record[key] = value }
        return record
    }

    static func isWritable(_ className: String, _ field: String) -> Bool {
        if let schema = classSchema(className) { return schema.field(field)?.writable ?? false }
        return fallbackWritableFields.contains(field)
    }
}
