import Foundation
import Testing
@testable import UI

/// Sources/UI/BuiltIn/BuiltInFiles.swift is generated from keymaps/ and themes/ by
/// Scripts/embed-builtins.py; this fails when someone edits one and forgets the script.
@Suite struct BuiltInFilesTests {
    func filesOnDisk(_ folder: String) throws -> [String: String] {
        let directory = packageRoot().appendingPathComponent(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".toml") }
        var files: [String: String] = [:]
        for name in names {
            files[String(name.dropLast(5))] = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        }
        return files
    }

    @Test func embeddedKeymapsEqualTheFiles() throws {
        let disk = try filesOnDisk("keymaps")
        #expect(disk.keys.sorted() == BuiltInFiles.keymaps.keys.sorted(), "run Scripts/embed-builtins.py")
        for (name, text) in disk { #expect(BuiltInFiles.keymaps[name] == text, "keymaps/\(name).toml: run Scripts/embed-builtins.py") }
    }

    @Test func embeddedThemesEqualTheFiles() throws {
        let disk = try filesOnDisk("themes")
        #expect(disk.keys.sorted() == BuiltInFiles.themes.keys.sorted(), "run Scripts/embed-builtins.py")
        for (name, text) in disk { #expect(BuiltInFiles.themes[name] == text, "themes/\(name).toml: run Scripts/embed-builtins.py") }
    }

    @Test func builtInNamesMatchTheSpec() {
        #expect(BuiltInFiles.keymaps.keys.sorted() == ["default", "emacs", "vim"])
        #expect(BuiltInFiles.themes.keys.sorted() == ["dark", "high-contrast", "light", "mono", "nord", "solarized-dark"])
    }
}
