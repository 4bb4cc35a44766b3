import XAPI

/// The simulator's view of the datamodel: which fields a record has and which are writable.
/// It uses the generated schema when present and otherwise falls back to the fields stored.
enum SimSchema {
    /// Fields the UI edits, writable in every class that has them (used when no schema is known).
    static let commonWritableFields: Set<String> = [
        "name_label", "name_description", "tags", "other_config", "blocked_operations", "affinity",
        "xenstore_data", "ha_restart_priority", "order", "start_delay", "shutdown_delay", "is_a_template",
        "VCPUs_at_startup", "VCPUs_max", "suspend_SR", "default_SR", "crash_dump_SR", "suspend_image_SR",
        "logging", "sharable", "read_only", "name", "body", "priority",
    ]

    static func classSchema(_ className: String) -> XAPIClassSchema? { nil }

    /// `stored` with the schema's defaults added for the fields it lacks.
    static func complete(_ className: String, _ stored: XAPIStruct) -> XAPIStruct {
        guard let schema = classSchema(className) else { return stored }
        var record = schema.defaultRecord
        for (key, value) in stored { record[key] = value }
        return record
    }

    static func isWritable(_ className: String, _ field: String) -> Bool {
        if let schema = classSchema(className) { return schema.field(field)?.writable ?? false }
        return commonWritableFields.contains(field)
    }

    /// Every message name of the class the datamodel knows (for `system.listMethods`), if known.
    static func messages(_ className: String) -> [String]? { classSchema(className)?.messages }
}
