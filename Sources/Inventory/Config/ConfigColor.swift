import Foundation

/// A colour as config and theme files write it: `#rrggbb`, a 256-colour index (0-255, as a
/// number or text), or a name (`red`, `bright-blue`, `default`).
public enum ConfigColor: Sendable, Hashable, CustomStringConvertible {
    case rgb(UInt8, UInt8, UInt8)
    case indexed(UInt8)
    case named(String)

    /// The sixteen ANSI colours (bright ones as `bright-NAME`), `grey`/`gray`, and `default`.
    public static let names: [String] = {
        let base = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
        return base + base.map { "bright-" + $0 } + ["grey", "gray", "default"]
    }()

    /// Reads a colour; `bright_red` and `brightred` are spelled `bright-red`; case is ignored.
    public init?(_ text: String) {
        let t = text.lowercased()
        if t.hasPrefix("#") {
            let hex = t.dropFirst()
            guard hex.count == 6, let v = UInt32(hex, radix: 16), hex.allSatisfy(\.isHexDigit) else { return nil }
            self = .rgb(UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
        } else if let n = Int(t) {
            guard (0...255).contains(n) else { return nil }
            self = .indexed(UInt8(n))
        } else {
            var name = t.replacingOccurrences(of: "_", with: "-")
            if name.hasPrefix("bright"), !name.hasPrefix("bright-") { name = "bright-" + name.dropFirst(6) }
            guard ConfigColor.names.contains(name) else { return nil }
            self = .named(name)
        }
    }

    public var description: String {
        switch self {
        case .rgb(let r, let g, let b):
            return "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        case .indexed(let n): return String(n)
        case .named(let name): return name
        }
    }
}
