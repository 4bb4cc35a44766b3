import Testing
import XAPI

@testable import XAPISim

@Suite struct SessionTests {
    @Test func loginWithTwoThreeOrFourParams() {
        let (pool, _) = makePool()
        #expect(pool.call("session.login_with_password", "root", "password").value?.stringValue?.hasPrefix("OpaqueRef:") == true)
        #expect(pool.call("session.login_with_password", "root", "password", "1.1").value != nil)
        #expect(pool.call("session.login_with_password", "root", "password", "1.1", "test").value != nil)
    }

    @Test func loginParamCountMismatch() {
        let (pool, _) = makePool()
        #expect(
            pool.call("session.login_with_password", "root").errorDescription
                == ["MESSAGE_PARAMETER_COUNT_MISMATCH", "session.login_with_password", "4", "1"])
    }

    @Test func wrongPasswordFails() {
        let (pool, _) = makePool()
        #expect(
            pool.call("session.login_with_password", "root", "nope").errorDescription
                == ["SESSION_AUTHENTICATION_FAILED", "root", "Authentication failure"])
    }

    @Test func slaveListenerNamesTheMaster() {
        let (pool, _) = makePool()
        let reply = pool.handle(
            XAPICall(method: "session.login_with_password", params: ["root", "password"]),
            role: .slave(masterAddress: "10.0.0.1"))
        #expect(reply.errorDescription == ["HOST_IS_SLAVE", "10.0.0.1"])
    }

    @Test func unknownAndExpiredSessions() {
        let (pool, _) = makePool()
        #expect(pool.call("VM.get_all", "OpaqueRef:bogus").errorDescription == ["SESSION_INVALID", "OpaqueRef:bogus"])
        let session = pool.login()
        #expect(pool.call("VM.get_all", .string(session)).value != nil)
        pool.expireSessions()
        #expect(pool.call("VM.get_all", .string(session)).errorDescription == ["SESSION_INVALID", session])
    }

    @Test func logoutEndsTheSession() {
        let (pool, _) = makePool()
        let session = pool.login()
        #expect(pool.call("session.logout", .string(session)).value == "")
        #expect(pool.call("session.logout", .string(session)).errorDescription == ["SESSION_INVALID", session])
    }

    @Test func sessionGetters() {
        let (pool, _) = makePool()
        let session = pool.login()
        #expect(pool.call("session.get_this_host", .string(session), .string(session)).value == .string(Refs.host1))
        #expect(pool.call("session.get_is_local_superuser", .string(session), .string(session)).value == true)
        #expect(pool.call("session.get_uuid", .string(session), .string(session)).value?.stringValue?.count == 36)
    }
}
