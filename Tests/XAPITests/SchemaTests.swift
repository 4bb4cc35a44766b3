import Foundation
import Testing
@testable import XAPI

@Suite struct SchemaTests {
    @Test func hasEveryClass() throws {
        #expect(XAPISchema.classes.count == 67)
        #expect(XAPISchema.classes.values.reduce(0) { $0 + $1.fields.count } == 845)
        #expect(XAPISchema.classes.values.reduce(0) { $0 + $1.messages.count } == 1828)
        for name in ["session", "VM", "host", "Bond", "Observer", "sr_stat", "probe_result"] {
            #expect(XAPISchema.classes[name]?.name == name)
        }
    }

    @Test func vmFields() throws {
        let vm = try #require(XAPISchema.classes["VM"])
        #expect(vm.field("power_state")?.type == .enumeration("vm_power_state"))
        #expect(vm.field("power_state")?.writable == false)
        #expect(vm.field("name_label")?.writable == true)
        #expect(vm.field("name_label")?.type == .string)
        #expect(vm.field("VCPUs_max")?.type == .int)
        #expect(vm.field("current_operations")?.type == .map(.string, .enumeration("vm_operations")))
        #expect(vm.field("blocked_operations")?.type == .map(.enumeration("vm_operations"), .string))
        #expect(vm.field("VBDs")?.type == .set(.ref("VBD")))
        #expect(vm.field("snapshot_time")?.type == .datetime)
        #expect(vm.field("is_snapshot_from_vmpp")?.removed == true)
        #expect(vm.field("uuid")?.removed == false)
        #expect(vm.messages.contains("start"))
        #expect(vm.messages.contains("pool_migrate"))
    }

    @Test func nestedTypes() throws {
        let metrics = try #require(XAPISchema.lookup("vm_metrics"))
        #expect(metrics.name == "VM_metrics")
        #expect(metrics.field("VCPUs_flags")?.type == .map(.int, .set(.string)))
        #expect(metrics.field("VCPUs_utilisation")?.type == .map(.int, .float))
        #expect(XAPISchema.lookup("network")?.field("assigned_ips")?.type == .map(.ref("VIF"), .string))
        #expect(XAPISchema.lookup("probe_result")?.field("sr")?.type == .record("sr_stat"))
        #expect(XAPISchema.lookup("event")?.field("snapshot")?.type == .record("<class>"))
        #expect(XAPISchema.lookup("HOST")?.field("virtual_hardware_platform_versions")?.type == .set(.int))
        #expect(XAPISchema.lookup("no_such_class") == nil)
    }

    @Test(arguments: [
        "(string -> enum vm_operations) map", "VM ref set", "enum vm_power_state", "<class> record",
        "(int -> string set) map", "(VGPU_type ref -> int) map", "string", "datetime",
    ])
    func typeStringsRoundTrip(text: String) throws {
        let type = try #require(XAPIFieldType(datamodel: text))
        #expect(type.datamodelSpelling == text)
    }

    @Test func typeStringOptionIsTheTypeItself() {
        #expect(XAPIFieldType(datamodel: "string option") == .string)
        #expect(XAPIFieldType(datamodel: "sr_stat record option") == .record("sr_stat"))
    }

    @Test(arguments: ["", "map", "(string -> string)", "(string string) map", "VM", "enum", "string set extra", "VM ref)"])
    func rejectsBadTypeStrings(text: String) {
        #expect(XAPIFieldType(datamodel: text) == nil)
    }

    @Test func enums() {
        #expect(XAPISchema.enums["vm_power_state"] == ["Halted", "Paused", "Running", "Suspended"])
        #expect(XAPISchema.enums["task_status_type"] == ["pending", "success", "failure", "cancelling", "cancelled"])
        #expect(XAPISchema.enums.count == 64)
        #expect(XAPISchema.enums["vm_operations"] == VMOperations.knownCases.map(\.rawValue))
    }

    @Test(.enabled(if: SharedFolder.exists, "needs ../shared/xapi beside the package root"))
    func matchesTheDatamodel() throws {
        let data = try Data(contentsOf: SharedFolder.datamodel.appendingPathComponent("xenapi.json"))
        let classes = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(classes.count == XAPISchema.classes.count)
        for cls in classes {
            let name = try #require(cls["name"] as? String)
            let schema = try #require(XAPISchema.classes[name], "class \(name)")
            let messages = try #require(cls["messages"] as? [[String: Any]])
            #expect(schema.messages == messages.compactMap { $0["name"] as? String }, "messages of \(name)")
            let fields = try #require(cls["fields"] as? [[String: Any]])
            #expect(schema.fields.map(\.name) == fields.compactMap { $0["name"] as? String }, "fields of \(name)")
            for field in fields {
                let fieldName = try #require(field["name"] as? String)
                let type = try #require(field["type"] as? String)
                #expect(schema.field(fieldName)?.type == XAPIFieldType(datamodel: type), "\(name).\(fieldName)")
                #expect(schema.field(fieldName)?.writable == (field["qualifier"] as? String == "RW"))
                let state = (field["lifecycle"] as? [String: Any])?["state"] as? String
                #expect(schema.field(fieldName)?.removed == (state == "Removed_s"), "\(name).\(fieldName)")
            }
        }
    }
}
