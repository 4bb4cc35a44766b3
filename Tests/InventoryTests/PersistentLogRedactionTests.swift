import Foundation
import Testing
import XAPI

@testable import Inventory

private let password = "Tr0ub4dor&3-horse"

@Suite struct PersistentLogRedactionTests {
    @Test func passwordNeverReachesTheFile() throws {
        let scratch = LogScratch()
        defer { scratch.remove() }
        let log = scratch.log()
        // What the session layer reports when a login fails or a password cannot be read: the
        // errors name the source and the user, never the value.
        let failedLogin = XAPIError(
            code: "SESSION_AUTHENTICATION_FAILED", params: ["root", "Authentication failure"],
            call: "session.login_with_password")
        let badSource = PasswordSourceError("the password file /home/u/.xentui-pw is readable by others (mode 644)")
        try log.append(
            LogEntry(level: .error, kind: .connection, pool: "prod", call: failedLogin.call, error: failedLogin.errorDescription,
                     message: failedLogin.description))
        try log.append(LogEntry(level: .error, kind: .error, pool: "prod", message: badSource.description))
        // Careless callers: the redaction catches what it can recognise…
        try log.append(LogEntry(level: .warn, kind: .connection, pool: "prod", message: "retrying https://root:\(password)@10.0.0.1/jsonrpc"))
        try log.append(LogEntry(level: .info, kind: .action, xe: "xe -s 10.0.0.1 -u root -pw \(password) vm-start uuid=x"))
        try log.append(LogEntry(level: .info, kind: .error, message: "GET /rrd_updates?session_id=OpaqueRef:abc&start=1 password=\(password) token=\"\(password)\""))
        try log.append(LogEntry(level: .info, kind: .error, message: #"{"user":"root","password":"\#(password)"}"#))
        try log.append(LogEntry(level: .error, kind: .error, error: ["SESSION_INVALID", "OpaqueRef:secret-session"]))
        // …and a secret registered once it is read is masked wherever it appears.
        log.addSecret(password)
        try log.append(LogEntry(level: .error, kind: .error, call: "session.login_with_password", message: "login(root, \(password)) failed"))

        let text = scratch.text()
        #expect(!text.contains(password))
        #expect(!text.contains("OpaqueRef:abc"))
        #expect(!text.contains("secret-session"))
        #expect(text.contains("SESSION_AUTHENTICATION_FAILED"))
        #expect(text.contains("https://root:***@10.0.0.1/jsonrpc"))
        #expect(text.contains("-pw *** vm-start uuid=x"))
        #expect(text.contains("session_id=***&start=1"))
        #expect(text.contains(#"\"password\":\"***\""#))
        #expect(text.contains("login(root, ***) failed"))
        #expect(scratch.lines().count == 8)
    }

    @Test func ordinaryTextIsLeftAlone() {
        let redaction = LogRedaction()
        for text in [
            "VM.start web-01 on xcp-host-02", "session.login_with_password", "uuid=0f2b9c2e-1 name_label=web-01",
            "https://10.0.0.1/jsonrpc", "password file /x is readable by others", "VM_BAD_POWER_STATE: expected running",
        ] {
            #expect(redaction.redact(text) == text)
        }
        #expect(redaction.redact("--password-file=/etc/pw") == "--password-file=***")
    }

    @Test func longMessagesAreRedactedQuickly() {
        // A long run of letters must not make the patterns rescan it from every position.
        let long = String(repeating: "a", count: 200_000) + " password=x"
        let start = Date()
        #expect(LogRedaction().redact(long).hasSuffix("password=***"))
        #expect(Date().timeIntervalSince(start) < 30)
    }
}
