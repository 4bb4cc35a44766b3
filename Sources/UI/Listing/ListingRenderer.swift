import Terminal
import XAPI

/// Prints listed pools as text: pure functions, so every format is testable without a network.
/// Every name goes through `terminalSafe`; JSON escapes by itself. Widths are the Terminal
/// module's display widths, so wide characters and emoji stay aligned.
public enum ListingRenderer {
    /// The header of each class's table.
    public static func headers(for kind: ListingClass) -> [String] {
        switch kind {
        case .vm: ["NAME", "POWER", "POOL", "HOST", "VCPUS", "MEMORY", "OS", "IP", "UUID"]
        case .host: ["NAME", "POOL", "ADDRESS", "ENABLED", "VMS", "MEMORY", "UUID"]
        case .pool: ["NAME", "MASTER", "HOSTS", "VMS", "UUID"]
        case .sr: ["NAME", "POOL", "TYPE", "SHARED", "SIZE", "USED", "UUID"]
        case .network: ["NAME", "POOL", "BRIDGE", "UUID"]
        case .task: ["NAME", "POOL", "STATUS", "PROGRESS", "CREATED", "UUID"]
        case .message: ["NAME", "POOL", "PRIORITY", "CLASS", "OBJECT", "TIME", "UUID"]
        }
    }

    public static func render(_ pools: [ListedPool], kind: ListingClass, format: ListingFormat, filtered: Bool) -> String {
        switch format {
        case .tree: tree(pools, kind: kind, filtered: filtered)
        case .table: table(pools, kind: kind)
        case .json: json(pools, kind: kind)
        }
    }

    // MARK: Tree

    /// `pool` / `  host` / `    vm  Power` for VMs, VMs running nowhere under `  (no host)`;
    /// other classes as `pool` / `  name  state`. With a filter, pools and hosts with no
    /// matching object are left out.
    public static func tree(_ pools: [ListedPool], kind: ListingClass, filtered: Bool) -> String {
        var lines: [String] = []
        for pool in pools where !(filtered && pool.objects.isEmpty) {
            lines.append(terminalSafe(pool.name))
            guard kind == .vm else {
                if kind != .pool { lines += aligned(pool.objects, indent: "  ") }
                else { lines += pool.objects.filter { !$0.state.isEmpty }.map { "  master: " + terminalSafe($0.state) } }
                continue
            }
            var byHost: [String: [ListedObject]] = [:]
            var unplaced: [ListedObject] = []
            let known = Set(pool.hosts.map(\.ref))
            for vm in pool.objects {
                if let ref = vm.hostRef, known.contains(ref) { byHost[ref, default: []].append(vm) } else { unplaced.append(vm) }
            }
            for host in pool.hosts {
                let vms = byHost[host.ref] ?? []
                if filtered && vms.isEmpty { continue }
                lines.append("  " + terminalSafe(host.name))
                lines += aligned(vms, indent: "    ")
            }
            if !unplaced.isEmpty {
                lines.append("  (no host)")
                lines += aligned(unplaced, indent: "    ")
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// Name then state, the states lined up within the group.
    private static func aligned(_ objects: [ListedObject], indent: String) -> [String] {
        let names = objects.map { terminalSafe($0.name) }
        let width = names.map { displayWidth(of: $0) }.max() ?? 0
        return zip(names, objects).map { name, object in
            let state = terminalSafe(object.state)
            if state.isEmpty { return indent + name }
            return indent + name + String(repeating: " ", count: width - displayWidth(of: name) + 2) + state
        }
    }

    // MARK: Table

    /// A header and one row per object, columns two cells apart, aligned by display width.
    public static func table(_ pools: [ListedPool], kind: ListingClass) -> String {
        let rows = [headers(for: kind)] + pools.flatMap { $0.objects.map { $0.cells.map(terminalSafe) } }
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], displayWidth(of: cell)) }
        }
        return rows.map { row in
            var line = ""
            for (index, cell) in row.enumerated() {
                line += cell
                if index < row.count - 1 { line += String(repeating: " ", count: widths[index] - displayWidth(of: cell) + 2) }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line + "\n"
        }.joined()
    }

    // MARK: JSON

    /// One JSON array, one element per line: each record's own fields as XAPI sends them
    /// (JSON-RPC's encoding: datetimes as `YYYYMMDDTHH:MM:SSZ`), plus `pool`, and `host` for VMs.
    public static func json(_ pools: [ListedPool], kind: ListingClass) -> String {
        var elements: [String] = []
        for pool in pools {
            for object in pool.objects {
                var fields = object.fields.structValue ?? [:]
                fields["pool"] = .string(object.pool)
                if kind == .vm { fields["host"] = object.host.map(XAPIValue.string) ?? .null }
                var writer = JSONWriter()
                writer.writeValue(.structure(fields))
                elements.append(String(decoding: writer.bytes, as: UTF8.self))
            }
        }
        if elements.isEmpty { return "[]\n" }
        return "[\n" + elements.joined(separator: ",\n") + "\n]\n"
    }
}
