import Foundation
import TestSupport
import Testing

/// Trust on first use through a real TLS front (stunnel with a fresh self-signed certificate)
/// before `xapi-sim`: refused without a terminal, asked and saved on one (`script` gives the
/// child a terminal), accepted with the pin or `--insecure`.
@Suite(.serialized)
struct TrustOnFirstUseTests {
    @Test func untrustedCertificateIsOfferedForPinning() async throws {
        guard let stunnel = ["/usr/bin/stunnel4", "/usr/bin/stunnel"].first(where: FileManager.default.isExecutableFile),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")
        else {
            print("skipped: stunnel and openssl are needed (apt-get install stunnel4 openssl)")
            return
        }
        let sim = try await offPool { try SimProcess(arguments: ["--vms", "3", "--hosts", "1"]) }
        defer { sim.stop() }
        let simURL = try #require(sim.urls.first)
        let simPort = try #require(simURL.split(separator: ":").last.map(String.init))
        let folder = try TemporaryFolder.make()
        let front = try await offPool { try TLSFront(stunnel: stunnel, folder: folder, target: simPort) }
        defer { front.stop() }
        let url = "https://127.0.0.1:\(front.port)"
        let environment = ["XENTUI_TEST_PASSWORD": "password", "XDG_CONFIG_HOME": folder + "/cfg"]
        let arguments = ["ls", "--url", url, "--password-env", "XENTUI_TEST_PASSWORD"]

        // No terminal: exit 3 with the key and how to accept it.
        let refused = try await Xentui.run(arguments, environment: environment)
        #expect(refused.status == 3)
        #expect(refused.stderr.contains(front.pin))
        #expect(refused.stderr.contains("pin = \"\(front.pin)\""))
        #expect(refused.stderr.contains("--insecure"))
        #expect(refused.stdout.isEmpty)

        let insecure = try await Xentui.run(arguments + ["--insecure"], environment: environment)
        #expect(insecure.status == 0, "\(insecure.stderr)")
        #expect(insecure.stdout.hasPrefix("prod\n"))

        // On a terminal, "n" refuses and saves nothing.
        let xentui = BuildPaths.executable("xentui").path
        let command = ([xentui] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let declined = try await Xentui.runOnTerminal(command, answer: "n", environment: environment)
        #expect(declined.status == 3, "\(declined.all)")
        #expect(declined.all.contains("Trust this key and save it as the pin of pool 127.0.0.1"))
        let configPath = folder + "/cfg/xentui/config.toml"
        #expect(!FileManager.default.fileExists(atPath: configPath))

        // "y" saves the pin as a new [[pool]] and lists the pool.
        let accepted = try await Xentui.runOnTerminal(command, answer: "y", environment: environment)
        #expect(accepted.status == 0, "\(accepted.all)")
        #expect(accepted.all.contains("xcp-prod-01"))
        let saved = try String(contentsOfFile: configPath, encoding: .utf8)
        #expect(saved.contains("pin = \"\(front.pin)\""))
        #expect(saved.contains("url = \"\(url)\""))

        // From now on the pin is used without asking.
        let pinned = try await Xentui.run(arguments, environment: environment)
        #expect(pinned.status == 0, "\(pinned.stderr)")
        #expect(pinned.stdout.hasPrefix("prod\n"))
    }
}

/// stunnel on a free loopback port with a fresh self-signed certificate, forwarding to `target`.
final class TLSFront: @unchecked Sendable {
    let process = Process()
    let port: Int
    /// The certificate's pin as OpenSSL computes it (independent of xentui's own code).
    let pin: String

    init(stunnel: String, folder: String, target: String) throws {
        let cert = folder + "/cert.pem"
        let key = folder + "/key.pem"
        let made = try runProgram(URL(fileURLWithPath: "/bin/sh"), ["-c",
            "openssl req -x509 -newkey rsa:2048 -nodes -keyout '\(key)' -out '\(cert)' -days 2 -subj /CN=xapi-test 2>/dev/null && "
            + "openssl x509 -in '\(cert)' -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64"])
        guard made.status == 0 else { throw RawRPCError("openssl failed: \(made.stderr)") }
        pin = "sha256//" + made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        port = try Loopback.freePort()
        let config = folder + "/stunnel.conf"
        try "foreground = yes\npid =\n[xapi]\naccept = 127.0.0.1:\(port)\nconnect = 127.0.0.1:\(target)\ncert = \(cert)\nkey = \(key)\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: stunnel)
        process.arguments = [config]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        for _ in 0..<100 where !Loopback.accepts(port) { usleep(50_000) }
    }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit { stop() }


}
