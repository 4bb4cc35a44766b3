import Foundation
import Testing
@testable import UI

@Suite struct FoldMemoryTests {
    func temporaryPath() -> String {
        NSTemporaryDirectory() + "xentui-folds-" + UUID().uuidString + "/folds.json"
    }

    /// Folding chosen in one run comes back in the next: a folded host and an unfolded storage group.
    @Test func foldingSurvivesARestart() {
        let memory = FoldMemory(path: temporaryPath())
        var state = AppFixture.state()
        state.setFold(TreeNodeID(pool: "prod", kind: .host, ref: "OpaqueRef:h1"), folded: true)
        state.setFold(TreeNodeID(pool: "lab", kind: .storageGroup), folded: false)
        #expect(memory.save(state.foldState))

        var next = AppFixture.state()
        next.restoreFolds(memory.load())
        #expect(next.rows.map(\.id) == state.rows.map(\.id))
        #expect(next.rows.first { $0.id.kind == .host && $0.name == "xcp-host-01" }?.folded == true)
        #expect(next.rows.contains { $0.id.kind == .sr && $0.id.pool == "lab" })
    }

    /// Pool names may hold anything, tabs included; a damaged file is an empty memory.
    @Test func oddPoolNamesAndDamagedFiles() throws {
        let path = temporaryPath()
        let memory = FoldMemory(path: path)
        let odd = TreeNodeID(pool: "a\tb/c ✓", kind: .pool)
        #expect(memory.save([odd: true]))
        #expect(memory.load() == [odd: true])
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: path))
        #expect(memory.load().isEmpty)
        #expect(FoldMemory(path: "/nonexistent-dir-\(UUID())/x/folds.json").load().isEmpty)
    }
}
