import Terminal

/// A resolved theme: one `CellStyle` per role.
public struct Theme: Sendable {
    public let name: String
    let styles: [ThemeRole: CellStyle]

    public init(name: String, styles: [ThemeRole: CellStyle]) {
        self.name = name
        self.styles = styles
    }

    /// The role's style; a role the theme leaves out gets the terminal's defaults.
    public func style(_ role: ThemeRole) -> CellStyle {
        styles[role] ?? .plain
    }

    /// The role's style on top of `base`: colours the role leaves at `.default` come from
    /// `base` (a selected row's background under a power glyph), attributes add up.
    public func style(_ role: ThemeRole, over base: CellStyle) -> CellStyle {
        let own = style(role)
        return CellStyle(
            foreground: own.foreground == .default ? base.foreground : own.foreground,
            background: own.background == .default ? base.background : own.background,
            attributes: own.attributes.union(base.attributes))
    }

    /// Whether any role has a colour (false for `mono`).
    public var usesColor: Bool {
        styles.values.contains { $0.foreground != .default || $0.background != .default }
    }

    /// The title style for a pool with the config's `accent` colour (red for prod):
    /// the accent as foreground, or underlined in a theme without colours.
    public func poolTitleStyle(accent: TerminalColor?) -> CellStyle {
        var style = style(.title)
        guard let accent, accent != .default else { return style }
        if usesColor {
            style.foreground = accent
            style.attributes.insert(.bold)
        } else {
            style.attributes.insert(.underline)
        }
        return style
    }
}

extension Theme {
    /// The built-in `dark` theme, as the binary carries it.
    public static let builtInDark: Theme = ThemeLoader.builtInDark(BuiltInFiles.themes)
}
