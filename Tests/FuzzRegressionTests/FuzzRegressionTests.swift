import Foundation
import FuzzTargets
import Testing

/// Every seed and every input a fuzzer ever crashed on (`Fuzz/Seeds/TARGET`, `Fuzz/Regressions/TARGET`)
/// goes through its target again, without sanitizers: a crash fixed once stays fixed.
@Suite struct FuzzRegressionTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz").path

    static func inputs(_ target: FuzzTarget) -> [String] {
        ["Seeds", "Regressions"].flatMap { kind -> [String] in
            let folder = "\(fuzzFolder)/\(kind)/\(target.rawValue)"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return names.sorted().map { "\(folder)/\($0)" }
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everySeedAndRegressionRuns(target: FuzzTarget) throws {
        let files = Self.inputs(target)
        #expect(!files.isEmpty, "no seeds for \(target.rawValue) in Fuzz/Seeds")
        for file in files {
            let bytes = try #require(FileManager.default.contents(atPath: file))
            target.run([UInt8](bytes))
        }
    }
}
