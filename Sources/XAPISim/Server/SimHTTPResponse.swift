import NIOHTTP1

/// A complete HTTP reply from the simulator.
struct SimHTTPResponse: Sendable {
    var status: HTTPResponseStatus
    var contentType: String?
    var body: [UInt8]
    var extraHeaders: [(String, String)] = []

    static func text(_ status: HTTPResponseStatus, _ text: String) -> SimHTTPResponse {
        SimHTTPResponse(status: status, contentType: "text/plain", body: Array(text.utf8))
    }

    /// What xapi sends for a request it cannot parse: HTTP 500 with an HTML page.
    static let internalError = SimHTTPResponse(
        status: .internalServerError, contentType: "text/html",
        body: Array(
            ("<html><body><h1>HTTP 500 internal server error</h1>An unexpected error occurred; please wait a while "
                + "and try again. If the problem persists, please contact your support representative.<h1> Additional "
                + "information </h1>The request could not be parsed.</body></html>").utf8))

    static let cors = SimHTTPResponse(
        status: .ok, contentType: nil, body: [],
        extraHeaders: [
            ("Access-Control-Allow-Methods", "POST, GET, OPTIONS"),
            ("Access-Control-Allow-Headers", "Content-Type, X-Requested-With"),
        ])
}
