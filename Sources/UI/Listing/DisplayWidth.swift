/// Terminal cells a string takes: East Asian wide characters and emoji take two, combining
/// marks and zero-width characters none, everything else one. (A small copy for the listing;
/// the Terminal module has the full one.)
public func displayWidth(_ s: String) -> Int {
    s.reduce(0) { $0 + displayWidth(of: $1) }
}

/// Cells one grapheme cluster takes.
func displayWidth(of character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    // An emoji presentation selector makes the cluster an emoji (two cells).
    if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
    if first.properties.isEmojiPresentation { return 2 }
    return scalarWidth(first)
}

func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    case .control: return 0
    default: break
    }
    if v == 0x200B { return 0 }
    let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
    return wide.contains { $0.contains(v) } ? 2 : 1
}

/// Text safe to print on a terminal: control, format and separator characters are shown
/// escaped (`\n`, `\t`, `\u{1B}`…), so a hostile name cannot move the cursor or recolour
/// the terminal.
public func terminalSafe(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isHidden) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if isHidden(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out
}

private func isHidden(_ scalar: Unicode.Scalar) -> Bool {
    // Zero-width joiners stay: they are part of emoji sequences.
    if scalar.value == 0x200D { return false }
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse: return true
    default: return false
    }
}
