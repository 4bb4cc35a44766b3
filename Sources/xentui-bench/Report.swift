import Foundation

/// Everything one bench run found: written as JSON, printed as a table, summarised in BENCHMARKS.md.
struct BenchReport: Codable {
    var command: String
    var date: String
    var machine: Machine
    var figures: [Figure]
    /// Scenarios that could not be measured, with why.
    var failures: [String]

    struct Machine: Codable {
        var cpu: String
        var cores: Int
        var memory: String
        var system: String
        /// /proc/loadavg before and after the run: the machine is shared.
        var loadBefore: String
        var loadAfter: String

        static func current(loadBefore: String) -> Machine {
            let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
            let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
                .flatMap { $0.split(separator: ":", maxSplits: 1).last }.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
            let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
            let total = meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
                .flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Double($0) } ?? 0
            var name = utsname()
            uname(&name)
            func text<T>(_ field: T) -> String {
                withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            }
            return Machine(cpu: model, cores: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))),
                           memory: String(format: "%.1f GB", total / 1e6), system: "\(text(name.sysname)) \(text(name.release)) \(text(name.machine))",
                           loadBefore: loadBefore, loadAfter: "")
        }
    }

    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ").prefix(3).joined(separator: " ")
    }

    // MARK: The table

    var table: String {
        let header = ["figure", "goal", "median", "spread (min–max)", "result"]
        var rows = figures.map { figure in
            [figure.title, figure.goal.map { "\($0.text) \(figure.unit)" } ?? "", "\(Measured.format(figure.median)) \(figure.unit)",
             figure.spreadText, figure.resultText]
        }
        rows.insert(header, at: 0)
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.enumerated().map { index, row in
            let line = row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
            return index == 0 ? line + "\n" + String(repeating: "-", count: line.count) : line
        }.joined(separator: "\n")
    }

    // MARK: BENCHMARKS.md

    /// The whole file; `notes` holds the hand-written profile notes by figure id (bench/notes/ID.md).
    func markdown(notes: [String: String]) -> String {
        var text = """
            # Benchmarks

            Produced by `\(command)`, finished \(date).
            Machine: \(machine.cpu), \(machine.cores) cores, \(machine.memory) RAM, \(machine.system); load average \
            \(machine.loadBefore) before the run, \(machine.loadAfter) after (the machine is shared with other builds).
            Release build. Each figure is the median of its runs; the spread is the lowest and highest run.
            Raw results: `bench/results.json`. Rows without a goal explain another row.

            | figure | goal | median | spread (min–max) | result | what was measured |
            |---|---|---|---|---|---|

            """
        for figure in figures {
            let goal = figure.goal.map { "\($0.text) \(figure.unit)" } ?? ""
            text += "| \(figure.title) | \(goal) | \(Measured.format(figure.median)) \(figure.unit) | \(figure.spreadText) | "
                + "\(figure.resultText) | \(figure.note.replacingOccurrences(of: "|", with: "/")) |\n"
        }
        if !failures.isEmpty {
            text += "\n## Not measured\n\n" + failures.map { "- \($0)" }.joined(separator: "\n") + "\n"
        }
        let missed = figures.filter { $0.passed == false }
        if !missed.isEmpty {
            text += "\n## Goals not met\n"
            for figure in missed {
                guard let goal = figure.goal else { continue }
                text += "\n### \(figure.title)\n\n"
                text += "Measured \(Measured.format(figure.median)) \(figure.unit) against \(goal.text) \(figure.unit): "
                text += String(format: "%.1f", goal.shortfall(of: figure.median)) + "× "
                text += goal.direction == .atLeast ? "too slow.\n\n" : "over.\n\n"
                text += notes[figure.id]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "No profile recorded for this figure yet."
                text += "\n"
            }
        }
        if let general = notes["method"] { text += "\n" + general.trimmingCharacters(in: .whitespacesAndNewlines) + "\n" }
        return text
    }

    /// Profile notes by figure id: every `*.md` file of `folder`.
    static func notes(in folder: String) -> [String: String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var notes: [String: String] = [:]
        for file in files where file.hasSuffix(".md") {
            notes[String(file.dropLast(3))] = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8)
        }
        return notes
    }
}
