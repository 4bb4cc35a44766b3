import Foundation
import Testing
import Inventory
import XAPI

private let secret = "s3cr3t-Pa55word"

@Suite struct ConfigPasswordTests {
    @Test func environment() throws {
        #expect(try PasswordSource.environment("XPW").resolve(environment: ["XPW": secret]) == secret)
        #expect(throws: PasswordSourceError("the environment variable XPW is not set")) {
            try PasswordSource.environment("XPW").resolve(environment: ["OTHER": secret])
        }
    }

    @Test func privateFileGivesItsFirstLine() throws {
        let scratch = ConfigScratch()
        defer { scratch.remove() }
        let path = try scratch.write("pw", secret + "\nuser: root\n", mode: 0o600)
        #expect(try PasswordSource.file(path).resolve() == secret)
        let crlf = try scratch.write("pw2", secret + "\r\n", mode: 0o400)
        #expect(try PasswordSource.file(crlf).resolve() == secret)
        let bare = try scratch.write("pw3", secret, mode: 0o600)
        #expect(try PasswordSource.file(bare).resolve() == secret)
    }

    @Test func fileReadableByOthersIsRefused() throws {
        let scratch = ConfigScratch()
        defer { scratch.remove() }
        let path = try scratch.write("pw", secret + "\n", mode: 0o644)
        do {
            _ = try PasswordSource.file(path).resolve()
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "the password file \(path) is readable by others (mode 644); make it private with: chmod 600 \(path)")
            #expect(!error.description.contains(secret))
        }
        let group = try scratch.write("pw-group", secret, mode: 0o640)
        #expect(throws: PasswordSourceError.self) { try PasswordSource.file(group).resolve() }
    }

    @Test func missingFile() throws {
        #expect(throws: PasswordSourceError("cannot read the password file /nonexistent/pw: No such file or directory")) {
            try PasswordSource.file("/nonexistent/pw").resolve()
        }
    }

    @Test func command() throws {
        #expect(try PasswordSource.command("printf '%s\\n' '\(secret)'").resolve() == secret)
        // Standard input is closed: a command reading it gets end of file at once.
        #expect(try PasswordSource.command("cat; printf x").resolve() == "x")
    }

    @Test func failingCommandShowsStatusAndStderrNeverStdout() throws {
        do {
            _ = try PasswordSource.command("echo \(secret); echo 'gpg: decryption failed' >&2; echo more >&2; exit 3").resolve()
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "the password command `echo \(secret); echo 'gpg: decryption failed' >&2; echo more >&2; exit 3` failed with exit status 3: gpg: decryption failed")
        }
        do {
            _ = try PasswordSource.command("printf '%s' \"$XPW_TEST\"; exit 1").resolve()
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "the password command `printf '%s' \"$XPW_TEST\"; exit 1` failed with exit status 1")
        }
    }

    @Test func noSource() {
        #expect(throws: PasswordSourceError.self) { try PasswordSource.none.resolve() }
    }

    @Test func descriptionsNeverHoldTheSecret() throws {
        let scratch = ConfigScratch()
        defer { scratch.remove() }
        let file = try scratch.write("pw", secret, mode: 0o600)
        let sources: [PasswordSource] = [.environment("XPW"), .file(file), .command("cat " + file), .none]
        for source in sources {
            #expect(!source.description.contains(secret))
            #expect(!"\(source)".contains(secret))
        }
        let env = ["XPW": secret]
        for source in [PasswordSource.environment("NOPE"), .file(file + ".missing"), .command("cat '\(file)'; cat '\(file)' >&2; exit 2")] {
            do {
                _ = try source.resolve(environment: env)
                Issue.record("expected an error from \(source)")
            } catch {
                #expect(!error.description.contains(secret), "\(source)")
            }
        }
    }
}
