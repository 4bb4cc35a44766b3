/// The file name of one pool's cache: a readable prefix taken from the pool name (letters,
/// digits, `-` and `_` only, so a name can never reach outside the folder) and a hash of the
/// configured name and master URL, so two pools with the same name do not share a file.
enum InventoryCacheFileName {
    static func make(pool name: String, url: String) -> String {
        let readable = String(
            name.unicodeScalars.lazy.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
                .prefix(32).map(Character.init))
        let key = Array(name.utf8) + [0] + Array(url.utf8)
        // Two FNV-1a passes with different offsets: 128 bits, plenty to tell a user's pools apart.
        let hash = hex(fnv1a(key, offset: 0xcbf2_9ce4_8422_2325)) + hex(fnv1a(key, offset: 0x6c62_272e_07bb_0142))
        return (readable.isEmpty ? "pool" : readable) + "-" + hash + ".json"
    }

    private static func fnv1a(_ bytes: [UInt8], offset: UInt64) -> UInt64 {
        var hash = offset
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
