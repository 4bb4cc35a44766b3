import TestSupport
import Foundation
import Testing

/// Exit codes and messages of `xentui` (PRODUCT §1): 2 bad usage or config, 3 cannot connect;
/// a password never appears in any output.
@Suite(.serialized)
struct ExitCodeTests {
    @Test func wrongPasswordExits3WithoutPrintingIt() async throws {
        let sim = try await offPool { try SimProcess(arguments: ["--vms", "3"]) }
        defer { sim.stop() }
        let url = try #require(sim.urls.first)
        let secret = "Wr0ng-S3cret-4711"
        let output = try await Xentui.run(
            ["ls", "--url", url, "--password-env", "XENTUI_TEST_PASSWORD"], environment: ["XENTUI_TEST_PASSWORD": secret])
        #expect(output.status == 3)
        #expect(output.stderr.contains("SESSION_AUTHENTICATION_FAILED"))
        #expect(!output.all.contains(secret))
        #expect(output.stdout.isEmpty)
    }

    @Test func missingPasswordVariableExits3() async throws {
        let output = try await Xentui.run(
            ["ls", "--url", "http://127.0.0.1:1", "--password-env", "XENTUI_TEST_UNSET_VARIABLE"])
        #expect(output.status == 3)
        #expect(output.stderr.contains("XENTUI_TEST_UNSET_VARIABLE"))
    }

    @Test func unreachablePoolExits3() async throws {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        let output = try await Xentui.run(
            ["ls", "--url", "http://127.0.0.1:1", "--password-env", "XENTUI_TEST_PASSWORD"],
            environment: ["XENTUI_TEST_PASSWORD": "password"])
        #expect(output.status == 3)
        #expect(output.stderr.contains("127.0.0.1") && output.stderr.contains("port 1"))
    }

    @Test func badConfigExits2NamingFileAndLine() async throws {
        let folder = try TemporaryFolder.make()
        let path = folder + "/config.toml"
        try "theme = \"dark\"\n[[pool]]\nname = \"prod\"\nurl = = \"https://x\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        let output = try await Xentui.run(["ls", "--config", path])
        #expect(output.status == 2)
        #expect(output.stderr.contains(path + ":4"), "\(output.stderr)")
    }

    @Test func unknownPoolExits2() async throws {
        let folder = try TemporaryFolder.make()
        let path = folder + "/config.toml"
        try "[[pool]]\nname = \"prod\"\nurl = \"http://127.0.0.1:1\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        let output = try await Xentui.run(["ls", "--config", path, "--pool", "nosuchpool"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("nosuchpool") && output.stderr.contains("prod"))
    }

    @Test(arguments: [["--password", "hunter2secret"], ["--password=hunter2secret"]])
    func passwordOnTheCommandLineIsRefusedWithoutEchoingIt(arguments: [String]) async throws {
        let output = try await Xentui.run(["ls", "--url", "http://127.0.0.1:1"] + arguments)
        #expect(output.status == 2)
        #expect(!output.all.contains("hunter2secret"))
        #expect(output.stderr.contains("--password-env") && output.stderr.contains("--password-file")
            && output.stderr.contains("--password-command"))
    }

    @Test func badUsageExits2() async throws {
        let output = try await Xentui.run(["ls", "--class", "nonsense"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("nonsense"))
    }

    /// Without a subcommand xentui is the interactive UI, which needs a terminal: a script
    /// gets exit 2 and where to look instead; `--help` lists the subcommands.
    @Test func noSubcommandIsTheUIAndHelpListsTheSubcommands() async throws {
        let output = try await Xentui.run([])
        #expect(output.status == 2)
        #expect(output.stderr.contains("needs a terminal") && output.stderr.contains("xentui ls"))
        let help = try await Xentui.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("ui") && help.stdout.contains("ls") && help.stdout.contains("info"))
    }

    /// Two config pools, one live and one unreachable: the live one is printed, the other
    /// reported on stderr, and the exit code is the failure's.
    @Test func onePoolOfTwoFailing() async throws {
        let sim = try await offPool { try SimProcess(arguments: ["--vms", "4", "--hosts", "1"]) }
        defer { sim.stop() }
        let url = try #require(sim.urls.first)
        let folder = try TemporaryFolder.make()
        let path = folder + "/config.toml"
        try """
            [[pool]]
            name = "alive"
            url = "\(url)"
            password_command = "echo password"

            [[pool]]
            name = "gone"
            url = "http://127.0.0.1:1"
            password_command = "echo password"

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let output = try await Xentui.run(["ls", "--config", path, "--format", "json"])
        #expect(output.status == 3)
        #expect(output.stderr.contains("gone"))
        #expect(!output.stderr.contains("pool alive"))
        let records = try Xentui.records(output)
        #expect(records.count == 4)
    }
}

/// `xentui info`: the version and every path, with the XDG variables respected.
struct InfoCommandTests {
    @Test func printsEveryPathWithXDGOverrides() async throws {
        let folder = try TemporaryFolder.make()
        try FileManager.default.createDirectory(atPath: folder + "/cfg/xentui/themes", withIntermediateDirectories: true)
        try "inherits = \"dark\"\n".write(toFile: folder + "/cfg/xentui/themes/mine.toml", atomically: true, encoding: .utf8)
        let output = try await Xentui.run(["info"], environment: [
            "XDG_CONFIG_HOME": folder + "/cfg", "XDG_STATE_HOME": folder + "/state", "XDG_CACHE_HOME": folder + "/cache",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let text = output.stdout
        #expect(text.contains("xentui 0.1.0"))
        #expect(text.contains(folder + "/cfg/xentui/config.toml  (missing)"))
        #expect(text.contains(folder + "/cfg/xentui/themes  (exists)"))
        #expect(text.contains(folder + "/cfg/xentui/keymaps  (missing)"))
        #expect(text.contains(folder + "/state/xentui/log.jsonl"))
        #expect(text.contains(folder + "/cache/xentui/"))
        #expect(text.contains("dark") && text.contains("solarized-dark") && text.contains("vim"))
        #expect(text.contains("user themes:      mine"))
    }

    @Test func stateDirectoryVariableWins() async throws {
        let folder = try TemporaryFolder.make()
        let output = try await Xentui.run(["info", "--config", folder + "/other.toml"], environment: [
            "XENTUI_STATE_DIR": folder + "/logs", "XDG_STATE_HOME": folder + "/state",
        ])
        #expect(output.stdout.contains(folder + "/logs/log.jsonl"))
        #expect(output.stdout.contains(folder + "/other.toml"))
    }
}
