import Inventory
import XAPI

/// Fetches `/rrd_updates` for the UI's stats poller: a session of its own per pool (logged in
/// on first use and again when the pool forgets it) and one curl connection per address.
/// xapi answers only for the host it runs on, so a member is asked at its own address; the
/// demo serves every host of a pool on one listener and picks the host by `host_uuid`.
actor UIStatsSource {
    private let pools: [String: UIPool]
    private let demo: Bool
    private let wireProtocol: XAPIProtocolPreference
    private var sessions: [String: XAPISession] = [:]
    private var logins: [String: Task<String, any Error>] = [:]
    private var connections: [HostURL: CurlConnection] = [:]

    init(pools: [UIPool], demo: Bool, wireProtocol: XAPIProtocolPreference) {
        self.pools = Dictionary(pools.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.demo = demo
        self.wireProtocol = wireProtocol
    }

    nonisolated var fetch: StatsPoller.Fetch {
        { host, query in try await self.rrdUpdates(for: host, query: query) }
    }

    func rrdUpdates(for host: StatsHost, query: RRDFetchQuery) async throws -> RRDUpdates {
        guard let pool = pools[host.pool] else {
            throw XAPIError(code: "UNKNOWN_POOL", params: [host.pool])
        }
        var query = query
        var address = pool.host
        if demo {
            query.extra["host_uuid"] = host.uuid
        } else if !host.isMaster, !host.address.isEmpty {
            address = pool.host.withHost(host.address)
        }
        let connection = connection(to: address, pool: pool)
        do {
            return try await RRDUpdates.fetch(connection: connection, sessionID: try await sessionID(pool), query: query)
        } catch XAPITransportError.httpStatus(_, 401, _) {
            // The session expired or the pool restarted: log in again, once.
            logins[pool.name] = nil
            return try await RRDUpdates.fetch(connection: connection, sessionID: try await sessionID(pool), query: query)
        }
    }

    private func connection(to address: HostURL, pool: UIPool) -> CurlConnection {
        if let connection = connections[address] { return connection }
        let connection = CurlConnection(
            host: address, options: TransportOptions(insecure: pool.connection.insecure, pin: pool.connection.pin, connectTimeout: 5))
        connections[address] = connection
        return connection
    }

    /// The pool's session id; one login at a time per pool, however many hosts ask at once.
    private func sessionID(_ pool: UIPool) async throws -> String {
        if let login = logins[pool.name] { return try await login.value }
        let session = pool.connection.session(wireProtocol: wireProtocol, callTimeout: 30)
        sessions[pool.name] = session
        let login = Task {
            try await session.login()
            guard let ref = await session.currentSessionRef else {
                throw XAPIError(code: "SESSION_INVALID", params: ["no session after login"])
            }
            return ref
        }
        logins[pool.name] = login
        do {
            return try await login.value
        } catch {
            logins[pool.name] = nil
            throw error
        }
    }

    func logout() async {
        for session in sessions.values { await session.logout() }
        sessions = [:]
        logins = [:]
    }
}
