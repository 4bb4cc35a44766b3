import Foundation
import TOMLKit

/// Trust on first use: records a pool's learned pin in the config file by editing the one
/// line (or inserting one after the pool's `url`), leaving every other byte as it was.
extension XentuiConfig {
    /// Writes `pin` for pool `name` into the file at `path` and returns the config read back.
    /// A pool missing from the file is appended as a new `[[pool]]` when `url` is given;
    /// a missing file is created (mode 0600, its folder 0700).
    public func savingPin(_ pin: String, forPool name: String, url: PoolURL? = nil) throws(ConfigError) -> XentuiConfig {
        guard let path else { throw ConfigError(path: nil, line: nil, problem: "no config file to save the pin of pool \"\(name)\" in") }
        if let problem = PoolPin.problem(with: pin) { throw ConfigError(path: path, line: nil, problem: problem) }
        let manager = FileManager.default
        let exists = manager.fileExists(atPath: path)
        var text = ""
        if exists {
            guard let data = manager.contents(atPath: path), let read = String(data: data, encoding: .utf8) else {
                throw ConfigError(path: path, line: nil, problem: "cannot read the file")
            }
            text = read
        }
        guard let edited = ConfigPinWriter.setting(pin: pin, forPool: name, url: url, in: text) else {
            throw ConfigError(path: path, line: nil, problem: "no [[pool]] named \"\(name)\" to save its pin in")
        }
        _ = try XentuiConfig(parsing: edited, path: path)  // never write a file we cannot read back
        try ConfigPinWriter.write(edited, to: path, existing: exists)
        return try XentuiConfig.load(path: path)
    }
}

enum ConfigPinWriter {
    /// The text with the pool's pin set, or nil when the pool is not there and no url is given.
    static func setting(pin: String, forPool name: String, url: PoolURL?, in text: String) -> String? {
        let lines = ConfigLines(text)
        var out = lines.lines.map(String.init)
        let newline = text.contains("\r\n") ? "\r\n" : "\n"
        let section = lines.arrayTables("pool").first { section in
            guard let entry = section.entry("name") else { return false }
            return (try? CheckedTOML.table(entry.text))?["name"]?.string == name
        }
        if let section {
            if let entry = section.entry("pin") {
                out[entry.line - 1] = replacingValue(in: entry.text, with: quoted(pin))
            } else {
                let anchor = section.entry("url") ?? section.entry("name")
                let indent = anchor.map { String($0.text.prefix { $0 == " " || $0 == "\t" }) } ?? ""
                out.insert(indent + "pin = " + quoted(pin), at: anchor?.line ?? section.line)
            }
            return out.joined(separator: newline)
        }
        guard let url else { return nil }
        var result = text
        if !result.isEmpty, !(result.hasSuffix("\n") || result.hasSuffix("\r\n")) { result += newline }
        if !result.isEmpty { result += newline }
        for line in ["[[pool]]", "name = " + quoted(name), "url = " + quoted(url.description), "pin = " + quoted(pin)] {
            result += line + newline
        }
        return result
    }

    /// `key = "old" # comment` → `key = NEW # comment`.
    static func replacingValue(in line: String, with value: String) -> String {
        guard let equals = line.firstIndex(of: "=") else { return line }
        let afterEquals = line[line.index(after: equals)...]
        let spaces = afterEquals.prefix { $0 == " " || $0 == "\t" }
        let old = afterEquals.dropFirst(spaces.count)
        var end = old.endIndex
        if let quote = old.first, quote == "\"" || quote == "'" {
            var i = old.index(after: old.startIndex)
            while i < old.endIndex, old[i] != quote {
                if old[i] == "\\", quote == "\"" { i = old.index(after: i) ; if i == old.endIndex { break } }
                i = old.index(after: i)
            }
            end = i < old.endIndex ? old.index(after: i) : i
        } else {
            end = old.firstIndex { $0 == " " || $0 == "\t" || $0 == "#" } ?? old.endIndex
        }
        return String(line[...equals]) + spaces + value + old[end...]
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// Replaces the file atomically, keeping its mode; a new file gets 0600 and a new folder 0700.
    static func write(_ text: String, to givenPath: String, existing: Bool) throws(ConfigError) {
        let manager = FileManager.default
        // A config kept in a dotfiles repository is often a symlink: replace its target, not the link.
        let path = existing ? (givenPath as NSString).resolvingSymlinksInPath : givenPath
        let folder = (path as NSString).deletingLastPathComponent
        var mode = 0o600
        if existing, let attributes = try? manager.attributesOfItem(atPath: path),
           let existingMode = attributes[.posixPermissions] as? Int {
            mode = existingMode
        }
        if !folder.isEmpty, !manager.fileExists(atPath: folder) {
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw ConfigError(path: path, line: nil, problem: "cannot create the folder \(folder): \(error.localizedDescription)")
            }
        }
        let temporary = path + ".xentui-\(getpid()).tmp"
        guard manager.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: mode]) else {
            throw ConfigError(path: path, line: nil, problem: "cannot write \(temporary)")
        }
        // createFile's mode passes through the umask; set it exactly.
        chmod(temporary, mode_t(mode))
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw ConfigError(path: path, line: nil, problem: "cannot replace the file: \(reason)")
        }
    }
}
