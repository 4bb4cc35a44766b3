import Testing
import XAPI
import XAPISim

@testable import Inventory

/// The one-shot load shared by the sync and `xentui ls`, against the simulator; and the
/// demo pools, which `--demo` serves in the process.
@Suite(.serialized)
struct PoolInventoryLoadTests {
    @Test func scopesLoadWhatTheyNameAndEverythingLoadsAll() async throws {
        let sim = try await EventLoopEndToEndTests.startSimulator(seed: 11)
        let session = try XAPISession(url: sim.url, password: .value("password"))
        try await session.login()
        let vms = try await PoolInventory.load(from: session, name: "p", scope: .vms)
        #expect(vms.vms.count == sim.database.tables["VM"]?.count)
        #expect(vms.hosts.count == 2 && vms.pools.count == 1)
        #expect(vms.srs.isEmpty && vms.messages.isEmpty)
        #expect(!vms.token.isEmpty && vms.state == .live)
        let srs = try await PoolInventory.load(from: session, name: "p", scope: .srs)
        #expect(srs.vms.isEmpty && srs.srs.count == sim.database.tables["SR"]?.count)
        let everything = try await PoolInventory.load(from: session, name: "p")
        #expect(everything.vms.count == vms.vms.count && everything.srs.count == srs.srs.count)
        #expect(everything.vbds.count == sim.database.tables["VBD"]?.count)
        await session.logout()
        await sim.server.stop()
    }

    @Test func demoPoolsServeProdAndLab() async throws {
        let demo = try await DemoPools.start(seed: 1, churn: 0)
        #expect(demo.endpoints.map(\.name) == ["prod", "lab"])
        var hostCounts: [Int] = []
        for endpoint in demo.endpoints {
            let session = try XAPISession(url: endpoint.url, user: endpoint.user, password: .value(endpoint.password))
            try await session.login()
            let inventory = try await PoolInventory.load(from: session, name: endpoint.name, scope: .vms)
            #expect(InventoryTree(inventory).poolName == endpoint.name)
            hostCounts.append(inventory.hosts.count)
            await session.logout()
        }
        #expect(hostCounts == [8, 3])
        await demo.stop()
    }
}
