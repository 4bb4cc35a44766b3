import Testing
import XAPI

@testable import XAPISim

@Suite struct GetterSetterTests {
    @Test func getAllRecordsAndRecord() {
        let (pool, _) = makePool()
        let s = XAPIValue.string(pool.login())
        let all = pool.call("VM.get_all_records", s).value?.structValue
        #expect(all?.count == 5)
        #expect(all?[Refs.web]?["name_label"] == "web")
        #expect(pool.call("VM.get_record", s, .string(Refs.db)).value?["power_state"] == "Running")
        #expect(pool.call("VM.get_all", s).value?.arrayValue?.count == 5)
        #expect(pool.call("VM_metrics.get_memory_actual", s, .string(Refs.dbMetrics)).value == .int(8 * gib))
        #expect(pool.call("host.get_by_uuid", s, "uuid-host-2").value == .string(Refs.host2))
        #expect(pool.call("host.get_by_uuid", s, "nope").errorDescription == ["UUID_INVALID", "host", "nope"])
        #expect(pool.call("VM.get_by_name_label", s, "web").value == [.string(Refs.web)])
        #expect(pool.call("VM.get_by_name_label", s, "nothing").value == [])
    }

    @Test func handleInvalidUnknownMethodAndCount() {
        let (pool, _) = makePool()
        let s = XAPIValue.string(pool.login())
        #expect(pool.call("VM.get_record", s, "OpaqueRef:none").errorDescription == ["HANDLE_INVALID", "VM", "OpaqueRef:none"])
        #expect(pool.call("VM.frobnicate", s).errorDescription == ["MESSAGE_METHOD_UNKNOWN", "VM.frobnicate"])
        #expect(pool.call("vm.get_all", s).errorDescription == ["MESSAGE_METHOD_UNKNOWN", "vm.get_all"])
        #expect(pool.call("Async.VM.get_record", s, .string(Refs.web)).errorDescription == ["MESSAGE_METHOD_UNKNOWN", "Async.VM.get_record"])
        #expect(pool.call("VM.get_record", s).errorDescription == ["MESSAGE_PARAMETER_COUNT_MISMATCH", "VM.get_record", "2", "1"])
    }

    @Test func settersChangeTheRecordAndEmitEvents() {
        let (pool, _) = makePool()
        let s = XAPIValue.string(pool.login())
        let token = pool.eventToken
        #expect(pool.call("VM.set_name_label", s, .string(Refs.web), "frontend").value == "")
        #expect(pool.call("VM.add_tags", s, .string(Refs.web), "prod").value == "")
        #expect(pool.call("VM.add_tags", s, .string(Refs.web), "prod").value == "")
        #expect(pool.call("VM.add_to_other_config", s, .string(Refs.web), "k", "v").value == "")
        #expect(
            pool.call("VM.add_to_other_config", s, .string(Refs.web), "k", "w").errorDescription
                == ["MAP_DUPLICATE_KEY", "VM", "other_config", Refs.web, "k"])
        let record = pool.record("VM", Refs.web)
        #expect(record["name_label"] == "frontend")
        #expect(record["tags"] == ["prod"])
        #expect(record["other_config"] == ["k": "v"])
        #expect(pool.call("VM.remove_tags", s, .string(Refs.web), "prod").value == "")
        #expect(pool.call("VM.remove_from_other_config", s, .string(Refs.web), "k").value == "")
        #expect(pool.record("VM", Refs.web)["tags"] == [])

        let events = pool.call("event.from", s, ["vm"], .string(token), 0.0).value?["events"]?.arrayValue ?? []
        #expect(events.count == 1)
        #expect(events.first?["operation"] == "mod")
        #expect(events.first?["snapshot"]?["name_label"] == "frontend")
    }

    @Test func readOnlyFieldsHaveNoSetter() {
        let (pool, _) = makePool()
        let s = XAPIValue.string(pool.login())
        #expect(
            pool.call("VM.set_power_state", s, .string(Refs.web), "Running").errorDescription
                == ["MESSAGE_METHOD_UNKNOWN", "VM.set_power_state"])
    }

    @Test func listMethodsNamesGettersAndAsyncCalls() {
        let (pool, _) = makePool()
        let methods = pool.call("system.listMethods").value?.arrayValue?.compactMap(\.stringValue) ?? []
        for name in ["VM.get_all_records", "host.get_record", "VM_metrics.get_record", "Async.VM.start", "event.from", "session.login_with_password", "task.cancel"] {
            #expect(methods.contains(name), "\(name)")
        }
    }
}
