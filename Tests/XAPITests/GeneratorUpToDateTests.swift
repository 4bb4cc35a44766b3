import TestSupport
import Foundation
import Testing

/// The committed `Sources/XAPI/Generated` and `Sources/Inventory/Generated` are exactly what
/// the generator writes today.
@Suite struct GeneratorUpToDateTests {
    static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(
        .enabled(if: SharedFolder.exists, "needs ../shared/xapi/datamodel beside the package root"),
        .enabled(if: python != nil, "needs python3 to run Scripts/generate-records.py"))
    func generatedFilesAreUpToDate() async throws {
        let python = try #require(Self.python)
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("generate-records-\(UUID().uuidString)")
        let inventoryOutput = FileManager.default.temporaryDirectory
            .appendingPathComponent("generate-records-inventory-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(at: inventoryOutput)
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            SharedFolder.packageRoot.appendingPathComponent("Scripts/generate-records.py").path,
            SharedFolder.datamodel.path, "--output", output.path, "--inventory-output", inventoryOutput.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        // The generator runs for seconds: wait for it off the cooperative pool.
        let status = try await offPool {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        #expect(status == 0)

        for (folder, generated) in [("Sources/XAPI/Generated", output), ("Sources/Inventory/Generated", inventoryOutput)] {
            let committed = SharedFolder.packageRoot.appendingPathComponent(folder)
            let fresh = try FileManager.default.contentsOfDirectory(atPath: generated.path).sorted()
            let existing = try FileManager.default.contentsOfDirectory(atPath: committed.path)
                .filter { $0.hasSuffix(".swift") }.sorted()
            #expect(fresh == existing, "run: python3 Scripts/generate-records.py ../shared/xapi/datamodel")
            for name in fresh {
                let new = try Data(contentsOf: generated.appendingPathComponent(name))
                let old = try? Data(contentsOf: committed.appendingPathComponent(name))
                #expect(new == old, "\(folder)/\(name) is stale: run python3 Scripts/generate-records.py ../shared/xapi/datamodel")
            }
        }
    }
}
