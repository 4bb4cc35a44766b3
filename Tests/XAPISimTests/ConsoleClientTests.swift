import Foundation
import TestSupport
import Testing
import XAPI

@testable import XAPISim

/// The client's `CONNECT /console` (`ConsoleConnection`) against the simulator.
@Suite(.timeLimit(.minutes(1))) struct ConsoleClientTests {
    private func withServer(_ body: (SimPool, String, HostURL) async throws -> Void) async throws {
        let pool = SimPool(database: SimDatabase.generate(pools: 1, hosts: 2, vms: 24, seed: 7)[0])
        let server = SimServer(pools: [pool])
        let listener = try await server.start(host: "127.0.0.1", port: 0)[0]
        let session = pool.handle(XAPICall(method: "session.login_with_password", params: ["root", "password"]))
        do {
            guard case .success(let value) = session else { throw RawHTTPClient.Failure(description: "login failed") }
            try await body(pool, value.stringValue ?? "", try HostURL(parsing: listener.url))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    private func consoleLocation(_ pool: SimPool, protocol proto: String) -> String? {
        let database = pool.database
        return database["console"].values.first { console in
            let vm = database["VM"][console["VM"]?.stringValue ?? ""] ?? [:]
            return console["protocol"]?.stringValue == proto && vm["power_state"]?.stringValue == "Running"
                && vm["is_control_domain"]?.boolValue != true
        }?["location"]?.stringValue
    }

    /// Reads until `marker` shows up in what arrived (5 s at most).
    private func read(_ connection: ConsoleConnection, until marker: String, after start: [UInt8] = []) -> String {
        var received = start
        var buffer = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(5)
        while !String(decoding: received, as: UTF8.self).contains(marker), Date() < deadline {
            switch try? connection.receive(into: &buffer) {
            case .bytes(let count): received += buffer[..<count]
            case .wouldBlock: usleep(10_000)
            default: return String(decoding: received, as: UTF8.self)
            }
        }
        return String(decoding: received, as: UTF8.self)
    }

    @Test func attachesLogsInAndRunsACommand() async throws {
        try await withServer { pool, session, master in
            let location = try #require(consoleLocation(pool, protocol: "vt100"))
            let access = ConsoleAccess(sessionID: session, master: master, options: TransportOptions())
            let output = try await offPool { () throws -> [String] in
                let connection = try ConsoleConnection.open(location: location, access: access, timeout: 5)
                defer { connection.close() }
                let greeting = read(connection, until: "login: ", after: connection.initialBytes)
                try connection.send(Array("root\r".utf8))
                _ = read(connection, until: "Password: ")
                try connection.send(Array("pw\r".utf8))
                _ = read(connection, until: "# ")
                try connection.send(Array("uname -r\r".utf8))
                return [greeting, read(connection, until: "# ")]
            }
            #expect(output[0].hasSuffix(" login: "))
            #expect(output[1].hasPrefix("uname -r\r\n"))
            #expect(output[1].split(separator: "\r\n").count == 3)
        }
    }

    @Test func refusalsSayWhyAndNeverHoldTheSession() async throws {
        try await withServer { pool, session, master in
            let location = try #require(consoleLocation(pool, protocol: "vt100"))
            let bad = ConsoleAccess(sessionID: "OpaqueRef:secret-session", master: master, options: TransportOptions())
            let error = try await offPool { () -> ConsoleError? in
                do {
                    _ = try ConsoleConnection.open(location: location, access: bad, timeout: 5)
                    return nil
                } catch { return error as? ConsoleError }
            }
            #expect(error?.status == 401)
            #expect(error?.description.contains("the session was refused") == true)
            #expect(error?.description.contains("secret-session") == false)

            let good = ConsoleAccess(sessionID: session, master: master, options: TransportOptions())
            let missing = master.description + "/console?ref=OpaqueRef:nope"
            let notFound = try await offPool { () -> ConsoleError? in
                do {
                    _ = try ConsoleConnection.open(location: missing, access: good, timeout: 5)
                    return nil
                } catch { return error as? ConsoleError }
            }
            #expect(notFound?.status == 404)
            #expect(notFound?.description.contains("OpaqueRef:nope is neither a console nor a VM") == true)
            #expect(notFound?.description.contains(session) == false)
        }
    }

    @Test func theHostClosingTheConsoleIsSeen() async throws {
        let pool = SimPool(database: SimDatabase.generate(pools: 1, hosts: 2, vms: 24, seed: 7)[0])
        let server = SimServer(pools: [pool])
        let listener = try await server.start(host: "127.0.0.1", port: 0)[0]
        guard case .success(let session) = pool.handle(XAPICall(method: "session.login_with_password", params: ["root", "password"])),
            let location = consoleLocation(pool, protocol: "vt100")
        else {
            await server.stop()
            Issue.record("no session or console")
            return
        }
        let access = ConsoleAccess(sessionID: session.stringValue ?? "", master: try HostURL(parsing: listener.url), options: TransportOptions())
        let connection = try await offPool { try ConsoleConnection.open(location: location, access: access, timeout: 5) }
        await server.stop()
        let ending = try await offPool { () -> ConsoleRead? in
            var buffer = [UInt8](repeating: 0, count: 4096)
            let deadline = Date().addingTimeInterval(5)
            while Date() < deadline {
                let read = try? connection.receive(into: &buffer)
                if read == .closed || read == nil { return .closed }
                if read == .wouldBlock { usleep(10_000) }
            }
            return nil
        }
        #expect(ending == .closed)
        connection.close()
    }

    @Test func aLocationThatIsNoURLIsRefusedAtOnce() {
        let access = ConsoleAccess(sessionID: "s", master: HostURL(scheme: "http", host: "127.0.0.1"), options: TransportOptions())
        #expect(throws: ConsoleError.invalidLocation("ftp://x/console?ref=a")) {
            try ConsoleConnection.open(location: "ftp://x/console?ref=a", access: access)
        }
        #expect(throws: ConsoleError.invalidLocation("http://x/other")) {
            try ConsoleConnection.open(location: "http://x/other", access: access)
        }
    }
}
