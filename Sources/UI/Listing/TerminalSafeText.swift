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
