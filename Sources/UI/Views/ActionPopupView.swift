import Terminal

/// The object action's popup, centred over the panes: the host picker, the name prompt, or
/// the confirmation naming the exact targets (and those skipped, with why).
enum ActionPopupView {
    /// Targets named before "and K more".
    static let listedTargets = 8

    static func draw(_ flow: ActionFlow, theme: Theme, into buffer: inout FrameBuffer, bounds: Rect) {
        let (title, lines, footer) = content(flow, theme: theme)
        let contentWidth = lines.map { $0.reduce(0) { $0 + displayWidth(of: $1.text) } }.max() ?? 0
        let width = min(bounds.width - 4, max(contentWidth + 4, displayWidth(of: title) + 6, displayWidth(of: footer) + 6, 36))
        let height = min(bounds.height - 2, lines.count + 2)
        guard width >= 10, height >= 3 else { return }
        let rect = Rect(x: bounds.x + (bounds.width - width) / 2, y: bounds.y + max(1, (bounds.height - height) / 2 - 1), width: width, height: height)
        buffer.fill(rect, style: theme.style(.text))
        let danger = flow.action.isDangerous
        buffer.box(rect, style: theme.style(danger ? .statusWarn : .borderFocus), title: [Span(title, style: theme.style(danger ? .statusWarn : .title))])
        for (offset, line) in lines.prefix(height - 2).enumerated() {
            buffer.put(line, x: rect.x + 2, y: rect.y + 1 + offset, maxWidth: width - 4)
        }
        if case .pickHost(_, let index) = flow.stage, index < height - 2 {
            let row = Rect(x: rect.x + 1, y: rect.y + 2 + index, width: width - 2, height: 1)
            buffer.updateStyle(in: row) { style in
                let selection = theme.style(.selection)
                style.background = selection.background
                style.attributes.formUnion(selection.attributes)
                if selection.foreground != .default { style.foreground = selection.foreground }
            }
        }
        buffer.borderTitle([Span(footer, style: theme.style(.hintText))], rect: rect, row: rect.maxY - 1,
                           style: theme.style(danger ? .statusWarn : .borderFocus))
    }

    static func content(_ flow: ActionFlow, theme: Theme) -> (String, [[Span]], String) {
        let action = flow.action
        let what = AppState.targetSummary(flow.targets)
        switch flow.stage {
        case .pickHost(let hosts, _):
            var lines: [[Span]] = [[Span("\(capitalized(action.label)) \(what) \(action == .migrate ? "to" : "on"):", style: theme.style(.text))]]
            let nameWidth = min(24, hosts.map { displayWidth(of: $0.name) }.max() ?? 0)
            for host in hosts {
                let free = host.freeMemory.map { ByteCount.format($0) + " free" } ?? ""
                var line = [Span(" " + host.name.truncated(toWidth: nameWidth).padded(toWidth: nameWidth) + "  ", style: theme.style(.text)),
                            Span(free, style: theme.style(.textDim))]
                if let warning = host.cpuWarning { line.append(Span("  ! " + warning, style: theme.style(.statusWarn))) }
                lines.append(line)
            }
            return ("Choose a host", lines, "enter choose  esc cancel")
        case .name(let editor):
            let label = flow.namesAreSuffixes ? "Suffix added to each name" : "Name of the new VM"
            var lines: [[Span]] = [[Span("\(capitalized(action.label)) \(what)", style: theme.style(.text))],
                                   [Span(label + ":", style: theme.style(.textDim))]]
            let before = String(editor.text.prefix(editor.cursor))
            let after = String(editor.text.dropFirst(editor.cursor))
            lines.append([Span(before, style: theme.style(.match)), Span("▏", style: theme.style(.text)), Span(after, style: theme.style(.match))])
            return (capitalized(action.label), lines, "enter ok  esc cancel")
        case .confirm:
            var lines: [[Span]] = []
            var heading = "\(capitalized(action.label)) \(flow.targets.count == 1 ? "this" : "these \(flow.targets.count)") \(noun(flow))"
            if let host = flow.host { heading += " on \(host.name)" }
            if let name = flow.newName { heading += flow.namesAreSuffixes ? " (names + \(name))" : " as \(name)" }
            lines.append([Span(heading + "?", style: theme.style(.text))])
            for target in flow.targets.prefix(listedTargets) {
                lines.append([Span("  " + target.name, style: theme.style(.title)), Span("  " + target.id.pool, style: theme.style(.textDim))])
            }
            if flow.targets.count > listedTargets {
                lines.append([Span("  and \(flow.targets.count - listedTargets) more", style: theme.style(.textDim))])
            }
            if !flow.skipped.isEmpty {
                lines.append([Span("Skipped \(flow.skipped.count):", style: theme.style(.statusWarn))])
                for skipped in flow.skipped.prefix(listedTargets / 2) {
                    lines.append([Span("  " + skipped.name, style: theme.style(.text)), Span(": " + skipped.reason, style: theme.style(.textDim))])
                }
                if flow.skipped.count > listedTargets / 2 {
                    lines.append([Span("  and \(flow.skipped.count - listedTargets / 2) more", style: theme.style(.textDim))])
                }
            }
            return ("Confirm: \(action.label)", lines, "y confirm  any other key cancels")
        }
    }

    static func noun(_ flow: ActionFlow) -> String {
        let one = flow.targets.count == 1
        switch flow.action.targetClass {
        case .vm: return one ? "VM" : "VMs"
        case .host: return one ? "host" : "hosts"
        case .sr: return one ? "SR" : "SRs"
        }
    }

    static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
