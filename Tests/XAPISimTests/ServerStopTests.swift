import Foundation
import TestSupport
import Testing
import XAPI

@testable import XAPISim

/// `SimServer.stop()` with clients parked in long `event.from` waits and idle keep-alive
/// connections: it must release every wait, close every connection and return at once. Before,
/// it closed only the listeners and shut the loops down under the parked calls, which then
/// completed their promises on dead loops ("Cannot schedule tasks on an EventLoop that has
/// already shut down") — the suspected cause of a rare hang in parallel test runs. NIO's
/// precondition message cannot be captured, so the rounds repeat to give the race its chances,
/// and each checks that no call is left running that could complete later.
@Suite(.ownThread, .timeLimit(.minutes(1))) struct ServerStopTests {
    private static let rawWaiters = 4
    private static let rounds = 20

    private struct Outcome: Sendable {
        var response: RawHTTPClient.Response?
        var failure: String?
        var seconds: Double
    }

    @Test func stopReleasesParkedEventWaitsAndClosesConnections() async throws {
        for round in 1...Self.rounds {
            try await stopRound(round)
        }
    }

    private func stopRound(_ round: Int) async throws {
        var poolOptions = SimPoolOptions()
        poolOptions.loginFailureDelay = 0
        let pool = SimPool(database: makeDatabase(), options: poolOptions)
        let server = SimServer(pools: [pool])
        let port = try #require(try await server.start(host: "127.0.0.1", port: 0).first?.port)
        let token = pool.eventToken

        // Raw keep-alive connections: log in, then park an event.from for 30 s.
        var waiters: [RawHTTPClient] = []
        for _ in 0..<Self.rawWaiters {
            let client = try RawHTTPClient(port: port)
            let session = try await login(client)
            try client.post(
                "/jsonrpc",
                body: #"{"jsonrpc":"2.0","method":"event.from","params":["\#(session)",["VM"],"\#(token)",30.0],"id":2}"#,
                contentType: "application/json")
            waiters.append(client)
        }
        // One idle keep-alive connection with nothing in flight.
        let idle = try RawHTTPClient(port: port)
        _ = try await login(idle)
        // And the real client, through libcurl.
        let session = XAPISession(host: HostURL(scheme: "http", host: "127.0.0.1", port: port), password: .value("password"))
        try await session.login()
        let sessionWait = Task { () -> Double in
            let started = ContinuousClock.now
            _ = try? await session.eventFrom(classes: ["VM"], token: token, timeout: 30)
            return seconds(since: started)
        }

        let parked = await waitUntil { pool.parkedWaiterCount == Self.rawWaiters + 1 }
        #expect(parked, "round \(round): only \(pool.parkedWaiterCount) event.from calls parked")
        #expect(server.openCounts.connections >= Self.rawWaiters + 2)

        let stopStarted = ContinuousClock.now
        await server.stop()
        let stopSeconds = seconds(since: stopStarted)
        #expect(stopSeconds < 1, "round \(round): stop took \(stopSeconds) s")

        // Every parked client sees its connection end without a reply, promptly.
        for client in waiters + [idle] {
            let outcome = try await read(client)
            #expect(outcome.response == nil, "round \(round): a parked call was answered while stopping")
            #expect(outcome.seconds < 2, "round \(round): the client waited \(outcome.seconds) s (\(outcome.failure ?? "EOF"))")
        }
        #expect(await sessionWait.value < 2, "round \(round): XAPISession's event.from did not fail promptly")
        await session.logout()

        // Nothing is left that could complete a promise on the shut-down loops later.
        #expect(pool.parkedWaiterCount == 0)
        #expect(server.openCounts.connections == 0 && server.openCounts.calls == 0)
        #expect(throws: RawHTTPClient.Failure.self) { try RawHTTPClient(port: port) }

        // Idempotent: a second stop returns at once.
        let again = ContinuousClock.now
        await server.stop()
        #expect(seconds(since: again) < 0.5)
    }

    @Test func concurrentStopsAllWaitForTheFirst() async throws {
        let pool = SimPool(database: makeDatabase())
        let server = SimServer(pools: [pool])
        let port = try #require(try await server.start().first?.port)
        let client = try RawHTTPClient(port: port)
        let session = try await login(client)
        try client.post(
            "/jsonrpc",
            body: #"{"jsonrpc":"2.0","method":"event.from","params":["\#(session)",["VM"],"\#(pool.eventToken)",30.0],"id":2}"#,
            contentType: "application/json")
        #expect(await waitUntil { pool.parkedWaiterCount == 1 })
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { await server.stop() } }
        }
        // Whichever call returned last, every one returned after the shutdown was complete.
        #expect(server.openCounts.connections == 0 && server.openCounts.calls == 0)
        #expect(pool.parkedWaiterCount == 0)
        #expect(try await read(client).response == nil)
    }

    @Test func demoPoolsStopTheSameWay() async throws {
        let demo = try await DemoPools.start(seed: 1, churn: 0)
        var clients: [RawHTTPClient] = []
        for endpoint in demo.endpoints {
            let port = try #require(Int(endpoint.url.split(separator: ":").last ?? ""))
            let client = try RawHTTPClient(port: port)
            try client.post(
                "/jsonrpc",
                body: #"{"jsonrpc":"2.0","method":"session.login_with_password","params":["\#(endpoint.user)","\#(endpoint.password)"],"id":1}"#,
                contentType: "application/json")
            let text = try #require(try await client.response()).bodyText
            let sessionStart = try #require(text.firstRange(of: "OpaqueRef:")).lowerBound
            let session = text[sessionStart...].prefix { $0 != "\"" }
            // An empty token answers at once with everything and the token to wait from.
            try client.post(
                "/jsonrpc", body: #"{"jsonrpc":"2.0","method":"event.from","params":["\#(session)",["VM"],"",30.0],"id":2}"#,
                contentType: "application/json")
            let first = try #require(try await client.response()).bodyText
            let tokenStart = try #require(first.firstRange(of: #""token":""#)).upperBound
            let token = first[tokenStart...].prefix { $0 != "\"" }
            try client.post(
                "/jsonrpc", body: #"{"jsonrpc":"2.0","method":"event.from","params":["\#(session)",["VM"],"\#(token)",30.0],"id":3}"#,
                contentType: "application/json")
            clients.append(client)
        }
        try? await Task.sleep(for: .milliseconds(100))
        let started = ContinuousClock.now
        await demo.stop()
        #expect(seconds(since: started) < 1)
        for client in clients {
            let outcome = try await read(client)
            #expect(outcome.response == nil && outcome.seconds < 2, "\(outcome.failure ?? "answered or EOF late")")
        }
    }

    @Test func cancellingAParkedEventFromEndsItsWaitAtOnce() async throws {
        let pool = SimPool(database: makeDatabase())
        let login = pool.handle(XAPICall(method: "session.login_with_password", params: ["root", "password"]))
        let session = try #require(login.value)
        let call = XAPICall(method: "event.from", params: [session, ["VM"], .string(pool.eventToken), 30.0])
        let started = ContinuousClock.now
        let wait = Task { await pool.serve(call) }
        #expect(await waitUntil { pool.parkedWaiterCount == 1 })
        wait.cancel()
        _ = await wait.value
        #expect(seconds(since: started) < 2)
        #expect(pool.parkedWaiterCount == 0)
    }

    // MARK: Helpers

    private func login(_ client: RawHTTPClient) async throws -> String {
        try client.post(
            "/jsonrpc", body: #"{"jsonrpc":"2.0","method":"session.login_with_password","params":["root","password"],"id":1}"#,
            contentType: "application/json")
        let text = try #require(try await client.response()).bodyText
        let start = try #require(text.firstRange(of: "OpaqueRef:"))
        return String(text[start.lowerBound...].prefix { $0 != "\"" })
    }

    /// Reads what the server sends next, off the cooperative pool: a response, EOF (nil) or an error.
    private func read(_ client: RawHTTPClient) async throws -> Outcome {
        try await offPool {
            let started = ContinuousClock.now
            do {
                let response = try client.readResponse()
                return Outcome(response: response, failure: nil, seconds: seconds(since: started))
            } catch {
                return Outcome(response: nil, failure: "\(error)", seconds: seconds(since: started))
            }
        }
    }

    private func waitUntil(_ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition() {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }
}

private func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}
