import TestSupport
import Foundation
import OrderedCollections
import Testing
import XAPI
@testable import XAPISim

private let needsShared = Testing.ConditionTrait.enabled(
    if: SharedFixtures.available, "skipped: /work/shared (state.db fixtures) is not beside the package")

/// Counts `<row` in `<table name="…">…</table>` by plain substring search, independently of the reader.
private func rowCount(_ text: String, table: String) -> Int {
    guard let open = text.range(of: "<table name=\"\(table)\">") else { return 0 }
    guard let close = text.range(of: "</table>", range: open.upperBound..<text.endIndex) else { return -1 }
    return text[open.upperBound..<close.lowerBound].components(separatedBy: "<row ").count - 1
}

@Suite(.ownThread) struct StateDBLoaderTests {
    @Test(needsShared, arguments: SharedFixtures.stateDBs)
    func everyFixtureLoads(file: String) throws {
        let bytes = try SharedFixtures.bytes("xapi/fixtures/xapi-db/" + file)
        let text = String(decoding: bytes, as: UTF8.self)
        let contents = try StateDB.read(bytes, schema: FixtureSchema.lookup)
        let database = contents.database
        #expect(database["VM"].count == rowCount(text, table: "VM"))
        #expect(database["VM"].count > 40)
        #expect(database["host"].count == rowCount(text, table: "host"))
        #expect(database["SR"].count == rowCount(text, table: "SR"))
        #expect(database["pool"].count == 1)
        #expect(contents.manifest["schema_major_vsn"] == "5")
        // Runtime-only tables are not carried over.
        #expect(database.tables["session"] == nil && database.tables["task"] == nil)

        let vmSchema = try #require(FixtureSchema.lookup("VM"))
        for (ref, vm) in database["VM"] {
            #expect(ref.hasPrefix("OpaqueRef:"))
            // Complete records, typed by the schema.
            for field in vmSchema.fields { #expect(vm[field.name] != nil, "VM \(ref) lacks \(field.name)") }
            guard case .int = vm["memory_static_max"], case .bool = vm["is_a_template"],
                case .structure = vm["other_config"], case .array = vm["tags"], case .dateTime = vm["snapshot_time"]
            else {
                Issue.record("VM \(ref) has mistyped fields")
                continue
            }
            // Every VM has metrics after completion.
            let metrics = vm["metrics"]?.stringValue ?? ""
            #expect(database["VM_metrics"][metrics] != nil, "VM \(ref) has no VM_metrics")
            // Derived sets agree with the children.
            for vif in vm["VIFs"]?.arrayValue ?? [] {
                #expect(database["VIF"][vif.stringValue ?? ""]?["VM"] == .string(ref))
            }
        }
        for (ref, host) in database["host"] {
            let metrics = try #require(database["host_metrics"][host["metrics"]?.stringValue ?? ""])
            #expect(metrics["live"] == .bool(true))
            #expect((metrics["memory_total"]?.intValue ?? 0) > 0)
            for vm in host["resident_VMs"]?.arrayValue ?? [] {
                #expect(database["VM"][vm.stringValue ?? ""]?["resident_on"] == .string(ref))
            }
            let pifs = host["PIFs"]?.arrayValue ?? []
            #expect(!pifs.isEmpty)
        }
    }

    @Test(needsShared) func knownVMOfState1() throws {
        let database = try SimDatabase.load(
            stateDB: SharedFixtures.bytes("xapi/fixtures/xapi-db/state1.xml"), schema: FixtureSchema.lookup)
        let vm = try #require(database["VM"]["OpaqueRef:11abadc7-7bab-faa2-0198-1999f96e3b15"])
        #expect(vm["uuid"] == .string("5ef0b44f-9921-2f4b-411f-75332c372664"))
        #expect(vm["name_label"] == .string("Windows Server 2003 x64 (1)"))
        #expect(vm["power_state"] == .string("Running"))
        #expect(vm["memory_static_max"] == .int(1_073_741_824))
        #expect(vm["VCPUs_max"] == .int(1))
        #expect(vm["is_a_template"] == .bool(false))
        #expect(vm["resident_on"] == .string("OpaqueRef:98461529-e4ad-5052-a71d-e6bf0f11518c"))
        #expect(vm["tags"]?.arrayValue?.first == .string("f"))
        #expect(vm["tags"]?.arrayValue?.count == 23)
        #expect(vm["other_config"]?["last_shutdown_reason"] == .string("rebooted"))
        #expect(vm["blocked_operations"] == .structure([:]))
        // state1 stores no VIF sets: they are rebuilt from the VIF rows.
        let vifs = database["VIF"].filter { $0.value["VM"] == .string("OpaqueRef:11abadc7-7bab-faa2-0198-1999f96e3b15") }.keys
        #expect(vm["VIFs"]?.arrayValue?.compactMap(\.stringValue) == Array(vifs))
        // state1 has no host_metrics rows: they are made up.
        #expect(database["host_metrics"].count == database["host"].count)

        // Escaped quotes inside a map value, inside an XML attribute.
        let halted = try #require(database["VM"]["OpaqueRef:c5ccb621-6086-6364-3f7b-13a3e788b1a2"])
        let disks = try #require(halted["other_config"]?["disks"]?.stringValue)
        #expect(disks.hasPrefix("<provision><disk device=\"0\""))
    }

    @Test(needsShared) func backslashEscapesInSMConfiguration() throws {
        let database = try SimDatabase.load(
            stateDB: SharedFixtures.bytes("xapi/fixtures/xapi-db/boston-db.xml"), schema: FixtureSchema.lookup)
        let options = database["SM"].values.compactMap { $0["configuration"]?["options"]?.stringValue }
        #expect(options.contains("extra options to pass to mount (deprecated) (e.g. '-o ro')"))
    }

    @Test(needsShared, arguments: SharedFixtures.stateDBs)
    func generatedSchemaAgreesWithTheDatamodel(file: String) throws {
        let bytes = try SharedFixtures.bytes("xapi/fixtures/xapi-db/" + file)
        let generated = try SimDatabase.load(stateDB: bytes)
        let fromJSON = try SimDatabase.load(stateDB: bytes, schema: FixtureSchema.lookup)
        for name in ["VM", "host", "SR", "VDI", "VBD", "VIF", "PIF", "network", "pool", "VM_metrics", "host_metrics"] {
            #expect(generated[name] == fromJSON[name], "table \(name) differs")
        }
    }

    @Test(needsShared) func loadingIsDeterministic() throws {
        let bytes = try SharedFixtures.bytes("xapi/fixtures/xapi-db/state1.xml")
        #expect(try SimDatabase.load(stateDB: bytes, schema: FixtureSchema.lookup)
            == SimDatabase.load(stateDB: bytes, schema: FixtureSchema.lookup))
    }

    @Test(needsShared) func truncatedFilesThrowWithAPosition() throws {
        let bytes = try SharedFixtures.bytes("xapi/fixtures/xapi-db/small_vms.xml")
        for cut in [1, 20, bytes.count / 3, bytes.count / 2, bytes.count - 5] {
            do {
                _ = try StateDB.read(Array(bytes[0..<cut]), schema: FixtureSchema.lookup)
                Issue.record("a file cut at \(cut) bytes loaded")
            } catch let error as StateDBError {
                #expect(error.line >= 1 && error.offset <= cut)
                #expect(error.description.contains("line"))
            }
        }
    }
}

@Suite struct StateDBSyntaxTests {
    private func schema(_ name: String) -> XAPIClassSchema? {
        guard name == "VM" else { return nil }
        return XAPIClassSchema(name: "VM", fields: [
            XAPIFieldSchema(name: "uuid", type: .string, writable: false),
            XAPIFieldSchema(name: "name_label", type: .string, writable: true),
            XAPIFieldSchema(name: "memory_static_max", type: .int, writable: false),
            XAPIFieldSchema(name: "is_a_template", type: .bool, writable: true),
            XAPIFieldSchema(name: "tags", type: .set(.string), writable: true),
            XAPIFieldSchema(name: "other_config", type: .map(.string, .string), writable: true),
            XAPIFieldSchema(name: "VCPUs_flags", type: .map(.int, .set(.string)), writable: false),
            XAPIFieldSchema(name: "HVM_shadow_multiplier", type: .float, writable: false),
            XAPIFieldSchema(name: "snapshot_time", type: .datetime, writable: false),
        ], messages: [])
    }

    private func load(_ xml: String) throws -> SimDatabase {
        try SimDatabase.load(stateDB: Array(xml.utf8), schema: schema)
    }

    @Test func entitiesEscapesAndTypes() throws {
        let xml = """
            <?xml version="1.0"?>
            <database><manifest><pair key="schema_major_vsn" value="5"/></manifest>
            <!-- a comment -->
            <table name="VM">
            <row ref="OpaqueRef:a" __ctime="3" _ref="OpaqueRef:a" uuid="u-1" name__label="it&apos;s &quot;x&quot; &amp; &#65;&#x42;
            line2" memory__static_max="4294967296" is_a_template="true"
             tags="('a b' 'it\\'s' 'back\\\\slash')" other_config="(('k' 'v') ('q' 'say \\&quot;hi\\&quot;'))"
             VCPUs__flags="(('0' '(\\'fpu\\' \\'sse\\')'))" HVM__shadow_multiplier="1.500000"
             snapshot_time="20090514T16:04:24Z" future_field="(('x' 'y'))"/>
            </table>
            <table name="Unknown_class"><row ref="OpaqueRef:b" some__thing="1"></row></table>
            <table name="VIF"/>
            </database>
            """
        let database = try load(xml)
        let vm = try #require(database["VM"]["OpaqueRef:a"])
        #expect(vm["name_label"] == .string("it's \"x\" & AB\nline2"))
        #expect(vm["memory_static_max"] == .int(4_294_967_296))
        #expect(vm["is_a_template"] == .bool(true))
        #expect(vm["tags"] == .array(["a b", "it's", "back\\slash"]))
        #expect(vm["other_config"] == .structure(["k": "v", "q": "say \"hi\""]))
        #expect(vm["VCPUs_flags"] == .structure(["0": .array(["fpu", "sse"])]))
        #expect(vm["HVM_shadow_multiplier"] == .double(1.5))
        #expect(vm["snapshot_time"] == .dateTime(XAPIDateTime(year: 2009, month: 5, day: 14, hour: 16, minute: 4, second: 24)!))
        // Unknown columns stay strings; bookkeeping columns are dropped; schema order comes first.
        #expect(vm["future_field"] == .string("(('x' 'y'))"))
        #expect(vm["_ref"] == nil && vm["__ctime"] == nil && vm["_ctime"] == nil)
        #expect(Array(vm.keys.prefix(2)) == ["uuid", "name_label"])
        #expect(database["Unknown_class"]["OpaqueRef:b"]?["some_thing"] == .string("1"))
        #expect(database.tables["VIF"] == [:])
    }

    @Test func missingFieldsTakeDefaults() throws {
        let database = try load("<database><table name=\"VM\"><row ref=\"OpaqueRef:a\" uuid=\"u\"/></table></database>")
        let vm = try #require(database["VM"]["OpaqueRef:a"])
        #expect(vm["memory_static_max"] == .int(0))
        #expect(vm["tags"] == .array([]))
        #expect(vm["other_config"] == .structure([:]))
        #expect(vm["snapshot_time"] == .dateTime(.epoch))
        // A VM_metrics ref is made up for the simulator.
        #expect(database["VM_metrics"].count == 1)
    }

    @Test(arguments: [
        ("", "no <database>"),
        ("<pool/>", "expected <database>"),
        ("<database><table name=\"VM\"><row ref=\"OpaqueRef:a\" memory__static_max=\"lots\"/></table></database>", "is not a int"),
        ("<database><table name=\"VM\"><row ref=\"OpaqueRef:a\" tags=\"('a'\"/></table></database>", "is not a string set"),
        ("<database><table name=\"VM\"><row uuid=\"x\"/></table></database>", "has no ref"),
        ("<database><table name=\"VM\"><row ref=\"OpaqueRef:a\" name__label=\"&bogus;\"/></table></database>", "unknown entity"),
        ("<database><table name=\"VM\"><row ref=\"OpaqueRef:a\" name__label=\"abc/></table></database>", "'<' inside"),
        ("<database><table name=\"VM\"><row ref=\"OpaqueRef:a\" name__label=abc/></table></database>", "quoted value"),
        ("<database>\n<table name=\"VM\">\n<row ref=\"OpaqueRef:a\"/>", "truncated"),
        ("<database><table name=\"VM\"></database>", "unexpected </database>"),
        ("<database><table><row ref=\"x\"/></table></database>", "without a name"),
    ])
    func malformedInputThrows(xml: String, expected: String) {
        do {
            _ = try load(xml)
            Issue.record("loaded: \(xml)")
        } catch let error as StateDBError {
            #expect(error.description.contains(expected), "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func errorPositionsAreLinesAndColumns() {
        do {
            _ = try load("<database>\n<table name=\"VM\">\n  <row ref=\"OpaqueRef:a\" is_a_template=\"maybe\"/>\n</table></database>")
            Issue.record("loaded")
        } catch let error as StateDBError {
            #expect(error.line == 3)
            #expect(error.column == 3)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}

@Suite(.ownThread) struct StateDBRobustnessTests {
    private let schema: (String) -> XAPIClassSchema? = { name in
        name == "VM"
            ? XAPIClassSchema(name: "VM", fields: [
                XAPIFieldSchema(name: "tags", type: .set(.string), writable: true),
                XAPIFieldSchema(name: "snapshot_time", type: .datetime, writable: false),
            ], messages: [])
            : nil
    }

    @Test func deepNestingAndHugeNumbersAreErrorsNotCrashes() {
        let deep = String(repeating: "(", count: 100_000) + String(repeating: ")", count: 100_000)
        for (column, value) in [("tags", deep), ("snapshot_time", "1e300")] {
            let xml = "<database><table name=\"VM\"><row ref=\"OpaqueRef:a\" \(column)=\"\(value)\"/></table></database>"
            #expect(throws: StateDBError.self) { try SimDatabase.load(stateDB: Array(xml.utf8), schema: schema) }
        }
    }

    /// Quadrupling the rows must not take much more than four times as long.
    @Test func loadingTimeGrowsLinearly() throws {
        func document(rows: Int) -> [UInt8] {
            var text = "<database><table name=\"VM\">\n"
            for index in 0..<rows {
                text += "<row ref=\"OpaqueRef:\(index)\" uuid=\"u-\(index)\" name__label=\"vm &amp; \(index)\" tags=\"('a' 'b')\" snapshot_time=\"20090514T16:04:24Z\"/>\n"
            }
            return Array((text + "</table></database>").utf8)
        }
        let small = document(rows: 2_000), large = document(rows: 8_000)
        _ = try SimDatabase.load(stateDB: small, schema: schema)
        var counts = [Int]()
        // CPU time, not wall-clock time: in a parallel run the other suites' load varies between the two.
        let smallTime = threadCPUTime { counts.append((try? SimDatabase.load(stateDB: small, schema: schema))?["VM"].count ?? -1) }
        let largeTime = threadCPUTime { counts.append((try? SimDatabase.load(stateDB: large, schema: schema))?["VM"].count ?? -1) }
        #expect(counts == [2_000, 8_000])
        #expect(largeTime < smallTime * 10, "2,000 rows: \(smallTime), 8,000 rows: \(largeTime)")
    }
}
