import OrderedCollections

/// What the inventory needs from a session; `XAPISession` is the real one, tests script a fake.
public protocol XAPISessionProtocol: Actor {
    /// The host the session talks to (after any `HOST_IS_SLAVE` redirect).
    var host: HostURL { get }
    func login() async throws
    func logout() async
    func call(_ method: String, _ params: [XAPIValue], object: String?) async throws -> XAPIValue
    func getAllRecords<R: XAPIRecord>(_ type: R.Type) async throws -> OrderedDictionary<Ref<R>, R>
    func eventInject(className: String, ref: String) async throws -> String
    func eventFrom(classes: [String], token: String, timeout: Double) async throws -> EventBatch
}
