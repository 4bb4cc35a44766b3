import Testing
import XAPI

@testable import Inventory

private let goodPin = "sha256//" + String(repeating: "A", count: 43) + "="
private let newPin = "sha256//" + String(repeating: "B", count: 43) + "="

@Suite struct ExplainConnectionTests {
    static let problems: [ConnectionProblem] = [
        .invalidAddress(url: "ftp://x", reason: "the scheme must be https or http"),
        .nameNotResolved(host: "xcp.example", reason: "Could not resolve host"),
        .cannotConnect(host: "10.0.0.1", port: 443, reason: "Connection refused"),
        .timedOut(host: "10.0.0.1", seconds: 66),
        .connectionLost(host: "10.0.0.1", reason: "Recv failure: Connection reset by peer"),
        .tlsVerificationFailed(host: "10.0.0.1", reason: "self-signed certificate", presentedPin: newPin),
        .pinMismatch(host: "10.0.0.1", pool: "prod", expected: goodPin, presented: newPin),
        .tlsHandshakeFailed(host: "10.0.0.1", reason: "wrong version number"),
        .httpError(host: "10.0.0.1", status: 404, detail: "Not Found"),
        .replyTooLarge(host: "10.0.0.1", limit: 1 << 30),
        .malformedReply(host: "10.0.0.1", detail: "expected <methodResponse> at byte 0"),
        .otherFailure(host: "10.0.0.1", reason: "curl error 56: boom"),
    ]

    @Test(arguments: problems)
    func everyProblemIsExplainedAsAConnectionFailure(problem: ConnectionProblem) {
        let e = ErrorExplanation.explain(problem)
        #expect(e.code == problem.kind)
        #expect(e.origin == .connection)
        #expect(e.isSpecific)
        #expect(!e.title.isEmpty && !e.title.hasSuffix("."))
        #expect(e.explanation.hasSuffix("."))
        #expect(e.suggestion != nil)
        #expect(e.parameters == problem.parameters)
        #expect(!e.explanation.contains("Optional(") && !(e.suggestion ?? "").contains("Optional("))
    }

    @Test func kindsAreDistinct() {
        let kinds = Self.problems.map(\.kind)
        #expect(Set(kinds).count == kinds.count)
        #expect(kinds.allSatisfy { $0 == $0.lowercased() })
    }

    @Test func networkProblemsAreTransientTrustProblemsAreNot() {
        let transient = Self.problems.filter { ErrorExplanation.explain($0).isTransient }.map(\.kind)
        #expect(
            transient == ["name-not-resolved", "cannot-connect", "timed-out", "connection-lost", "transport-failure"])
        #expect(ErrorExplanation.explain(.httpError(host: "h", status: 503, detail: nil)).isTransient)
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
        let unknown = ErrorExplanation.explain(.pinMismatch(host: "h", pool: nil, expected: goodPin, presented: nil))
        #expect(unknown.explanation.contains("is a different key, but the config pins \(goodPin)."))
        #expect(unknown.suggestion?.hasSuffix("Otherwise do not connect.") == true)
    }

    @Test func httpErrorsNameTheStatus() {
        let notFound = ErrorExplanation.explain(.httpError(host: "h", status: 404, detail: "Not Found"))
        #expect(notFound.title == "HTTP error 404 from h")
        #expect(notFound.explanation.contains("with HTTP status 404: it has no XAPI at that path"))
        #expect(notFound.explanation.hasSuffix("it sent \"Not Found\"."))
        let unavailable = ErrorExplanation.explain(.httpError(host: "h", status: 503, detail: nil))
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

    @Test func transportErrorsMapOntoProblems() {
        let decoding = XAPIDecodingError("unexpected <", offset: 0)
        let cases: [(XAPITransportError, ConnectionProblem)] = [
            (.invalidURL("ftp://x", reason: "bad scheme"), .invalidAddress(url: "ftp://x", reason: "bad scheme")),
            (
                .dnsFailure(url: "https://xcp.example", message: "nope"),
                .nameNotResolved(host: "xcp.example", reason: "nope")
            ),
            (
                .cannotConnect(url: "https://10.0.0.1", message: ""),
                .cannotConnect(host: "10.0.0.1", port: 443, reason: nil)
            ),
            (
                .cannotConnect(url: "http://[fe80::1]:8080", message: "refused"),
                .cannotConnect(host: "fe80::1", port: 8080, reason: "refused")
            ),
            (.timeout(url: "https://h:444", seconds: 66), .timedOut(host: "h", seconds: 66)),
            (.connectionLost(url: "https://h", message: "reset"), .connectionLost(host: "h", reason: "reset")),
            (
                .tlsVerificationFailed(url: "https://h", message: "self-signed", fingerprint: newPin),
                .tlsVerificationFailed(host: "h", reason: "self-signed", presentedPin: newPin)
            ),
            (
                .pinMismatch(url: "https://h", expected: goodPin, actual: nil),
                .pinMismatch(host: "h", pool: nil, expected: goodPin, presented: nil)
            ),
            (.tlsFailure(url: "https://h", message: "alert"), .tlsHandshakeFailed(host: "h", reason: "alert")),
            (.httpStatus(url: "https://h", status: 502, excerpt: ""), .httpError(host: "h", status: 502, detail: nil)),
            (.replyTooLarge(url: "https://h", limit: 512), .replyTooLarge(host: "h", limit: 512)),
            (
                .malformedReply(url: "https://h", error: decoding),
                .malformedReply(host: "h", detail: decoding.description)
            ),
            (
                .curl(url: "https://h", code: 56, message: "boom"),
                .otherFailure(host: "h", reason: "curl error 56: boom")
            ),
            (
                .cannotConnect(url: "not a url at all", message: "x"),
                .cannotConnect(host: "not a url at all", port: 443, reason: "x")
            ),
        ]
        for (error, problem) in cases {
            #expect(ConnectionProblem(error) == problem, "\(error)")
            #expect(ErrorExplanation.explain(error) == ErrorExplanation.explain(problem))
        }
    }
}
