/// Which `xe` command each XAPI call corresponds to, with its arguments. Syntax as in
/// xapi's `cli_frontend.ml`: objects by `uuid=`, `--force` for `force=true`, VM selectors.
enum XeCommandTable {
    static func words(className: String, method: String, _ a: XeCallArguments) -> [String]? {
        let key = className.lowercased()
        guard let xeClass = xeClassNames[key] else { return nil }
        let specific: [String]?
        switch key {
        case "vm": specific = vm(method, a)
        case "host": specific = host(method, a)
        default: specific = simple(xeClass: xeClass, method, a)
        }
        return specific ?? setter(xeClass: xeClass, method, a)
    }

    /// XAPI class (lowercased) → the prefix of its xe commands.
    static let xeClassNames: [String: String] = [
        "vm": "vm", "host": "host", "sr": "sr", "vdi": "vdi", "vbd": "vbd", "vif": "vif", "network": "network",
        "pif": "pif", "pbd": "pbd", "pool": "pool", "task": "task", "message": "message", "bond": "bond",
        "vlan": "vlan", "tunnel": "tunnel", "vm_appliance": "appliance", "gpu_group": "gpu-group", "pgpu": "pgpu",
        "vgpu": "vgpu",
    ]

    private static func vm(_ method: String, _ a: XeCallArguments) -> [String]? {
        guard let vm = a.uuid(0) else { return nil }
        let target = xeArgument("uuid", vm)
        switch method {
        case "start":
            return ["vm-start", target] + flag("paused", a.bool(1)) + flag("force", a.bool(2))
        case "start_on":
            guard let host = a.uuid(1) else { return nil }
            return ["vm-start", target, xeArgument("on", host)] + flag("paused", a.bool(2)) + flag("force", a.bool(3))
        case "clean_shutdown", "shutdown": return ["vm-shutdown", target]
        case "hard_shutdown": return ["vm-shutdown", target, "--force"]
        case "clean_reboot": return ["vm-reboot", target]
        case "hard_reboot": return ["vm-reboot", target, "--force"]
        case "suspend": return ["vm-suspend", target]
        case "pause": return ["vm-pause", target]
        case "unpause": return ["vm-unpause", target]
        case "resume":
            // vm-resume cannot resume into the paused state.
            guard a.bool(1) != true else { return nil }
            return ["vm-resume", target] + flag("force", a.bool(2))
        case "resume_on":
            guard a.bool(2) != true, let host = a.uuid(1) else { return nil }
            return ["vm-resume", target, xeArgument("on", host)] + flag("force", a.bool(3))
        case "snapshot":
            guard let name = a.string(1) else { return nil }
            var words = ["vm-snapshot", target, xeArgument("new-name-label", name)]
            if a.count > 2 {
                guard let refs = a.strings(2) else { return nil }
                if !refs.isEmpty {
                    let uuids = refs.compactMap(a.uuid(of:))
                    guard uuids.count == refs.count else { return nil }
                    words.append(xeArgument("ignore-vdi-uuids", uuids.joined(separator: ",")))
                }
            }
            return words
        case "snapshot_with_quiesce", "checkpoint", "clone":
            guard let name = a.string(1) else { return nil }
            let command =
                method == "clone" ? "vm-clone" : method == "checkpoint" ? "vm-checkpoint" : "vm-snapshot-with-quiesce"
            return [command, target, xeArgument("new-name-label", name)]
        case "copy":
            guard let name = a.string(1) else { return nil }
            var words = ["vm-copy", target, xeArgument("new-name-label", name)]
            if a.count > 2 && !a.isNullRef(2) {
                guard let sr = a.uuid(2) else { return nil }
                words.append(xeArgument("sr-uuid", sr))
            }
            return words
        case "destroy":
            // Not vm-uninstall: that also deletes the disks, VM.destroy does not.
            return ["vm-destroy", target]
        case "pool_migrate":
            guard let host = a.uuid(1) else { return nil }
            let live = a.map(2)?["live"]?.boolValue ?? true
            return ["vm-migrate", target, xeArgument("host-uuid", host)] + (live ? ["live=true"] : [])
        case "revert":
            return ["snapshot-revert", xeArgument("snapshot-uuid", vm)]
        case "set_VCPUs_number_live":
            guard let count = a.params.count > 1 ? a.params[1].intValue : nil else { return nil }
            return ["vm-vcpu-hotplug", target, xeArgument("new-vcpus", String(count))]
        case "set_memory":
            guard let bytes = a.params.count > 1 ? a.params[1].intValue : nil else { return nil }
            return ["vm-memory-set", target, xeArgument("memory", String(bytes))]
        case "set_memory_limits":
            let values = (1...4).compactMap { $0 < a.params.count ? a.params[$0].intValue : nil }
            guard values.count == 4 else { return nil }
            return [
                "vm-memory-limits-set", target, xeArgument("static-min", String(values[0])),
                xeArgument("static-max", String(values[1])), xeArgument("dynamic-min", String(values[2])),
                xeArgument("dynamic-max", String(values[3])),
            ]
        default: return nil
        }
    }

    private static func host(_ method: String, _ a: XeCallArguments) -> [String]? {
        guard let host = a.uuid(0) else { return nil }
        let target = xeArgument("uuid", host)
        switch method {
        case "disable": return ["host-disable", target]
        case "enable": return ["host-enable", target]
        case "reboot": return ["host-reboot", target]
        case "shutdown": return ["host-shutdown", target]
        case "power_on": return ["host-power-on", target]
        case "evacuate":
            var words = ["host-evacuate", target]
            if a.count > 1 && !a.isNullRef(1) {
                guard let network = a.uuid(1) else { return nil }
                words.append(xeArgument("network-uuid", network))
            }
            if a.count > 2, let batch = a.params[2].intValue, batch > 0 {
                words.append(xeArgument("batch-size", String(batch)))
            }
            return words
        default: return nil
        }
    }

    /// Calls on other classes that take only the object, or the object and one more value.
    private static func simple(xeClass: String, _ method: String, _ a: XeCallArguments) -> [String]? {
        guard let object = a.uuid(0) else { return nil }
        let target = xeArgument("uuid", object)
        switch (xeClass, method) {
        case ("sr", "scan"), ("sr", "forget"), ("sr", "destroy"), ("sr", "update"),
            ("vdi", "destroy"), ("vdi", "forget"),
            ("vbd", "plug"), ("vbd", "unplug"), ("vbd", "eject"), ("vbd", "destroy"),
            ("vif", "plug"), ("vif", "unplug"), ("vif", "destroy"),
            ("pbd", "plug"), ("pbd", "unplug"), ("pbd", "destroy"),
            ("pif", "plug"), ("pif", "unplug"),
            ("network", "destroy"), ("task", "cancel"), ("message", "destroy"):
            return ["\(xeClass)-\(method)", target]
        case ("vbd", "unplug_force"), ("vif", "unplug_force"):
            return ["\(xeClass)-unplug", target, "--force"]
        case ("vbd", "insert"):
            guard let vdi = a.uuid(1) else { return nil }
            return ["vbd-insert", target, xeArgument("vdi-uuid", vdi)]
        case ("vdi", "resize"), ("vdi", "resize_online"):
            guard let size = a.params.count > 1 ? a.params[1].intValue : nil else { return nil }
            return ["vdi-resize", target, xeArgument("disk-size", String(size))]
                + (method == "resize_online" ? ["online=true"] : [])
        default: return nil
        }
    }

    /// The field setters every class shares, through xe's generic `<class>-param-*` commands.
    private static func setter(xeClass: String, _ method: String, _ a: XeCallArguments) -> [String]? {
        guard let object = a.uuid(0) else { return nil }
        let target = xeArgument("uuid", object)
        switch method {
        case "set_name_label", "set_name_description":
            guard let value = a.string(1) else { return nil }
            let field = method == "set_name_label" ? "name-label" : "name-description"
            return ["\(xeClass)-param-set", target, xeArgument(field, value)]
        case "add_tags", "remove_tags":
            guard let tag = a.string(1) else { return nil }
            let verb = method == "add_tags" ? "param-add" : "param-remove"
            return ["\(xeClass)-\(verb)", target, "param-name=tags", xeArgument("param-key", tag)]
        case "add_to_other_config":
            // xe splits `other-config:KEY=VALUE` at the first `=`, so a key with one cannot be written.
            guard let key = a.string(1), let value = a.string(2), !key.isEmpty, !key.contains("=") else { return nil }
            return ["\(xeClass)-param-set", target, "other-config:" + ShellQuote.quote(key + "=" + value)]
        case "remove_from_other_config":
            guard let key = a.string(1), !key.isEmpty else { return nil }
            return ["\(xeClass)-param-remove", target, "param-name=other-config", xeArgument("param-key", key)]
        default: return nil
        }
    }

    /// `name=true` when the flag is set (xe's own default is false for all of these).
    private static func flag(_ name: String, _ value: Bool?) -> [String] { value == true ? ["\(name)=true"] : [] }
}
