import Foundation
import TestSupport
import Testing

/// `xentui log` on log files written by the test (as another xentui would write them).
@Suite(.serialized)
struct LogCommandTests {
    /// A private state folder and its log file.
    struct LogFolder {
        let state: String
        var path: String { state + "/log.jsonl" }

        init() throws {
            state = try TemporaryFolder.make() + "/state"
            try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        }

        /// One line as xentui writes it (fields in the writer's order).
        static func line(_ n: Int, level: String = "info", pool: String = "prod", status: String = "success") -> String {
            let second = String(format: "%02d", n % 60)
            return #"{"ts":"2026-11-25T10:\#(String(format: "%02d", n / 60)):\#(second).000Z","level":"\#(level)","kind":"task","#
                + #""pool":"\#(pool)","object":{"class":"VM","name":"vm-\#(n)"},"call":"VM.start","status":"\#(status)","#
                + #""message":"entry \#(n)"}"#
        }

        func append(_ lines: [String]) throws {
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
                else { throw RawRPCError("cannot create \(path)") }
            }
            guard let handle = FileHandle(forWritingAtPath: path) else { throw RawRPCError("cannot open \(path)") }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(lines.map { $0 + "\n" }.joined().utf8))
            try handle.close()
        }

        func run(_ arguments: [String]) async throws -> Xentui.Output {
            try await Xentui.run(["log"] + arguments, environment: ["XENTUI_STATE_DIR": state])
        }
    }

    static func messages(_ output: Xentui.Output) -> [String] {
        output.stdout.split(separator: "\n").compactMap { line in
            line.range(of: "entry ").map { String(line[$0.lowerBound...]) }
        }
    }

    @Test func printsTheLastEntriesNewestLast() async throws {
        let log = try LogFolder()
        try log.append((1...30).map { LogFolder.line($0) })
        let all = try await log.run([])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(Self.messages(all) == (11...30).map { "entry \($0)" })
        #expect(all.stdout.split(separator: "\n").allSatisfy { $0.contains("✓ VM.start") && $0.contains("prod") })
        let three = try await log.run(["-n", "3"])
        #expect(Self.messages(three) == ["entry 28", "entry 29", "entry 30"])
        let none = try await log.run(["-n", "0"])
        #expect(none.status == 0 && none.stdout.isEmpty)
        let bad = try await log.run(["-n", "-4"])
        #expect(bad.status == 2)
    }

    @Test func levelAndPoolChooseEntries() async throws {
        let log = try LogFolder()
        try log.append([
            LogFolder.line(1), LogFolder.line(2, level: "warn", status: "cancelled"),
            LogFolder.line(3, level: "error", status: "failure"), LogFolder.line(4, pool: "lab"),
            LogFolder.line(5, level: "error", pool: "lab", status: "failure"),
        ])
        #expect(Self.messages(try await log.run(["--level", "warn"])) == ["entry 2", "entry 3", "entry 5"])
        #expect(Self.messages(try await log.run(["--level", "error"])) == ["entry 3", "entry 5"])
        #expect(Self.messages(try await log.run(["--pool", "lab"])) == ["entry 4", "entry 5"])
        #expect(Self.messages(try await log.run(["--pool", "lab", "--level", "error", "-n", "1"])) == ["entry 5"])
        let bad = try await log.run(["--level", "loud"])
        #expect(bad.status == 2 && bad.stderr.contains("loud"))
    }

    @Test func jsonPrintsTheLinesAsTheFileHoldsThem() async throws {
        let log = try LogFolder()
        let lines = (1...5).map { LogFolder.line($0) }
        try log.append(lines)
        let output = try await log.run(["--json", "-n", "2"])
        #expect(output.status == 0)
        #expect(output.stdout == lines[3] + "\n" + lines[4] + "\n")
    }

    @Test func aDamagedLineIsSkippedWithANote() async throws {
        let log = try LogFolder()
        try log.append([LogFolder.line(1), "{\"ts\": garbage", LogFolder.line(2), "\u{01}\u{02} binary"])
        let output = try await log.run([])
        #expect(output.status == 0)
        #expect(Self.messages(output) == ["entry 1", "entry 2"])
        #expect(output.stderr.contains("skipped 2 damaged lines"), "\(output.stderr)")
    }

    @Test func aMissingLogSaysSoAndExits0() async throws {
        let log = try LogFolder()
        let output = try await log.run([])
        #expect(output.status == 0)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.contains("no log yet") && output.stderr.contains(log.path))
    }

    /// `-f` prints what another process appends, across a rotation, and what another xentui
    /// writes; Ctrl-C ends it with exit 0. On a thread of its own: it blocks reading the pipes.
    @Test(.ownThread) func followPicksUpAppendsRotationAndAnotherXentui() async throws {
        let log = try LogFolder()
        try log.append([LogFolder.line(1), LogFolder.line(2)])
        let process = Process()
        process.executableURL = BuildPaths.executable("xentui")
        process.arguments = ["log", "-f", "-n", "1"]
        var environment = ProcessInfo.processInfo.environment
        environment["XENTUI_STATE_DIR"] = log.state
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let lines = LineReader(handle: out.fileHandleForReading)
        let errors = LineReader(handle: err.fileHandleForReading)
        func next() -> String? { lines.nextLine(timeout: 10) }

        #expect(next()?.contains("entry 2") == true)
        try log.append([LogFolder.line(3)])
        #expect(next()?.contains("entry 3") == true)

        // Rotation as the writer does it: the full file becomes .1 and a new one starts.
        try FileManager.default.moveItem(atPath: log.path, toPath: log.path + ".1")
        try log.append([LogFolder.line(4), "not json", LogFolder.line(5)])
        #expect(next()?.contains("entry 4") == true)
        #expect(next()?.contains("entry 5") == true)
        let note = errors.nextLine(timeout: 10)
        #expect(note?.contains("damaged line") == true, "\(note ?? "no note")")

        // Another xentui writes: its action and its end appear as they happen.
        let f = try await VMCommandFixture.start(vms: 4, seed: 2)
        defer { f.stop() }
        let halted = try f.guest("Halted")
        let run = try await Xentui.run(
            ["vm", "start", halted.name, "--wait", "--url", f.url, "--password-env", "XENTUI_TEST_PASSWORD"],
            environment: ["XENTUI_TEST_PASSWORD": VMCommandFixture.secret, "XENTUI_STATE_DIR": log.state])
        #expect(run.status == 0, "\(run.all)")
        let started = next()
        let ended = next()
        #expect(started?.contains("⟳ VM.start") == true && started?.contains(halted.name) == true, "\(started ?? "")")
        #expect(ended?.contains("✓ VM.start") == true, "\(ended ?? "")")

        process.interrupt()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        let stopped = !process.isRunning
        #expect(stopped)
        if stopped { #expect(process.terminationStatus == 0) }
    }
}
