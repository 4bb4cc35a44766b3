import Foundation
import Testing
@testable import XAPI

@Suite struct ErrorCatalogTests {
    @Test func knowsTheCodesOfTheProtocol() {
        #expect(XAPIErrorCatalog.codes.count == 603)
        #expect(XAPIErrorCatalog.parameterNames(for: "VM_BAD_POWER_STATE") == ["vm", "expected", "actual"])
        #expect(XAPIErrorCatalog.parameterNames(for: "HOST_IS_SLAVE") == ["Master IP address"])
        #expect(XAPIErrorCatalog.parameterNames(for: "OTHER_OPERATION_IN_PROGRESS")
            == ["class", "object", "operation_type", "operation_ref"])
        #expect(XAPIErrorCatalog.parameterNames(for: "HANDLE_INVALID") == ["class", "handle"])
        #expect(XAPIErrorCatalog.parameterNames(for: "NO_HOSTS_AVAILABLE") == [])
        #expect(XAPIErrorCatalog.summary(for: "VM_BAD_POWER_STATE")?.isEmpty == false)
    }

    @Test func unknownCodes() {
        #expect(XAPIErrorCatalog.parameterNames(for: "NOT_AN_ERROR") == nil)
        #expect(XAPIErrorCatalog.summary(for: "vm_bad_power_state") == nil)
    }

    @Test(.enabled(if: SharedFolder.exists, "needs ../shared/xapi beside the package root"))
    func matchesErrorsJSON() throws {
        let data = try Data(contentsOf: SharedFolder.datamodel.appendingPathComponent("errors.json"))
        let errors = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(errors.count == XAPIErrorCatalog.codes.count)
        for error in errors {
            let code = try #require(error["code"] as? String)
            #expect(XAPIErrorCatalog.parameterNames(for: code) == error["params"] as? [String], "\(code)")
            #expect(XAPIErrorCatalog.summary(for: code) == (error["doc"] as? String)?
                .trimmingCharacters(in: .whitespaces), "\(code)")
        }
    }
}
