import Testing
import XAPI

/// `writeRecord(to:)` writes a record field by field without building its `XAPIValue`: the
/// bytes must be exactly those of `writeValue(toXAPIValue())`, in both encodings.
@Suite struct RecordWriterTests {
    static var vm: VMRecord {
        var vm = VMRecord()
        vm.uuid = "9a1c-55e1"
        vm.name_label = "web \"01\" <&>"
        vm.power_state = .running
        vm.VCPUs_max = 4
        vm.memory_static_max = 4 << 30
        vm.HVM_shadow_multiplier = 1.5
        vm.tags = ["prod", "é"]
        vm.other_config = ["z": "1", "a": "2"]
        vm.VCPUs_params = ["weight": "256"]
        vm.snapshot_time = XAPIDateTime(secondsSinceEpoch: 1_700_000_000)
        vm.blocked_operations = [.start: "no", .cleanShutdown: "later"]
        vm.snapshots = [Ref("OpaqueRef:a")]
        return vm
    }

    @Test func jsonBytesAreTheWireViews() {
        var direct = JSONWriter(capacity: 64)
        Self.vm.writeRecord(to: &direct)
        var viaValue = JSONWriter(capacity: 64)
        viaValue.writeValue(Self.vm.toXAPIValue())
        #expect(direct.bytes == viaValue.bytes)
        #expect(String(decoding: direct.bytes, as: UTF8.self).contains("\"name_label\""))
    }

    @Test func xmlBytesAreTheWireViews() {
        var host = HostRecord()
        host.name_label = "xcp-01"
        host.cpu_info = ["cpu_count": "32"]
        host.enabled = true
        let direct = XMLRPC.encodeSuccess { host.writeRecord(to: &$0) }
        let viaValue = XMLRPC.encodeSuccess { $0.writeValue(host.toXAPIValue()) }
        #expect(direct == viaValue)
        let vmDirect = XMLRPC.encodeSuccess { Self.vm.writeRecord(to: &$0) }
        let vmViaValue = XMLRPC.encodeSuccess { $0.writeValue(Self.vm.toXAPIValue()) }
        #expect(vmDirect == vmViaValue)
    }
}
