import Testing
@testable import XAPI

@Suite struct XAPIObjectTests {
    @Test func decodesByLowercaseClassName() throws {
        var decoder = XAPIValueDecoder(["uuid": "m-1", "memory_actual": "1024", "VCPUs_number": 2])
        let object = try XAPIObject.decode(className: "vm_metrics", from: &decoder)
        guard case .vmMetrics(let metrics) = object else {
            Issue.record("expected VM_metrics, got \(String(describing: object))")
            return
        }
        #expect(metrics.memory_actual == 1024)
        #expect(metrics.VCPUs_number == 2)
        #expect(object?.uuid == "m-1")
        #expect(object?.xapiClassName == "VM_metrics")
    }

    @Test func decodesByAPISpelling() throws {
        var decoder = XAPIValueDecoder(["uuid": "v", "power_state": "Paused"])
        let object = try XAPIObject.decode(className: "VM", from: &decoder)
        #expect(object == .vm(try VMRecord(value: ["uuid": "v", "power_state": "Paused"])))
    }

    @Test func classWithoutRecordIsSkipped() throws {
        var decoder = XAPIValueDecoder(["uuid": "b", "mode": "lacp"])
        #expect(try XAPIObject.decode(className: "bond", from: &decoder) == nil)
        // The value was consumed: nothing is left to decode.
        #expect(throws: XAPIDecodingError.self) { try decoder.skipValue() }
    }

    @Test func wrongTypeInsideAnObjectNamesTheField() {
        var decoder = XAPIValueDecoder(["uuid": "t", "progress": "lots"])
        do {
            _ = try XAPIObject.decode(className: "task", from: &decoder)
            Issue.record("expected an error")
        } catch let error as XAPIDecodingError {
            #expect(error.path == ["progress"])
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
