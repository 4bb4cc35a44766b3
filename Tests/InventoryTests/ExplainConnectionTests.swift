import Testing

@testable import Inventory

private let goodPin = "sha256//" + String(repeating: "A", count: 43) + "="
private let newPin = "sha256//" + String(repeating: "B", count: 43) + "="

@Suite struct ExplainConnectionTests {
    @Test func everyProblemIsExplainedAsAConnectionFailure() {
        let problems: [ConnectionProblem] = [
            .cannotConnect(host: "10.0.0.1", port: 443, reason: "Connection refused"),
            .nameNotResolved(host: "xcp.example"),
            .timedOut(host: "10.0.0.1", seconds: 66),
            .tlsVerificationFailed(host: "10.0.0.1", reason: "self-signed certificate", presentedPin: newPin),
            .pinMismatch(host: "10.0.0.1", pool: "prod", expected: goodPin, presented: newPin),
            .httpError(host: "10.0.0.1", status: 404, path: "/jsonrpc"),
            .malformedReply(host: "10.0.0.1", detail: "expected <methodResponse> at byte 0"),
        ]
        let kinds = problems.map { ErrorExplanation.explain($0).code }
        #expect(
            kinds == [
                "cannot-connect", "name-not-resolved", "timed-out", "tls-verification-failed", "pin-mismatch",
                "http-error",
                "malformed-reply",
            ])
        for problem in problems {
            let e = ErrorExplanation.explain(problem)
            #expect(e.origin == .connection)
            #expect(e.isSpecific)
            #expect(!e.title.isEmpty && e.explanation.hasSuffix("."))
            #expect(e.suggestion != nil)
            #expect(e.parameters == problem.parameters)
            #expect(
                e.parameters.first
                    == ErrorParameter(name: "host", value: problem == problems[1] ? "xcp.example" : "10.0.0.1"))
        }
    }

    @Test func networkProblemsAreTransientTrustProblemsAreNot() {
        #expect(ErrorExplanation.explain(.cannotConnect(host: "h", port: 443, reason: nil)).isTransient)
        #expect(ErrorExplanation.explain(.nameNotResolved(host: "h")).isTransient)
        #expect(ErrorExplanation.explain(.timedOut(host: "h", seconds: nil)).isTransient)
        #expect(
            !ErrorExplanation.explain(.tlsVerificationFailed(host: "h", reason: nil, presentedPin: nil)).isTransient)
        #expect(
            !ErrorExplanation.explain(.pinMismatch(host: "h", pool: nil, expected: goodPin, presented: newPin))
                .isTransient)
        #expect(ErrorExplanation.explain(.httpError(host: "h", status: 503, path: nil)).isTransient)
        #expect(!ErrorExplanation.explain(.httpError(host: "h", status: 404, path: nil)).isTransient)
        #expect(!ErrorExplanation.explain(.malformedReply(host: "h", detail: "x")).isTransient)
    }

    @Test func cannotConnectSaysWhichPortToCheck() {
        let e = ErrorExplanation.explain(.cannotConnect(host: "10.0.0.1", port: 443, reason: "Connection refused"))
        #expect(e.title == "Cannot connect to 10.0.0.1")
        #expect(
            e.explanation.hasPrefix("xentui could not open a connection to 10.0.0.1 on port 443: Connection refused."))
        #expect(e.suggestion?.contains("port 443 on 10.0.0.1 is reachable") == true)
        #expect(e.parameters.map(\.name) == ["host", "port", "reason"])
    }

    @Test func untrustedCertificateOffersToPinTheKeyShown() throws {
        let e = ErrorExplanation.explain(.tlsVerificationFailed(host: "10.0.0.1", reason: nil, presentedPin: newPin))
        let suggestion = try #require(e.suggestion)
        #expect(suggestion.contains("it must print " + String(newPin.dropFirst("sha256//".count)) + "."))
        #expect(suggestion.contains("pin = \"\(newPin)\""))
        #expect(suggestion.contains("/etc/xensource/xapi-ssl.pem"))
        #expect(suggestion.contains("--insecure"))
        #expect(e.explanation.contains("self-signed"))
        let withoutPin = ErrorExplanation.explain(.tlsVerificationFailed(host: "h", reason: nil, presentedPin: nil))
        #expect(withoutPin.suggestion?.contains("pin = \"sha256//…\"") == true)
        #expect(withoutPin.parameters.map(\.name) == ["host"])
    }

    @Test func changedKeyShowsBothPinsAndRefusesByDefault() throws {
        let e = ErrorExplanation.explain(
            .pinMismatch(host: "10.0.0.1", pool: "prod", expected: goodPin, presented: newPin))
        #expect(e.title == "The key of 10.0.0.1 has changed")
        #expect(e.explanation.contains("is \(newPin), but the config pins \(goodPin) for pool prod."))
        let suggestion = try #require(e.suggestion)
        #expect(suggestion.contains("replace the pin with pin = \"\(newPin)\""))
        #expect(suggestion.hasSuffix("Otherwise do not connect."))
        #expect(e.parameters.map(\.name) == ["host", "pool", "expected pin", "presented pin"])
    }

    @Test func httpErrorsNameTheStatus() {
        let notFound = ErrorExplanation.explain(.httpError(host: "h", status: 404, path: "/jsonrpc"))
        #expect(notFound.title == "HTTP error 404 from h")
        #expect(notFound.explanation.contains("answered /jsonrpc with HTTP status 404: it has no XAPI at that path"))
        let unavailable = ErrorExplanation.explain(.httpError(host: "h", status: 503, path: nil))
        #expect(unavailable.explanation.contains("with HTTP status 503: it had a server-side failure"))
        #expect(unavailable.suggestion == "Wait a moment and retry.")
    }

    @Test func timeoutsShowWholeSecondsPlainly() {
        #expect(
            ErrorExplanation.explain(.timedOut(host: "h", seconds: 66)).explanation.hasPrefix(
                "xentui waited 66 seconds"))
        #expect(
            ErrorExplanation.explain(.timedOut(host: "h", seconds: 2.5)).explanation.hasPrefix(
                "xentui waited 2.5 seconds"))
        #expect(
            ErrorExplanation.explain(.timedOut(host: "h", seconds: nil)).explanation.hasPrefix("xentui waited too long")
        )
    }
}
