import TestSupport
import Testing
import Inventory
import XAPI

/// Filtering a big pool: prints the time per pass (no timing assertion; debug builds are slow),
/// and checks the counts, which follow from how the records are made.
@Suite(.ownThread) struct FilterPerformanceTests {
    static let vms: [XAPIStruct] = (0..<20_000).map { i in
        [
            "uuid": .string("9a1c\(i)-55e1-4f0e-8d0e-1b2c3d4e5f60"),
            "name_label": .string(i % 10 == 0 ? "web-\(i)" : "vm-\(i)"),
            "name_description": .string("Synthetic machine number \(i)"),
            "power_state": .string(["Running", "Halted", "Suspended", "Paused"][i % 4]),
            "VCPUs_max": .int(Int64(1 << (i % 4))),
            "memory_static_max": .string(String(1 << (28 + i % 5))),
            "tags": .array(i % 3 == 0 ? [.string("prod"), .string("linux")] : [.string("dev")]),
            "other_config": .structure(["base_template_name": .string("Debian Bookworm 12"), "mac_seed": .string("x\(i)")]),
            "resident_on": .string("OpaqueRef:host-\(i % 11)"),
            "is_a_template": .bool(false),
            "snapshots": .array([]),
            "allowed_operations": .array([.string("start"), .string("clone"), .string("export")]),
        ]
    }

    @Test func twentyThousandVMs() throws {
        let vms = Self.vms
        let cases: [(String, Int)] = [
            ("power_state:running tags:prod VCPUs_max:>=2", 0),
            ("power_state:running name_label:web* !tags:dev", 334),
            ("bookworm web", 2000),
            ("/web-\\d+0$/", 1999),
        ]
        for (text, expected) in cases {
            let filter = try Filter(text)
            var count = 0
            let clock = ContinuousClock()
            let elapsed = clock.measure {
                count = vms.reduce(0) { $0 + (filter.matches($1) ? 1 : 0) }
            }
            print("filter \(text): \(count) of \(vms.count) in \(elapsed)")
            #expect(count == expected, "\(text)")
        }
    }
}
