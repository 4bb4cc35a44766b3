import Terminal

/// A resolved theme: one `CellStyle` per role.
public struct Theme: Sendable {
    public let name: String
    let styles: [ThemeRole: CellStyle]
    /// The `background` role's colour, under every role that has no background of its own.
    private let canvas: TerminalColor

    public init(name: String, styles: [ThemeRole: CellStyle]) {
        self.name = name
        // A pane is one colour: `text = "fg"` must not punch the terminal's own background
        // through a light theme's white panes.
        canvas = styles[.background]?.background ?? .default
        self.styles = styles
    }

    /// The role's style; a role without a background of its own sits on the canvas, and a
    /// role the theme leaves out gets the terminal's default foreground.
    public func style(_ role: ThemeRole) -> CellStyle {
        var style = declared(role)
        if style.background == .default { style.background = canvas }
        return style
    }

    /// The role as the theme file gives it (`.default` where it says nothing).
    func declared(_ role: ThemeRole) -> CellStyle {
        styles[role] ?? .plain
    }

    /// The role's style on top of `base`: colours the role leaves at `.default` come from
    /// `base` (a selected row's background under a power glyph), attributes add up.
    public func style(_ role: ThemeRole, over base: CellStyle) -> CellStyle {
        let own = declared(role)
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

extension Theme {
    /// The theme as a terminal of `depth` shows it: colours mapped (nearest xterm-256 colour,
    /// ANSI colour by hue, or none), and where a role's own background would vanish into the
    /// screen's background (a subtle selection in 16 colours), an attribute takes its place:
    /// reverse, or underline for the unfocused selection.
    public func adapted(to depth: ColorDepth) -> Theme {
        if depth == .truecolor { return self }
        let screen = ColorMapping.resolve(canvas, for: depth)
        var adapted: [ThemeRole: CellStyle] = [:]
        for (role, original) in styles {
            var mapped = CellStyle(
                foreground: ColorMapping.resolve(original.foreground, for: depth),
                background: ColorMapping.resolve(original.background, for: depth), attributes: original.attributes)
            let ownBackground = role != .background && original.background != .default
            if ownBackground && mapped.background == screen {
                mapped.background = .default
                mapped.attributes.insert(role == .selectionUnfocused ? .underline : .reverse)
            }
            if mapped.foreground != .default && mapped.foreground == (mapped.background == .default ? screen : mapped.background) {
                // Text in the colour of what is under it: let the terminal's own foreground show.
                mapped.foreground = .default
            }
            adapted[role] = mapped
        }
        return Theme(name: name, styles: adapted)
    }
}
