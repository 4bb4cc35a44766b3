import TestSupport
import Foundation
import Testing

/// `xentui ls` against real `xapi-sim` processes, checked against the simulator's own data
/// read independently (raw JSON-RPC over curl, or the database file itself).
@Suite(.serialized)
struct ListCommandTests {
    @Test func jsonListsExactlyTheSimulatorsVMsOverEveryProtocol() async throws {
        let sim = try await offPool { try SimProcess(arguments: ["--vms", "500", "--seed", "7"]) }
        defer { sim.stop() }
        let url = try #require(sim.urls.first)
        let expected = try await offPool { try RawPool(url: url).expectedVMs() }
        #expect(expected.count >= 500)
        for wireProtocol in ["auto", "jsonrpc", "xmlrpc"] {
            let output = try await Xentui.run(
                ["ls", "--class", "vm", "--format", "json", "--url", url, "--password-env", "XENTUI_TEST_PASSWORD",
                 "--protocol", wireProtocol],
                environment: ["XENTUI_TEST_PASSWORD": "password"])
            #expect(output.status == 0, "\(wireProtocol): \(output.stderr)")
            let records = try Xentui.records(output)
            #expect(records.count == expected.count, "\(wireProtocol)")
            var listed: [String: VMFacts] = [:]
            for record in records {
                #expect(record.keys.contains("host") && record.keys.contains("resident_on") && record.keys.contains("uuid"))
                #expect(record["is_a_template"] as? Bool == false)
                listed[record["uuid"] as? String ?? ""] = VMFacts(listed: record)
            }
            #expect(listed == expected, "\(wireProtocol)")
        }
    }

    @Test(arguments: ["TampaTwoHostPoolSelectioniSCSI.xml", "boston-db.xml", "small_vms.xml", "state1.xml"])
    func realDatabasesListTheirHostsAndVMs(file: String) async throws {
        guard let shared = BuildPaths.shared else {
            print("skipped: ../shared is absent, so the xapi-db fixtures are too")
            return
        }
        let path = shared.appendingPathComponent("xapi/fixtures/xapi-db/" + file).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let database = StateDBRows(text)
        let expectedVMs = Set(database.rows(of: "VM").filter {
            $0["is_a_template"] != "true" && $0["is_control_domain"] != "true" && $0["is_a_snapshot"] != "true"
        }.compactMap { $0["uuid"] })
        let expectedHosts = Set(database.rows(of: "host").compactMap { $0["uuid"] })
        #expect(!expectedHosts.isEmpty)

        let sim = try await offPool { try SimProcess(arguments: ["--db", path]) }
        defer { sim.stop() }
        let url = try #require(sim.urls.first)
        let environment = ["XENTUI_TEST_PASSWORD": "password"]
        let vms = try await Xentui.run(
            ["ls", "--class", "vm", "--format", "json", "--url", url, "--password-env", "XENTUI_TEST_PASSWORD"],
            environment: environment)
        #expect(vms.status == 0, "\(vms.stderr)")
        #expect(Set(try Xentui.records(vms).compactMap { $0["uuid"] as? String }) == expectedVMs)
        let hosts = try await Xentui.run(
            ["ls", "--class", "host", "--format", "json", "--url", url, "--password-env", "XENTUI_TEST_PASSWORD"],
            environment: environment)
        #expect(hosts.status == 0, "\(hosts.stderr)")
        let hostRecords = try Xentui.records(hosts)
        #expect(Set(hostRecords.compactMap { $0["uuid"] as? String }) == expectedHosts)
        #expect(hostRecords.allSatisfy { $0["pool"] is String })
    }

    @Test func treeTableFilterAndAll() async throws {
        let sim = try await offPool { try SimProcess(arguments: ["--vms", "12", "--hosts", "2", "--seed", "3"]) }
        defer { sim.stop() }
        let url = try #require(sim.urls.first)
        let connect = ["--url", url, "--password-env", "XENTUI_TEST_PASSWORD"]
        let environment = ["XENTUI_TEST_PASSWORD": "password"]
        let expected = try await offPool { try RawPool(url: url).expectedVMs() }

        let tree = try await Xentui.run(["ls"] + connect, environment: environment)
        #expect(tree.status == 0, "\(tree.stderr)")
        #expect(tree.stdout == ListGolden.tree)
        // Every VM sits under its own host (or under "(no host)"), with its power state.
        var host: String?
        var seen = 0
        for line in tree.stdout.split(separator: "\n").map(String.init) where line.hasPrefix("  ") {
            if !line.hasPrefix("    ") {
                let name = line.trimmingCharacters(in: .whitespaces)
                host = name == "(no host)" ? nil : name
                continue
            }
            let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            let facts = expected.values.filter { $0.name == parts.first && $0.host == host && $0.power == parts.last }
            #expect(facts.count >= 1, "\(line) under \(host ?? "(no host)")")
            seen += 1
        }
        #expect(seen == expected.count)

        let table = try await Xentui.run(["ls", "--format", "table"] + connect, environment: environment)
        #expect(table.status == 0)
        #expect(table.stdout == ListGolden.table)

        let running = try await Xentui.run(
            ["ls", "--format", "json", "--filter", "power_state:running"] + connect, environment: environment)
        let runningRecords = try Xentui.records(running)
        #expect(runningRecords.count == expected.values.filter { $0.power == "Running" }.count)
        #expect(runningRecords.allSatisfy { $0["power_state"] as? String == "Running" })

        let bad = try await Xentui.run(["ls", "--filter", "power_state:running ("] + connect, environment: environment)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("column 21"))
        #expect(bad.stderr.contains("\n" + String(repeating: " ", count: 22) + "^\n"), "\(bad.stderr)")
        #expect(bad.stdout.isEmpty)

        let everything = try await Xentui.run(["ls", "--format", "json", "--all"] + connect, environment: environment)
        let all = try Xentui.records(everything)
        #expect(all.contains { $0["is_a_template"] as? Bool == true })
        #expect(all.contains { $0["is_control_domain"] as? Bool == true })
        #expect(all.count > expected.count)
        let plain = try await Xentui.run(["ls", "--format", "json"] + connect, environment: environment)
        #expect(try Xentui.records(plain).count == expected.count)
    }

    @Test func demoPrintsBothPools() async throws {
        let output = try await Xentui.run(["ls", "--demo", "--format", "tree"])
        #expect(output.status == 0, "\(output.stderr)")
        let topLevel = output.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        #expect(topLevel == ["prod", "lab"])
        #expect(output.stdout.contains("    ") && output.stdout.contains("Running"))
    }

    @Test func demoCannotBeCombinedWithURL() async throws {
        let output = try await Xentui.run(["ls", "--demo", "--url", "http://127.0.0.1:1"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("--demo"))
    }
}

/// The rows of a `state.db` table, as attribute → value (enough for uuid and flags).
struct StateDBRows {
    let text: String
    init(_ text: String) { self.text = text }

    func rows(of table: String) -> [[String: String]] {
        guard let start = text.range(of: "<table name=\"\(table)\"") else { return [] }
        let rest = text[start.upperBound...]
        let body = rest[..<(rest.range(of: "</table>")?.lowerBound ?? rest.endIndex)]
        var rows: [[String: String]] = []
        var cursor = body.startIndex
        while let open = body[cursor...].range(of: "<row ") {
            guard let close = body[open.upperBound...].range(of: ">") else { break }
            let attributes = body[open.upperBound..<close.lowerBound]
            var row: [String: String] = [:]
            for name in ["uuid", "is_a_template", "is_control_domain", "is_a_snapshot"] {
                if let key = attributes.range(of: " \(name)=\""),
                    let end = attributes[key.upperBound...].firstIndex(of: "\"")
                {
                    row[name] = String(attributes[key.upperBound..<end])
                }
            }
            rows.append(row)
            cursor = close.upperBound
        }
        return rows
    }
}
