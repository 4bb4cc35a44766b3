import Foundation

/// A pinned TLS public key: `sha256//` and the base64 of the SHA-256 of the host's
/// SubjectPublicKeyInfo (curl's `CURLOPT_PINNEDPUBLICKEY` form).
public enum PoolPin {
    public static let prefix = "sha256//"

    /// Nil when `text` is a valid pin, else what is wrong with it.
    public static func problem(with text: String) -> String? {
        guard text.hasPrefix(prefix) else {
            return "bad pin \"\(text)\": expected sha256//BASE64 (the base64 of a SHA-256 digest)"
        }
        let encoded = String(text.dropFirst(prefix.count))
        guard let digest = Data(base64Encoded: encoded) else {
            return "bad pin \"\(text)\": \"\(encoded)\" is not base64"
        }
        guard digest.count == 32 else {
            return "bad pin \"\(text)\": a SHA-256 digest has 32 bytes, this one has \(digest.count)"
        }
        return nil
    }
}
