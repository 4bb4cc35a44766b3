import Foundation
import XAPI

/// What a cache file says about itself, written before the records so a foreign or old file is
/// turned away before any record is decoded.
public struct InventoryCacheHeader: Sendable, Hashable {
    public var formatVersion: Int64
    public var xentuiVersion: String
    public var savedAt: Date
    /// The pool's configured name and master URL: the file's key.
    public var pool: String
    public var url: String
}

/// The cache file: one JSON document, written with the JSON-RPC writer and read back with the
/// byte-level JSON decoder straight into typed records, as `get_all_records` replies are:
///
///     {"format":"xentui-inventory-cache","version":1,"xentui":"0.1.0","saved":1764000000.5,
///      "pool":"prod","url":"https://…","classes":{"pool":{"OpaqueRef:…":{…}},"host":{…},…}}
enum InventoryCacheDocument {
    static let formatName = "xentui-inventory-cache"
    /// Bump when the layout changes; files in another format are ignored, not migrated.
    static let formatVersion: Int64 = 1

    enum Problem: Error {
        case notACache
        case otherFormat(version: Int64, xentui: String)
        case malformed(String)
    }

    static func encode(_ inventory: PoolInventory, header: InventoryCacheHeader) -> [UInt8] {
        var writer = JSONWriter(capacity: 1 << 16)
        writer.beginStruct()
        writer.member("format") { $0.writeString(formatName) }
        writer.member("version") { $0.writeInt(header.formatVersion) }
        writer.member("xentui") { $0.writeString(header.xentuiVersion) }
        writer.member("saved") { $0.writeDouble(header.savedAt.timeIntervalSince1970) }
        writer.member("pool") { $0.writeString(header.pool) }
        writer.member("url") { $0.writeString(header.url) }
        writer.beginMember("classes")
        writer.beginStruct()
        for cached in CachedRecordClass.all {
            writer.beginMember(cached.name)
            cached.write(inventory, &writer)
            writer.endMember()
        }
        writer.endStruct()
        writer.endMember()
        writer.endStruct()
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8]) throws(Problem) -> (InventoryCacheHeader, PoolInventory) {
        var format: String?
        var version: Int64?
        var xentui = ""
        var saved: Double?
        var pool: String?
        var url: String?
        var inventory: PoolInventory?
        do {
            try JSONRPCDecoder.decode(bytes) { decoder in
                try decoder.decodeStruct { member, key in
                    if key == "format" {
                        format = try member.decodeString()
                    } else if key == "version" {
                        version = try member.decodeInt()
                    } else if key == "xentui" {
                        xentui = try member.decodeString()
                    } else if key == "saved" {
                        saved = try member.decodeDouble()
                    } else if key == "pool" {
                        pool = try member.decodeString()
                    } else if key == "url" {
                        url = try member.decodeString()
                    } else if key == "classes" {
                        guard format == formatName else { throw Problem.notACache }
                        guard let version, version == formatVersion else {
                            throw Problem.otherFormat(version: version ?? 0, xentui: xentui)
                        }
                        var records = PoolInventory(name: pool ?? "")
                        try decodeClasses(&member, into: &records)
                        inventory = records
                    } else {
                        try member.skipValue()
                    }
                }
            }
        } catch let problem as Problem {
            throw problem
        } catch let error as XAPIDecodingError {
            throw format == nil && version == nil ? .notACache : .malformed("truncated or malformed: \(error)")
        } catch {
            throw .malformed("\(error)")
        }
        guard format == formatName else { throw .notACache }
        guard let inventory, let saved, let pool, let url, let version else {
            throw .malformed("the header or the records are missing")
        }
        let header = InventoryCacheHeader(
            formatVersion: version, xentuiVersion: xentui, savedAt: Date(timeIntervalSince1970: saved), pool: pool, url: url)
        return (header, inventory)
    }

    private static func decodeClasses(_ decoder: inout JSONRPCDecoder, into inventory: inout PoolInventory) throws {
        let classes = CachedRecordClass.all
        try decoder.decodeStruct { member, key in
            guard let cached = classes.first(where: { key == $0.name }) else { return try member.skipValue() }
            do {
                try cached.read(&inventory, &member)
            } catch let error as XAPIDecodingError {
                throw error.inField(cached.name)
            }
        }
    }
}
