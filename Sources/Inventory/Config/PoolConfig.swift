import XAPI
/// One `[[pool]]` table of the config file.
public struct PoolConfig: Sendable, Hashable {
    public var name: String
    public var url: PoolURL
    /// Default `root`.
    public var user: String
    /// From `password_file` or `password_command`; `.none` when neither is given.
    public var password: PasswordSource
    /// `sha256//BASE64`, learned on first use or written by hand.
    public var pin: String?
    public var readOnly: Bool
    /// The colour of this pool's title (e.g. red for production).
    public var accent: ConfigColor?
    /// The line of the `[[pool]]` header (for messages).
    public var line: Int

    public init(name: String, url: PoolURL, user: String = "root", password: PasswordSource = .none,
                pin: String? = nil, readOnly: Bool = false, accent: ConfigColor? = nil, line: Int = 0) {
        self.name = name
        self.url = url
        self.user = user
        self.password = password
        self.pin = pin
        self.readOnly = readOnly
        self.accent = accent
        self.line = line
    }
}
