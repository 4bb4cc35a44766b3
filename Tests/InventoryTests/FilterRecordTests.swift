import Testing
import Inventory
import XAPI

/// Generated records are matched through their wire view, `toXAPIValue()`.
@Suite struct FilterRecordTests {
    @Test func vmRecord() throws {
        var vm = VMRecord()
        vm.name_label = "web-01"
        vm.power_state = .running
        vm.VCPUs_max = 4
        vm.memory_static_max = 4 << 30
        vm.tags = ["prod"]
        vm.other_config = ["base_template_name": "Debian Bookworm 12"]
        vm.snapshots = [Ref("OpaqueRef:a"), Ref("OpaqueRef:b"), Ref("OpaqueRef:c")]
        let subject = vm.toXAPIValue()
        let matching = [
            "power_state:running", "name_label:web*", "VCPUs_max:>=4", "memory_static_max:>=4G",
            "tags:prod", "other_config:base_template_name:bookworm", "snapshots:length:>2",
            "!is_a_template?", "bookworm", "is_a_template:false",
        ]
        for text in matching {
            #expect(try Filter(text).matches(subject), "\(text)")
        }
        for text in ["power_state:halted", "VCPUs_max:>4", "tags:dev", "snapshots:length:>3", "is_a_template?"] {
            #expect(try !Filter(text).matches(subject), "\(text)")
        }
    }
}
