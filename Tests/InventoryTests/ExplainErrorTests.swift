import Testing
import XAPI

@testable import Inventory

private let vmRef = "OpaqueRef:0b7a3a4c-4f6e-4d25-9d0e-111111111111"
private let hostRef = "OpaqueRef:0b7a3a4c-4f6e-4d25-9d0e-222222222222"
private let srUUID = "6f0c1c8e-3b5a-4a8e-9f51-333333333333"
private let names: [String: String] = [vmRef: "web-01", hostRef: "xcp-host-2", srUUID: "NFS store"]
private func name(_ key: String) -> String? { names[key] }

@Suite struct ExplainErrorTests {
    @Test(arguments: ErrorExplanation.explainedCodes)
    func explainedCodeExistsInTheCatalogWithTheSameParameters(code: String) throws {
        let catalogNames = try #require(XAPIErrorCatalog.parameterNames(for: code), "\(code) is not in errors.json")
        #expect(ErrorExplanation.expectedParameterNames(for: code) == catalogNames)
    }

    @Test func wordingsHaveNoDuplicatesAndCoverTheCommonCodes() {
        let codes = ErrorWording.all.map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(codes.count >= 40)
        for code in [
            "VM_BAD_POWER_STATE", "OTHER_OPERATION_IN_PROGRESS", "OPERATION_NOT_ALLOWED", "OPERATION_BLOCKED",
            "VM_IS_TEMPLATE", "HOST_NOT_ENOUGH_FREE_MEMORY", "NO_HOSTS_AVAILABLE", "HOST_OFFLINE", "HOST_DISABLED",
            "HOST_IS_SLAVE", "SR_FULL", "SR_BACKEND_FAILURE", "SESSION_AUTHENTICATION_FAILED", "SESSION_INVALID",
            "RBAC_PERMISSION_DENIED", "HANDLE_INVALID", "INTERNAL_ERROR", "EVENTS_LOST",
        ] {
            #expect(ErrorExplanation.explainedCodes.contains(code), "\(code)")
        }
    }

    /// Every wording, fed the catalog's parameter count, writes real sentences of its own.
    @Test(arguments: ErrorExplanation.explainedCodes)
    func everyWordingIsOurOwnText(code: String) throws {
        let count = XAPIErrorCatalog.parameterNames(for: code)?.count ?? 0
        let params = (0..<count).map { "value\($0 + 1)" }
        let e = ErrorExplanation.explain(XAPIError(code: code, params: params, call: "Async.VM.start"), names: name)
        #expect(e.isSpecific)
        #expect(e.code == code)
        #expect(!e.title.isEmpty && !e.title.hasSuffix("."))
        #expect(e.explanation.hasSuffix(".") || e.explanation.hasSuffix(")"))
        #expect(e.parameters.map(\.value) == params)
        let summary = try #require(XAPIErrorCatalog.summary(for: code))
        #expect(!e.explanation.contains(summary), "the datamodel's text is not ours to show")
        for text in [e.title, e.explanation, e.suggestion ?? ""] {
            #expect(!text.contains("Optional("))
            #expect(!text.contains("  "), "\(text)")
        }
        // The same wording copes with missing parameters.
        let bare = ErrorExplanation.explain(XAPIError(code: code))
        #expect(!bare.explanation.isEmpty && bare.parameters.isEmpty)
    }

    @Test func badPowerStateSaysWhatStateAndWhatWasNeeded() {
        let error = XAPIError(
            code: "VM_BAD_POWER_STATE", params: [vmRef, "halted;suspended", "running"], call: "Async.VM.start")
        let e = ErrorExplanation.explain(error, names: name)
        #expect(e.title == "The VM is not in the right power state")
        #expect(e.explanation.hasPrefix("web-01 is running, but start needs it halted or suspended."))
        #expect(e.suggestion?.contains("Shut it down") == true)
        #expect(!e.isTransient)
        #expect(e.origin == .pool)
        #expect(
            e.parameters == [
                ErrorParameter(name: "vm", value: vmRef, displayName: "web-01"),
                ErrorParameter(name: "expected", value: "halted;suspended"),
                ErrorParameter(name: "actual", value: "running"),
            ])

        let unnamed = ErrorExplanation.explain(
            XAPIError(code: "VM_BAD_POWER_STATE", params: [vmRef, "running", "halted"]))
        #expect(unnamed.explanation.hasPrefix("The VM is halted, but this operation needs it running."))
        #expect(unnamed.suggestion == "Start it first.")
    }

    @Test func memoryIsShownInGiB() {
        let error = XAPIError(code: "HOST_NOT_ENOUGH_FREE_MEMORY", params: ["8589934592", "3758096384"])
        let e = ErrorExplanation.explain(error)
        #expect(e.explanation.contains("needs 8.0 GiB of memory but the host has only 3.5 GiB free"))
        let sr = ErrorExplanation.explain(XAPIError(code: "SR_FULL", params: ["1099511627776", "536870912"]))
        #expect(sr.explanation.contains("room for 1.0 TiB but can give at most 512.0 MiB"))
        #expect(ByteCountText.format(512) == "512 bytes")
        let odd = ErrorExplanation.explain(XAPIError(code: "SR_FULL", params: ["lots", ""]))
        #expect(odd.explanation.contains("room for lots"))
    }

    @Test func busyObjectsAreTransientAndNamed() {
        let error = XAPIError(
            code: "OTHER_OPERATION_IN_PROGRESS", params: ["VM", vmRef, "clean_shutdown", "OpaqueRef:task"])
        let e = ErrorExplanation.explain(error, names: name)
        #expect(e.isTransient)
        #expect(e.explanation.hasPrefix("web-01 is busy with another operation (clean shutdown)."))
        // Older xapi sends only [class, ref].
        let old = ErrorExplanation.explain(XAPIError(code: "OTHER_OPERATION_IN_PROGRESS", params: ["VM", vmRef]))
        #expect(old.explanation.hasPrefix("The VM is busy with another operation."))
    }

    @Test func storageBackendFailuresAreRecognisedByPrefix() {
        let error = XAPIError(
            code: "SR_BACKEND_FAILURE_82", params: ["", "Failed to snapshot VDI [opterr=no space]", ""],
            call: "VM.snapshot")
        let e = ErrorExplanation.explain(error)
        #expect(e.origin == .storage)
        #expect(e.isSpecific)
        #expect(e.title == "The storage backend failed (SM error 82)")
        #expect(
            e.explanation.contains(
                "reported error 82 while working on the SR: Failed to snapshot VDI [opterr=no space]."))
        #expect(e.parameters.map(\.name) == ["status", "stdout", "stderr"])
        // Not a number: not a backend failure code, so the generic form.
        let fake = ErrorExplanation.explain(XAPIError(code: "SR_BACKEND_FAILURE_XX", params: ["a"]))
        #expect(!fake.isSpecific)
        #expect(fake.parameters.map(\.name) == ["param 1"])
    }

    @Test func olderLacksFeatureCodesAreExplainedByTheirFeature() {
        #expect(XAPIErrorCatalog.parameterNames(for: "VM_LACKS_FEATURE_SHUTDOWN") == nil)
        let e = ErrorExplanation.explain(XAPIError(code: "VM_LACKS_FEATURE_VCPU_HOTPLUG", params: [vmRef]), names: name)
        #expect(e.isSpecific)
        #expect(e.origin == .pool)
        #expect(e.explanation.hasPrefix("web-01's guest has not told XAPI that it supports vcpu hotplug."))
        #expect(e.parameters.map(\.name) == ["vm"])
        // The bare prefix is not a family member.
        #expect(!ErrorExplanation.explain(XAPIError(code: "VM_LACKS_FEATURE_")).isSpecific)
    }

    @Test func unknownCodesGetTheGenericFormWithNumberedParameters() {
        let error = XAPIError(code: "FROBNICATION_FAILED", params: ["a", vmRef], call: "Async.VM.frobnicate")
        let e = ErrorExplanation.explain(error, names: name)
        #expect(!e.isSpecific)
        #expect(e.title == "XAPI error FROBNICATION_FAILED")
        #expect(
            e.explanation == "XAPI refused the call VM.frobnicate with FROBNICATION_FAILED. "
                + "Its parameters: param 1 = a, param 2 = web-01. "
                + "This code is not in the XAPI datamodel this xentui was built with; the host may be newer.")
        #expect(e.parameters.map(\.name) == ["param 1", "param 2"])
    }

    @Test func knownButUnexplainedCodesUseTheDatamodelsParameterNames() throws {
        let code = "VDI_TOO_SMALL"
        #expect(ErrorWording.table[code] == nil)
        let e = ErrorExplanation.explain(XAPIError(code: code, params: [vmRef, "1024"]), names: name)
        #expect(!e.isSpecific)
        #expect(e.parameters.map(\.name) == XAPIErrorCatalog.parameterNames(for: code))
        #expect(
            e.explanation
                == "XAPI refused the call with VDI_TOO_SMALL. Its parameters: vdi = web-01, minimum size = 1024.")
        let summary = try #require(XAPIErrorCatalog.summary(for: code))
        #expect(!e.explanation.contains(summary))
    }

    @Test func parametersBeyondTheCatalogAreKeptAndNamed() {
        let login = ErrorExplanation.explain(
            XAPIError(code: "SESSION_AUTHENTICATION_FAILED", params: ["root", "Authentication failure"]))
        #expect(login.parameters.map(\.name) == ["user", "message"])
        #expect(
            login.explanation.hasPrefix("The pool rejected the user name or password for root: Authentication failure.")
        )
        let extra = ErrorExplanation.explain(
            XAPIError(code: "VM_BAD_POWER_STATE", params: [vmRef, "halted", "running", "x"]))
        #expect(extra.parameters.map(\.name) == ["vm", "expected", "actual", "param 4"])
        let template = ErrorExplanation.explain(XAPIError(code: "VM_IS_TEMPLATE", params: [vmRef, "start"]))
        #expect(template.parameters.map(\.name) == ["vm", "operation"])
    }

    @Test func onlyRefsAndUUIDsAreResolved() {
        final class Asked: @unchecked Sendable { var keys: [String] = [] }
        let asked = Asked()
        let error = XAPIError(code: "VM_REQUIRES_SR", params: [vmRef, srUUID])
        let e = ErrorExplanation.explain(error) { key in
            asked.keys.append(key)
            return names[key]
        }
        #expect(asked.keys == [vmRef, srUUID])
        #expect(e.explanation.hasPrefix("web-01 has a disk on NFS store, which is not attached"))
        _ = ErrorExplanation.explain(
            XAPIError(code: "VM_BAD_POWER_STATE", params: ["OpaqueRef:NULL", "running", "halted"])
        ) { key in
            asked.keys.append(key)
            return nil
        }
        #expect(asked.keys == [vmRef, srUUID])
    }

    @Test func emptyNamesFallBackToTheGenericNoun() {
        let e = ErrorExplanation.explain(XAPIError(code: "HOST_DISABLED", params: [hostRef])) { _ in "" }
        #expect(e.explanation.hasPrefix("The host is disabled"))
    }
}
