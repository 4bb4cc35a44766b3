import Testing
import XAPI

@testable import Inventory

private let vm = "OpaqueRef:vm-1"
private let vmUUID = "11111111-2222-3333-4444-555555555555"

@Suite struct ExplainDetailTests {
    @Test func detailOfAFailedStartHasEverything() {
        let error = XAPIError(
            code: "VM_BAD_POWER_STATE", params: [vm, "halted", "running"], call: "Async.VM.start", object: vm)
        let explanation = ErrorExplanation.explain(error, names: { $0 == vm ? "web-01" : nil })
        let xe = XeCommand.line(
            call: "Async.VM.start", params: [.string(vm), false, false], uuidOf: { $0 == vm ? vmUUID : nil })
        let detail = ErrorDetail(error: error, explanation: explanation, pool: "prod", objectName: "web-01", xe: xe)
        #expect(
            detail.lines == [
                "VM_BAD_POWER_STATE: The VM is not in the right power state",
                "Reported by: the pool (XAPI refused or failed the call)",
                "Pool: prod",
                "Object: web-01",
                "Call: Async.VM.start",
                "What happened: " + explanation.explanation,
                "Try: Shut it down first (or reboot it, if a restart is what you want).",
                "Parameters:",
                "  vm = \(vm) (web-01)",
                "  expected = halted",
                "  actual = running",
                "xe: xe vm-start uuid=\(vmUUID)",
            ])
        #expect(detail.fields.first?.kind == .title)
        #expect(explanation.errorField == error.errorDescription)
        #expect(detail.fields.last == ErrorDetailField(.command, label: "xe", value: "xe vm-start uuid=\(vmUUID)"))
        #expect(!detail.logMessage.contains("\n"))
        #expect(detail.logMessage.hasPrefix("The VM is not in the right power state. web-01 is running"))
        #expect(detail.logMessage.hasSuffix("Try: Shut it down first (or reboot it, if a restart is what you want)."))
    }

    @Test func oneStepDetailMatchesThePiecesBuiltByHand() {
        let error = XAPIError(code: "VM_IS_TEMPLATE", params: [vm, "start"], call: "Async.VM.start", object: vm)
        let names: (String) -> String? = { $0 == vm ? "debian-12" : nil }
        let uuidOf: (String) -> String? = { $0 == vm ? vmUUID : nil }
        let detail = ErrorDetail(
            error: error, callParams: [.string(vm), false, false], pool: "lab", objectName: "debian-12", names: names,
            uuidOf: uuidOf)
        let byHand = ErrorDetail(
            error: error, explanation: ErrorExplanation.explain(error, names: names), pool: "lab",
            objectName: "debian-12", xe: "xe vm-start uuid=\(vmUUID)")
        #expect(detail == byHand)
        let noParams = ErrorDetail(
            error: error, callParams: nil, pool: nil, objectName: nil, names: names, uuidOf: uuidOf)
        #expect(noParams.xe == nil)
        #expect(noParams.object == vm)
    }

    @Test func transientErrorsSayARetryMayWork() {
        let error = XAPIError(code: "OTHER_OPERATION_IN_PROGRESS", params: ["VM", vm, "start", "OpaqueRef:t"])
        let detail = ErrorDetail(
            error: error, explanation: ErrorExplanation.explain(error), pool: nil, objectName: nil, xe: nil)
        #expect(detail.lines.contains("Retry: likely to work if tried again later"))
        #expect(!detail.lines.contains { $0.hasPrefix("Pool:") || $0.hasPrefix("xe:") || $0.hasPrefix("Call:") })
    }

    @Test func rawObjectIsShownWhenTheNameIsUnknown() {
        let error = XAPIError(
            code: "HOST_DISABLED", params: ["OpaqueRef:h"], call: "VM.start_on", object: "OpaqueRef:h")
        let detail = ErrorDetail(
            error: error, explanation: ErrorExplanation.explain(error), pool: "lab", objectName: nil, xe: nil)
        #expect(detail.lines.contains("Object: OpaqueRef:h"))
    }

    @Test func hostileTextCannotDriveTheTerminal() {
        let name = "evil\u{1B}[2J\nname\u{202E}"
        let error = XAPIError(code: "INTERNAL_ERROR", params: ["boom\r\n\u{7}"], call: "VM.start")
        let detail = ErrorDetail(
            error: error, explanation: ErrorExplanation.explain(error), pool: "p", objectName: name, xe: nil)
        for line in detail.lines + [detail.logMessage] {
            #expect(!line.unicodeScalars.contains { PrintableText.isHidden($0) }, "\(line)")
        }
        #expect(detail.lines.contains(#"Object: evil\u{1B}[2J\nname\u{202E}"#))
        #expect(detail.lines.contains(#"  message = boom\r\n\u{7}"#))
    }

    @Test func connectionProblemDetailHasNoCallOrCommand() {
        let detail = ErrorDetail(problem: .nameNotResolved(host: "xcp.example", reason: nil), pool: "prod")
        #expect(detail.call == nil && detail.xe == nil && detail.object == nil)
        #expect(detail.lines.first == "name-not-resolved: Unknown host name xcp.example")
        #expect(detail.lines.contains("Reported by: xentui (the pool was not reached or its reply was unusable)"))
        #expect(detail.lines.contains("  host = xcp.example"))
        #expect(detail.explanation.errorField == ["name-not-resolved", "xcp.example"])
    }

    @Test func storageFailuresAreAttributedToTheBackend() {
        let error = XAPIError(
            code: "SR_BACKEND_FAILURE_47", params: ["", "The SR is not available", ""], call: "SR.scan")
        let detail = ErrorDetail(
            error: error, explanation: ErrorExplanation.explain(error), pool: nil, objectName: nil, xe: nil)
        #expect(detail.lines.contains("Reported by: the host's storage backend (SM)"))
    }
}
