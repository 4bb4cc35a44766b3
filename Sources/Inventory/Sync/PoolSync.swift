import OrderedCollections
import XAPI

/// Keeps one pool's inventory current: logs in, loads every class (from an `event.inject`
/// token, so nothing between the load and the first `event.from` is lost), then applies
/// `event.from` batches until cancelled.
///
/// - `EVENTS_LOST` / `SESSION_INVALID`: log in again and resync from a fresh inject.
/// - Network failures: reconnect with exponential backoff, trying the master first and then
///   every other host address the pool reported (a member answers `HOST_IS_SLAVE`, which the
///   session follows to the new master).
/// - Anything else the host says no to (bad credentials): state `failed`, and stop.
/// Every change is published on `changes`, with the inventory after it. Given a cached
/// inventory, the first change published is that one (stale, `cachedAt` set), until the live
/// load replaces it; given a cache writer, every live change is offered to it.
public actor PoolSync {
    public nonisolated let changes: AsyncStream<InventoryChange>
    /// Saves this pool's live inventory to the cache; `flush()` it on quit.
    public nonisolated let cacheWriter: InventoryCacheWriter?
    private let continuation: AsyncStream<InventoryChange>.Continuation
    public private(set) var inventory: PoolInventory
    private var addresses: [HostURL]
    private let makeSession: @Sendable (HostURL) -> any XAPISessionProtocol
    private let backoff: Backoff
    private let eventTimeout: Double
    private let sleep: @Sendable (Double) async throws -> Void

    /// - Parameters:
    ///   - address: the configured pool master.
    ///   - makeSession: a session to one address (the real one is `XAPISession`).
    ///   - eventTimeout: seconds each `event.from` waits on the host.
    ///   - cached: the pool's inventory from the cache, shown (stale) until the live load.
    ///   - cacheWriter: where live changes are offered for saving.
    public init(
        name: String, address: HostURL, makeSession: @escaping @Sendable (HostURL) -> any XAPISessionProtocol,
        backoff: Backoff = Backoff(), eventTimeout: Double = 60,
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) },
        cached: CachedInventory? = nil, cacheWriter: InventoryCacheWriter? = nil
    ) {
        inventory = PoolInventory(name: name)
        if let cached {
            // Records only: no token (a live load always starts over) and no master to trust.
            inventory = cached.inventory
            inventory.name = name
            inventory.state = .connecting
            inventory.token = ""
            inventory.master = nil
            inventory.cachedAt = cached.savedAt
        }
        self.cacheWriter = cacheWriter
        addresses = [address]
        self.makeSession = makeSession
        self.backoff = backoff
        self.eventTimeout = eventTimeout
        self.sleep = sleep
        (changes, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    }

    /// Runs until the task is cancelled or the pool refuses us; finishes `changes` on return.
    public func run() async {
        defer { continuation.finish() }
        if inventory.isStale { publish(.reloaded) }
        var attempt = 0
        var lastError = ""
        var lastProblem: ConnectionProblem?
        while !Task.isCancelled {
            setState(attempt == 0 ? .connecting : .reconnecting(attempt: attempt, error: lastError), problem: lastProblem)
            lastProblem = nil
            do {
                let session = try await connect()
                try await follow(session, resetAttempts: { attempt = 0 })
            } catch is CancellationError {
                return
            } catch let error as XAPIError where error.code == "EVENTS_LOST" || error.code == "SESSION_INVALID" {
                lastError = error.description
                continue  // log in again and resync at once
            } catch let error as XAPITransportError where error.isNetworkFailure {
                lastError = error.description
                lastProblem = ConnectionProblem(error)
            } catch let error as XAPIError where error.code == "SESSION_AUTHENTICATION_FAILED" {
                setState(.failed(error: error.description))
                return
            } catch let error as PasswordSourceError {
                setState(.failed(error: error.description))
                return
            } catch let error as XAPITransportError where error.needsTheUser || attempt >= 3 && !error.isNetworkFailure {
                // An untrusted certificate or a bad URL needs the user; HTTP errors that persist
                // will not go away by retrying.
                setState(.failed(error: error.description), problem: ConnectionProblem(error))
                return
            } catch {
                lastError = "\(error)"
                lastProblem = (error as? XAPITransportError).map(ConnectionProblem.init)
            }
            attempt += 1
            setState(.reconnecting(attempt: attempt, error: lastError), problem: lastProblem)
            do { try await sleep(backoff.delay(attempt: attempt)) } catch { return }
        }
    }

    /// Logs in at the first address that answers: the master, then the pool's other hosts.
    private func connect() async throws -> any XAPISessionProtocol {
        var firstError: (any Error)?
        for address in candidateAddresses() {
            if Task.isCancelled { throw CancellationError() }
            let session = makeSession(address)
            do {
                try await session.login()
                inventory.master = await session.host
                return session
            } catch let error as XAPITransportError where error.isNetworkFailure {
                firstError = firstError ?? error
            }
        }
        throw firstError ?? CancellationError()
    }

    private func candidateAddresses() -> [HostURL] {
        guard let configured = addresses.first else { return [] }
        var result: [HostURL] = []
        for candidate in [inventory.master].compactMap({ $0 }) + addresses
            + inventory.hostAddresses.map({ configured.withHost($0) }) where !result.contains(candidate)
        {
            result.append(candidate)
        }
        return result
    }

    /// Loads everything, then applies events until an error.
    private func follow(_ session: any XAPISessionProtocol, resetAttempts: () -> Void) async throws {
        try await load(session)
        resetAttempts()
        while true {
            try Task.checkCancellation()
            let batch = try await session.eventFrom(classes: PoolInventory.eventClasses, token: inventory.token, timeout: eventTimeout)
            var changed: [String: Set<String>] = [:]
            for event in batch.events where inventory.apply(event) {
                changed[event.className, default: []].insert(event.ref)
            }
            inventory.token = batch.token
            if let taskCount = batch.validRefCounts["task"], taskCount != inventory.tasks.count {
                // A task came and went between two polls: refetch the list.
                inventory.tasks.replaceAll(try await session.getAllRecords(TaskRecord.self))
                changed["task", default: []].formUnion(inventory.tasks.refs.map(\.rawValue))
            }
            if !changed.isEmpty { publish(.events(changed)) }
        }
    }

    private func load(_ session: any XAPISessionProtocol) async throws {
        setState(.loading)
        inventory = try await PoolInventory.load(from: session, name: inventory.name, master: inventory.master)
        publish(.reloaded)
    }

    private func setState(_ state: ConnectionState, problem: ConnectionProblem? = nil) {
        guard inventory.state != state else { return }
        inventory.state = state
        inventory.connectionProblem = problem
        publish(.state)
    }

    private func publish(_ kind: InventoryChange.Kind) {
        if kind != .state { cacheWriter?.offer(inventory) }
        continuation.yield(InventoryChange(pool: inventory.name, kind: kind, inventory: inventory))
    }
}

extension XAPITransportError {
    /// Failures only the user can fix (trust a certificate, correct the URL).
    var needsTheUser: Bool {
        switch self {
        case .tlsVerificationFailed, .pinMismatch, .invalidURL: true
        default: false
        }
    }
}
