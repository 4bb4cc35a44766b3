import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import XAPI
import XAPISim

/// Every real xapi database of the fixtures, served by the simulator, comes back through the
/// real client — JSON-RPC and XML-RPC — as typed records equal to the database's rows.
@Suite("Real databases through both protocols", .serialized)
struct RealDatabaseRoundTripTests {
    static let fixtureNames = [
        "TampaTwoHostPoolSelectioniSCSI.xml", "boston-db.xml", "small_vms.xml", "state1.xml",
    ]

    static var fixtures: URL? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let folder = root.deletingLastPathComponent().appendingPathComponent("shared/xapi/fixtures/xapi-db")
        return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
    }

    @Test(arguments: fixtureNames, [XAPIProtocolPreference.jsonrpc, .xmlrpc])
    func databaseComesBackAsTypedRecords(file: String, wire: XAPIProtocolPreference) async throws {
        guard let folder = Self.fixtures else {
            print("skipped: ../shared/xapi/fixtures is absent, so the real databases cannot be checked")
            return
        }
        let text = try Data(contentsOf: folder.appendingPathComponent(file))
        let database = try SimDatabase.load(stateDB: [UInt8](text))
        let server = SimServer(pools: [SimPool(database: database)])
        let url = try await server.start(host: "127.0.0.1", port: 0)[0].url
        do {
            let session = try XAPISession(
                url: url, password: .value("password"), options: XAPISessionOptions(protocolPreference: wire))
            try await session.login()
            #expect(await session.wireProtocol == (wire == .jsonrpc ? .jsonrpc : .xmlrpc))
            // The simulator recomputes VMs' allowed_operations from its state machine (they must
            // stay true as VMs change); the dump holds what xapi computed when it was taken.
            try await expectEqualRows(VMRecord.self, session, database) { served, expected in
                expected.allowed_operations = served.allowed_operations
            }
            try await expectAllowedOperationsFollowPowerState(session)
            try await expectEqualRows(HostRecord.self, session, database)
            try await expectEqualRows(SRRecord.self, session, database)
            try await expectEqualRows(NetworkRecord.self, session, database)
            try await expectEqualRows(VDIRecord.self, session, database)
            try await expectEqualRows(VBDRecord.self, session, database)

            // Independently of our loader: every VM row's uuid and name as the file writes them.
            let rows = try RawRows(xml: text, table: "VM")
            let vms = try await session.getAllRecords(VMRecord.self)
            #expect(rows.count == vms.count, "\(file): VM rows in the file vs records served")
            for row in rows {
                let record = vms[Ref(row.ref)]
                #expect(record?.uuid == row.attributes["uuid"], "\(file) \(row.ref) uuid")
                #expect(record?.name_label == row.attributes["name__label"], "\(file) \(row.ref) name_label")
                #expect(record?.power_state.rawValue == row.attributes["power_state"], "\(file) \(row.ref) power_state")
            }
            await session.logout()
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// The records the client decoded equal the database rows decoded as the same record type
    /// (after `adjust`, for fields the simulator owns).
    private func expectEqualRows<R: XAPIRecord>(
        _ type: R.Type, _ session: XAPISession, _ database: SimDatabase,
        adjust: (R, inout R) -> Void = { _, _ in }
    ) async throws {
        let fetched = try await session.getAllRecords(R.self)
        let rows = database[R.xapiClassName]
        #expect(Set(fetched.keys.map(\.rawValue)) == Set(rows.keys), "\(R.xapiClassName): the same refs")
        var differing: [String] = []
        for (ref, row) in rows {
            guard let served = fetched[Ref(ref)] else { continue }
            var expected = try R(value: .structure(row))
            adjust(served, &expected)
            if served != expected { differing.append(ref) }
        }
        #expect(differing.isEmpty, "\(R.xapiClassName) records that differ from their database rows: \(differing)")
    }

    private func expectAllowedOperationsFollowPowerState(_ session: XAPISession) async throws {
        for (ref, vm) in try await session.getAllRecords(VMRecord.self) where !vm.is_a_template && !vm.is_control_domain {
            switch vm.power_state {
            case .halted: #expect(vm.allowed_operations.contains(.start), "halted \(ref) can start")
            case .running: #expect(vm.allowed_operations.contains(.cleanShutdown), "running \(ref) can shut down")
            default: break
            }
            #expect(!(vm.power_state == .running && vm.allowed_operations.contains(.start)), "running \(ref) cannot start")
        }
    }
}

/// The rows of one table of a state.db file, read with Foundation's XMLParser: an outside
/// reading of the file, so the check does not rest on the simulator's own loader.
private struct RawRows: Sequence {
    struct Row {
        var ref: String
        var attributes: [String: String]
    }

    private var rows: [Row] = []
    var count: Int { rows.count }

    init(xml: Data, table: String) throws {
        let delegate = Collector(table: table)
        let parser = XMLParser(data: xml)
        parser.delegate = delegate
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        rows = delegate.rows
    }

    func makeIterator() -> IndexingIterator<[Row]> { rows.makeIterator() }

    private final class Collector: NSObject, XMLParserDelegate {
        let table: String
        var inTable = false
        var rows: [Row] = []
        init(table: String) { self.table = table }

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if name == "table" { inTable = attributes["name"] == table }
            if name == "row", inTable, let ref = attributes["ref"] { rows.append(Row(ref: ref, attributes: attributes)) }
        }
    }
}
