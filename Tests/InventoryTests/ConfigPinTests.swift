import Foundation
import Testing
import Inventory

/// A private temporary folder, removed by `remove()`.
struct ConfigScratch {
    let folder: String

    init() {
        folder = FileManager.default.temporaryDirectory.path + "/xentui-config-test-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String, mode: Int) throws -> String {
        let path = folder + "/" + name
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    func mode(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

private let pin1 = "sha256//" + String(repeating: "A", count: 43) + "="
private let pin2 = "sha256//" + String(repeating: "B", count: 43) + "="

@Suite struct ConfigPinTests {
    static let original = """
        # my pools
        theme = "dark"

        [[pool]]
        name = "prod"        # production
        url = "https://10.0.0.1"
        password_command = "pass show prod"
        read_only = true

        [[pool]]
          name = "lab"
          url = "https://lab:8443"
          pin = "\(pin1)"   # learned 2024-05-01
          accent = "green"

        """

    @Test func insertsAfterURL() throws {
        let scratch = ConfigScratch()
        defer { scratch.remove() }
        let path = try scratch.write("config.toml", Self.original, mode: 0o640)
        let config = try XentuiConfig.load(path: path)
        let saved = try config.savingPin(pin2, forPool: "prod")
        #expect(saved.pool(named: "prod")?.pin == pin2)
        #expect(saved.pool(named: "lab")?.pin == pin1)
        let expected = Self.original.replacingOccurrences(
            of: "url = \"https://10.0.0.1\"\n", with: "url = \"https://10.0.0.1\"\npin = \"\(pin2)\"\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
        #expect(try scratch.mode(path) == 0o640)
    }

    @Test func replacesOnlyThePinValue() throws {
        let scratch = ConfigScratch()
        defer { scratch.remove() }
        let path = try scratch.write("config.toml", Self.original, mode: 0o600)
        _ = try XentuiConfig.load(path: path).savingPin(pin2, forPool: "lab")
        let expected = Self.original.replacingOccurrences(of: "pin = \"\(pin1)\"   #", with: "pin = \"\(pin2)\"   #")
        #expect(expected != Self.original)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
        #expect(try scratch.mode(path) == 0o600)
    }

    @Test func keepsWindowsLineEndings() throws {
        let scratch = ConfigScratch()
        defer { scratch.remove() }
        let crlf = Self.original.replacingOccurrences(of: "\n", with: "\r\n")
        let path = try scratch.write("config.toml", crlf, mode: 0o600)
        _ = try XentuiConfig.load(path: path).savingPin(pin2, forPool: "prod")
        let expected = crlf.replacingOccurrences(
            of: "url = \"https://10.0.0.1\"\r\n", with: "url = \"https://10.0.0.1\"\r\npin = \"\(pin2)\"\r\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
    }

    @Test func symlinkedConfigKeepsItsLink() throws {
        let scratch = ConfigScratch()
        defer { scratch.remove() }
        let target = try scratch.write("dotfiles-config.toml", Self.original, mode: 0o600)
        let link = scratch.folder + "/config.toml"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        _ = try XentuiConfig.load(path: link).savingPin(pin2, forPool: "prod")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("pin = \"\(pin2)\""))
    }

    @Test func newPoolAndNewFile() throws {
        let scratch = ConfigScratch()
        defer { scratch.remove() }
        let path = scratch.folder + "/new/xentui/config.toml"
        let url = try PoolURL.parse("https://10.9.9.9").get()
        let saved = try XentuiConfig.load(path: path).savingPin(pin1, forPool: "10.9.9.9", url: url)
        #expect(saved.pools == [PoolConfig(name: "10.9.9.9", url: url, pin: pin1, line: 1)])
        #expect(try scratch.mode(path) == 0o600)
        #expect(try scratch.mode(scratch.folder + "/new/xentui") == 0o700)
        #expect(try String(contentsOfFile: path, encoding: .utf8)
            == "[[pool]]\nname = \"10.9.9.9\"\nurl = \"https://10.9.9.9\"\npin = \"\(pin1)\"\n")
    }

    @Test func unknownPoolWithoutURLAndBadPin() throws {
        let scratch = ConfigScratch()
        defer { scratch.remove() }
        let path = try scratch.write("config.toml", Self.original, mode: 0o600)
        let config = try XentuiConfig.load(path: path)
        #expect(throws: ConfigError(path: path, line: nil, problem: "no [[pool]] named \"dev\" to save its pin in")) {
            try config.savingPin(pin1, forPool: "dev")
        }
        #expect(throws: ConfigError.self) { try config.savingPin("sha256//nope", forPool: "prod") }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.original)
    }
}
