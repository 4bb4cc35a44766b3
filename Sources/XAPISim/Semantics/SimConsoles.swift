import XAPI

/// Why `CONNECT /console` is refused, with the HTTP status xapi's handler gives.
public enum SimConsoleRefusal: Error, Equatable, Sendable {
    case badSession
    case noSuchConsole(String)
    case notRunning(vm: String, powerState: String)
    case missingReference

    public var status: Int {
        switch self {
        case .badSession: 401
        case .noSuchConsole: 404
        case .notRunning: 503
        case .missingReference: 400
        }
    }

    public var reason: String {
        switch self {
        case .badSession: "Unauthorized"
        case .noSuchConsole: "Not Found"
        case .notRunning: "Service Unavailable"
        case .missingReference: "Bad Request"
        }
    }

    public var message: String {
        switch self {
        case .badSession: "invalid or missing session_id"
        case .noSuchConsole(let ref): "\(ref) is neither a console nor a VM"
        case .notRunning(let vm, let state): "VM \(vm) is \(state), not Running: its console is gone"
        case .missingReference: "the request lacks a ref or uuid parameter"
        }
    }
}

/// A console a client may attach to.
public struct SimConsoleTarget: Sendable, Equatable {
    public var ref: String
    /// `vt100`, `rfb` or `rdp`.
    public var consoleProtocol: String
    public var machine: SimConsoleMachine
}

extension SimState {
    /// Points every console's location at `base` (`http://127.0.0.1:PORT`): in the simulator
    /// one listener plays every host. Set before clients connect, so no event is sent.
    mutating func pointConsoles(at base: String) {
        consoleBase = base
        guard let consoles = database.tables["console"] else { return }
        for ref in consoles.keys {
            database.tables["console"]?[ref]?["location"] = .string(base + "/console?ref=" + ref)
        }
    }

    /// The consoles xapi makes as a domain is created: rfb, and vt100 for PV guests and dom0.
    mutating func createConsoles(vm ref: String) {
        guard let vm = record("VM", ref), vm.refs("consoles").isEmpty else { return }
        let host = record("host", vm.string("resident_on"))?.string("address") ?? "localhost"
        let text = vm.bool("is_control_domain") || vm.string("domain_type") == "pv"
        var refs: [String] = []
        for proto in text ? ["rfb", "vt100"] : ["rfb"] {
            let console = newRef()
            insert("console", console, [
                "uuid": .string(newUUID()), "protocol": .string(proto),
                "location": .string((consoleBase ?? "https://\(host)") + "/console?ref=" + console),
                "VM": .string(ref), "other_config": .structure([:]),
            ])
            refs.append(console)
        }
        updateIfPresent("VM", ref) { $0["consoles"] = .array(refs.map { .string($0) }) }
    }

    /// Consoles go with the domain (shutdown, suspend).
    mutating func destroyConsoles(vm ref: String) {
        guard let vm = record("VM", ref) else { return }
        for console in vm.refs("consoles") { delete("console", console) }
        updateIfPresent("VM", ref) { $0["consoles"] = .array([]) }
    }

    /// The console a `CONNECT /console` request names (`ref=` a console or VM ref, or `uuid=`
    /// a VM's or a console's uuid; a VM picks its rfb console, as in xapi), checked as xapi
    /// checks it: a valid session, and a VM that is running.
    func consoleTarget(parameters: [(name: String, value: String)], session: String?) throws(SimConsoleRefusal) -> SimConsoleTarget {
        guard let session, sessions[session] != nil else { throw .badSession }
        let named: String
        if let uuid = parameters.first(where: { $0.name == "uuid" })?.value {
            guard let ref = ref(of: "VM", uuid: uuid) ?? ref(of: "console", uuid: uuid) else { throw .noSuchConsole(uuid) }
            named = ref
        } else if let ref = parameters.first(where: { $0.name == "ref" })?.value {
            named = ref
        } else {
            throw .missingReference
        }
        var consoleRef = named
        if let vm = record("VM", named) {
            guard let rfb = vm.refs("consoles").first(where: { record("console", $0)?.string("protocol") == "rfb" }) else {
                throw .notRunning(vm: vm.string("name_label"), powerState: vm.string("power_state"))
            }
            consoleRef = rfb
        }
        guard let console = record("console", consoleRef), let vm = record("VM", console.string("VM")) else {
            throw .noSuchConsole(named)
        }
        guard vm.string("power_state") == "Running" else {
            throw .notRunning(vm: vm.string("name_label"), powerState: vm.string("power_state"))
        }
        return SimConsoleTarget(ref: consoleRef, consoleProtocol: console.string("protocol"), machine: machine(of: vm))
    }

    private func machine(of vm: XAPIStruct) -> SimConsoleMachine {
        let start = record("VM_metrics", vm.string("metrics"))?["start_time"]
        let bootTime: Int64 = if case .dateTime(let time) = start { time.secondsSinceEpoch } else { Int64(now) }
        if vm.bool("is_control_domain"), let host = record("host", vm.string("resident_on")) {
            let software = host.map("software_version")
            let product = [software["product_brand"]?.stringValue, software["product_version"]?.stringValue].compactMap { $0 }
            return SimConsoleMachine(
                hostname: host.string("hostname"), osName: product.isEmpty ? "XCP-ng" : product.joined(separator: " "),
                kernel: software["linux"]?.stringValue ?? "4.19.0+1", bootTime: bootTime, device: "tty1")
        }
        let os = record("VM_guest_metrics", vm.string("guest_metrics"))?.map("os_version") ?? [:]
        return SimConsoleMachine(
            hostname: Self.hostname(vm.string("name_label")), osName: os["name"]?.stringValue ?? "Linux",
            kernel: os["uname"]?.stringValue ?? "6.1.0-25-amd64", bootTime: bootTime, device: "hvc0")
    }

    /// A name label as a host name: lowercase letters, digits and dashes.
    static func hostname(_ label: String) -> String {
        let mapped = label.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        let name = String(mapped).split(separator: "-").joined(separator: "-")
        return name.isEmpty ? "localhost" : name
    }
}
