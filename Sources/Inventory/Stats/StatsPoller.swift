import XAPI

/// A host whose stats are wanted: its pool's name and its uuid, and where to ask (xapi
/// answers `/rrd_updates` only for the host it runs on).
public struct StatsHost: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var pool: String
    public var uuid: String
    /// The host's `address` (empty when unknown).
    public var address: String
    public var isMaster: Bool

    public init(pool: String, uuid: String, address: String = "", isMaster: Bool = false) {
        self.pool = pool
        self.uuid = uuid
        self.address = address
        self.isMaster = isMaster
    }

    public var description: String { "\(pool)/\(uuid)" }
    public static func < (lhs: StatsHost, rhs: StatsHost) -> Bool { (lhs.pool, lhs.uuid) < (rhs.pool, rhs.uuid) }
}

/// What the poller reports: a reply for one host and range, or why a host's stats failed
/// (once per distinct failure, not every 5 s).
public enum StatsEvent: Sendable {
    case updated(StatsHost, StatsRange, RRDUpdates)
    case failed(StatsHost, String)
}

/// Polls `/rrd_updates` every `interval` for the hosts the UI shows (`watch`), and for no
/// other: each range at its own step (5 s, 1 min, 1 h), starting with its whole window so the
/// graphs are full at once, then only the rows since the last reply.
public actor StatsPoller {
    /// Fetches one reply; the caller decides the URL and the session (StatsHost → pool connection).
    public typealias Fetch = @Sendable (StatsHost, RRDFetchQuery) async throws -> RRDUpdates

    private let fetch: Fetch
    private let interval: Duration
    private let now: @Sendable () -> Double
    /// The hosts to poll and the ranges each needs (longer ranges only while a graph shows them).
    private var wanted: [StatsHost: Set<StatsRange>] = [:]
    /// Per host and range: when it was last asked (Unix seconds) and the newest row it got.
    private var polled: [StatsHost: [StatsRange: (at: Double, end: Int64?)]] = [:]
    private var lastFailure: [StatsHost: String] = [:]
    private var polling = false
    private var pollAgain = false
    private let sink: AsyncStream<StatsEvent>.Continuation
    public nonisolated let events: AsyncStream<StatsEvent>

    public init(interval: Duration = .seconds(5), now: @escaping @Sendable () -> Double, fetch: @escaping Fetch) {
        self.fetch = fetch
        self.interval = interval
        self.now = now
        (events, sink) = AsyncStream<StatsEvent>.makeStream(bufferingPolicy: .bufferingNewest(256))
    }

    /// The hosts to poll from now on, each for every range.
    public func watch(_ hosts: Set<StatsHost>, pollNow: Bool = true) {
        watch(Dictionary(uniqueKeysWithValues: hosts.map { ($0, Set(StatsRange.allCases)) }), pollNow: pollNow)
    }

    /// The hosts to poll from now on and the ranges each needs; what is newly wanted is
    /// polled at once unless `pollNow` is false.
    public func watch(_ wanted: [StatsHost: Set<StatsRange>], pollNow: Bool = true) {
        let added = wanted.contains { host, ranges in !ranges.isSubset(of: self.wanted[host] ?? []) }
        self.wanted = wanted
        if added && pollNow { Task { await self.pollOnce() } }
    }

    public var watchedHosts: Set<StatsHost> { Set(wanted.keys) }

    /// Polls until cancelled.
    public func run() async {
        while !Task.isCancelled {
            await pollOnce()
            try? await Task.sleep(for: interval)
        }
        sink.finish()
    }

    /// Asks every watched host for every range that is due. Calls while one runs make it run once more.
    public func pollOnce() async {
        if polling {
            pollAgain = true
            return
        }
        polling = true
        defer { polling = false }
        repeat {
            pollAgain = false
            // The 10 minutes of every host first (what sparklines show), then the longer ranges;
            // a host that fails is not asked for its other ranges until the next round.
            // Hosts are asked side by side, so an unreachable one does not hold up the others.
            var failed: Set<StatsHost> = []
            for range in StatsRange.allCases {
                guard !Task.isCancelled else { return }
                let hosts = wanted.filter { $0.value.contains(range) && !failed.contains($0.key) }.keys.sorted()
                let outcomes = await withTaskGroup(of: (StatsHost, Bool).self) { group in
                    for host in hosts {
                        group.addTask { (host, await self.poll(host, range)) }
                    }
                    var outcomes: [(StatsHost, Bool)] = []
                    for await outcome in group { outcomes.append(outcome) }
                    return outcomes
                }
                for (host, succeeded) in outcomes where !succeeded { failed.insert(host) }
            }
        } while pollAgain
    }

    /// False when the host failed (or is no longer watched).
    private func poll(_ host: StatsHost, _ range: StatsRange) async -> Bool {
        guard wanted[host]?.contains(range) == true else { return true }
        let time = now()
        let last = polled[host]?[range]
        if let last, time - last.at < Double(range.step) { return true }
        // The rows since the last reply (one step back, so none is missed), else the whole window.
        let start = last?.end.map { $0 - range.step } ?? -range.seconds
        polled[host, default: [:]][range] = (time, last?.end)
        do {
            let updates = try await fetch(host, RRDFetchQuery(start: start, interval: range.step))
            let newest = updates.rows.map(\.time).max() ?? last?.end
            polled[host, default: [:]][range] = (time, newest)
            lastFailure[host] = nil
            sink.yield(.updated(host, range, updates))
            return true
        } catch is CancellationError {
            polled[host]?[range] = last
            return false
        } catch {
            // Try again next round, whatever the range's step.
            polled[host, default: [:]][range] = (time - Double(range.step) + 1, last?.end)
            let message = String(describing: error)
            if lastFailure[host] != message {
                lastFailure[host] = message
                sink.yield(.failed(host, message))
            }
            return false
        }
    }
}
