import XAPI

/// Small accessors for the loosely typed fields of stored records.
extension XAPIStruct {
    func string(_ key: String) -> String { self[key]?.stringValue ?? "" }
    func int(_ key: String) -> Int64 { self[key]?.intValue ?? 0 }
    func bool(_ key: String) -> Bool { self[key]?.boolValue ?? false }
    func refs(_ key: String) -> [String] { self[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
    func map(_ key: String) -> XAPIStruct { self[key]?.structValue ?? [:] }

    mutating func append(ref: String, to key: String) {
        var list = refs(key)
        guard !list.contains(ref) else { return }
        list.append(ref)
        self[key] = .array(list.map { .string($0) })
    }

    mutating func remove(ref: String, from key: String) {
        let list = refs(key)
        guard list.contains(ref) else { return }
        self[key] = .array(list.filter { $0 != ref }.map { .string($0) })
    }
}

let nullRef = "OpaqueRef:NULL"

func isNullRef(_ ref: String) -> Bool { ref.isEmpty || ref == nullRef }
