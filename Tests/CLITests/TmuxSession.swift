import Foundation

/// A private tmux server running one command in a detached window of a given size, for
/// driving the real interactive binary: type keys, read the screen. Killed by `stop()`.
final class TmuxSession: @unchecked Sendable {
    let socket: String
    private let environment: [String: String]

    /// Starts `command` (a shell command line) in a `width`×`height` window.
    init(command: String, width: Int = 100, height: Int = 30, environment extra: [String: String] = [:]) throws {
        socket = "xentui-test-" + UUID().uuidString.prefix(8)
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        for (key, value) in extra { environment[key] = value }
        self.environment = environment
        let status = try Self.spawn(["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", String(width), "-y", String(height), command],
                                    environment: environment, output: "/dev/null")
        guard status == 0 else { throw RawRPCError("tmux new-session failed with status \(status)") }
        // The window keeps the size given, whatever size the (absent) client has.
        _ = try? tmux(["set-option", "-g", "window-size", "manual"])
    }

    static var isAvailable: Bool {
        ["/usr/bin/tmux", "/bin/tmux", "/usr/local/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
        let file = NSTemporaryDirectory() + "xentui-tmux-" + UUID().uuidString
        defer { unlink(file) }
        let status = try Self.spawn(["tmux", "-L", socket] + arguments, environment: environment, output: file)
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        return (status, text)
    }

    /// posix_spawn and waitpid, without Foundation's Process: the tmux client that starts the
    /// server was seen left unreaped (a zombie) by Process, hanging the test.
    static func spawn(_ arguments: [String], environment: [String: String], output: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let error = posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
        guard error == 0 else { throw RawRPCError("cannot run \(arguments[0]): error \(error)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        return (status >> 8) & 0xFF
    }

    /// Keys in tmux's names (`g`, `Enter`, `Escape`, `C-p`, `Up`); each argument is one key.
    func send(_ keys: String...) throws {
        for key in keys {
            try tmux(["send-keys", "-t", "0", key])
            // Keys sent apart, as a person types: an ESC read together with the next key is
            // Alt+key, so Escape gets more time (a loaded machine may read late).
            usleep(key == "Escape" ? 400_000 : 80_000)
        }
    }

    /// Text typed literally.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", "0", "-l", text])
        usleep(80_000)
    }

    /// The screen as text, one line per row; with `escapes` the colours as SGR sequences too.
    func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", "0"] + (escapes ? ["-e"] : [])).stdout
    }

    /// Presses `q` and waits up to 10 s for the shell's `XENTUI-EXIT=` line; the screen then.
    func quit() throws -> String {
        try send("q")
        return try waitForScreen(timeout: 10) { $0.contains("XENTUI-EXIT=") }.screen
    }

    /// Waits until the screen satisfies `condition`; returns the last screen either way.
    @discardableResult
    func waitForScreen(timeout: TimeInterval = 30, escapes: Bool = false, _ condition: (String) -> Bool) throws -> (matched: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen(escapes: escapes)
            if condition(last) { return (true, last) }
            usleep(100_000)
        }
        return (false, last)
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "0", "-x", String(width), "-y", String(height)])
    }

    func stop() {
        _ = try? tmux(["kill-server"])
    }
}
