import Testing
@testable import Inventory
import XAPI

import OrderedCollections

/// Four VM-like records as XAPI sends them (memory as XML-RPC int64 text, the rest typed).
enum FilterSubjects {
    static func vm(
        _ name: String, power: String, vcpus: Int64, memory: String, tags: [String],
        os: XAPIValue, snapshots: Int, template: Bool, autoPowerOn: Bool, description: String
    ) -> XAPIStruct {
        [
            "uuid": .string("0000-\(name.count)"),
            "name_label": .string(name),
            "name_description": .string(description),
            "power_state": .string(power),
            "VCPUs_max": .int(vcpus),
            "memory_static_max": .string(memory),
            "tags": .array(tags.map { .string($0) }),
            "os_version": os,
            "snapshots": .array((0..<snapshots).map { .string("OpaqueRef:snap\($0)") }),
            "is_a_template": .bool(template),
            "auto_poweron": .bool(autoPowerOn),
        ]
    }

    static let all: [(String, XAPIStruct)] = [
        ("A", vm("web-01", power: "Running", vcpus: 4, memory: "4294967296", tags: ["prod", "web"],
                 os: .structure(["distro": .string("debian"), "name": .string("Debian 12")]),
                 snapshots: 3, template: false, autoPowerOn: true, description: "Front end")),
        ("B", vm("db-01", power: "Halted", vcpus: 8, memory: "17179869184", tags: ["prod", "db"],
                 os: .structure(["distro": .string("centos")]),
                 snapshots: 0, template: false, autoPowerOn: false, description: "My SQL box")),
        ("C", vm("Web-Test 日本", power: "Suspended", vcpus: 2, memory: "1073741824", tags: [],
                 os: .structure([:]), snapshots: 1, template: false, autoPowerOn: false,
                 description: "ünïcode Straße")),
        ("D", vm("tmpl-debian", power: "Halted", vcpus: 1, memory: "536870912", tags: ["template"],
                 os: .null, snapshots: 0, template: true, autoPowerOn: false, description: "has \"quotes\"")),
    ]

    /// The names of the subjects `filter` matches, in order.
    static func matching(_ filter: Filter) -> String {
        all.filter { filter.matches($0.1) }.map(\.0).joined()
    }
}
/// (filter as typed, canonical text, which of A B C D in `FilterSubjects` match)
private let table: [(String, String, String)] = [
    ("", "", "ABCD"),
    ("   ", "", "ABCD"),
    ("web", "web", "AC"),
    ("WEB", "WEB", "AC"),
    ("power_state:running", "power_state:running", "A"),
    ("power_state:Running", "power_state:Running", "A"),
    ("power_state:halted", "power_state:halted", "BD"),
    ("!power_state:halted", "!power_state:halted", "AC"),
    ("power_state:!halted", "power_state:!halted", "AC"),
    ("name_label:web*", "name_label:web*", "AC"),
    ("name_label:w*01", "name_label:w*01", "A"),
    ("name_label:*TEST*", "name_label:*TEST*", "C"),
    ("*", "*", "ABCD"),
    ("os_version:distro:debian", "os_version:distro:debian", "A"),
    ("os_version:debian", "os_version:debian", "A"),
    ("tags:prod", "tags:prod", "AB"),
    ("tags:pro", "tags:pro", "AB"),
    ("tags:0:prod", "tags:\"0\":prod", "AB"),  // XO quotes names that read as numbers
    ("|(web-01 db-01)", "|(web-01 db-01)", "AB"),
    ("| ( web-01  db-01 )", "|(web-01 db-01)", "AB"),
    ("power_state:|(running suspended)", "power_state:|(running suspended)", "AC"),
    ("(web prod)", "web prod", "A"),
    ("!(web prod)", "!(web prod)", "BCD"),
    ("(web)", "web", "AC"),
    ("|(web) tags:prod", "web tags:prod", "A"),
    ("web power_state:running", "web power_state:running", "A"),
    ("tags:prod !tags:web", "tags:prod !tags:web", "B"),
    ("|((web prod) (tmpl debian))", "|((web prod) (tmpl debian))", "AD"),
    ("auto_poweron?", "auto_poweron?", "A"),
    ("!auto_poweron?", "!auto_poweron?", "BCD"),
    ("tags?", "tags?", "ABD"),
    ("os_version?", "os_version?", "AB"),
    ("missing?", "missing?", ""),
    ("VCPUs_max:>=4", "VCPUs_max:>=4", "AB"),
    ("VCPUs_max:>4", "VCPUs_max:>4", "B"),
    ("VCPUs_max:<2", "VCPUs_max:<2", "D"),
    ("VCPUs_max:<=2", "VCPUs_max:<=2", "CD"),
    ("VCPUs_max:>=4.0", "VCPUs_max:>=4", "AB"),
    ("VCPUs_max:4", "VCPUs_max:4", "A"),
    ("VCPUs_max:1", "VCPUs_max:1", "D"),
    ("memory_static_max:>=4G", "memory_static_max:>=4GiB", "AB"),
    ("memory_static_max:<1gib", "memory_static_max:<1GiB", "D"),
    ("memory_static_max:>4294967296", "memory_static_max:>4294967296", "B"),
    ("memory_static_max:<=512MB", "memory_static_max:<=512MiB", "D"),
    ("snapshots:length:>2", "snapshots:length:>2", "A"),
    ("snapshots:length:0", "snapshots:length:0", "BD"),
    ("snapshots:length:>=1", "snapshots:length:>=1", "AC"),
    ("name_label:length:>6", "name_label:length:>6", "CD"),
    ("/^web-\\d+$/", "/^web-\\d+$/", "A"),
    ("name_label:/^web/i", "name_label:/^web/i", "AC"),
    ("name_label:/^web/", "name_label:/^web/", "A"),
    ("name_label:/a\\/b/", "name_label:/a\\/b/", ""),
    ("\"My SQL\"", "\"My SQL\"", "B"),
    ("\"my sql box\"", "\"my sql box\"", "B"),
    ("name_description:\"has \\\"quotes\\\"\"", "name_description:\"has \\\"quotes\\\"\"", "D"),
    ("\"web*\"", "\"web*\"", ""),
    ("\"42\"", "\"42\"", "A"),
    ("4", "4", "ABC"),
    ("日本", "日本", "C"),
    ("ÜNÏCODE", "ÜNÏCODE", "C"),
    ("straße", "straße", "C"),
    ("name_label:\"web-test 日本\"", "name_label:\"web-test 日本\"", "C"),
    ("is_a_template:true", "is_a_template:true", "D"),
    ("is_a_template:false", "is_a_template:false", "ABC"),
    ("missing_field:x", "missing_field:x", ""),
    ("!missing_field:x", "!missing_field:x", "ABCD"),
    ("name_label : web", "name_label:web", "AC"),
    ("! web", "!web", "BD"),
    ("\"name_label\":db", "name_label:db", "B"),
    ("\"\"", "\"\"", "ABCD"),
    ("os_version:\"\"", "os_version:\"\"", "AB"),
]

@Suite struct FilterMatchTests {
    @Test(arguments: table.indices)
    func row(_ index: Int) throws {
        let (text, canonical, expected) = table[index]
        let filter = try Filter(text)
        #expect(filter.description == canonical, "canonical text of \(text)")
        #expect(FilterSubjects.matching(filter) == expected, "subjects matching \(text)")
        // The canonical text reads back as the same filter.
        let again = try Filter(canonical)
        #expect(again.expression == filter.expression, "round trip of \(text)")
    }

    @Test func expressionTree() throws {
        #expect(try Filter("!a:|(b >=2) c? /x/i").expression == .and([
            .not(.property("a", .or([.text("b"), .comparison(.greaterOrEqual, 2, literal: "2")]))),
            .truthy("c"),
            .regex("x", caseInsensitive: true),
        ]))
        #expect(try Filter("42 -1.5 4*2").expression == .and([.number("42"), .number("-1.5"), .glob("4*2")]))
    }

    /// XO's own parser fixture (complex-matcher `index.fixtures.js`) reads to the same tree and prints back unchanged.
    @Test func xoFixture() throws {
        let text = #"foo !"\\ \"" name:|(wonderwoman batman) hasCape? age:32 chi*go /^foo\/bar\./i"#
        let filter = try Filter(text)
        #expect(filter.expression == .and([
            .text("foo"),
            .not(.text(#"\ ""#)),
            .property("name", .or([.text("wonderwoman"), .text("batman")])),
            .truthy("hasCape"),
            .property("age", .number("32")),
            .glob("chi*go"),
            .regex(#"^foo\/bar\."#, caseInsensitive: true),
        ]))
        #expect(filter.description == text)
        let hero: FilterMap = ["name": "Batman", "hasCape": true, "age": 32, "city": "Chicago", "motto": ["FOO/BAR.", "\\ \"x"]]
        #expect(try !Filter(text).matches(hero))  // the motto holds `\ "`
        #expect(try Filter(#"name:|(wonderwoman batman) hasCape? age:32 chi*go /^foo\/bar\./i"#).matches(hero))
        // XO: a bare number matches the number and text holding it; a quoted one only text.
        #expect(try Filter("32").matches((["n": 32] as FilterMap)) && Filter("32").matches((["s": "a32"] as FilterMap)))
        #expect(try !Filter("\"32\"").matches((["n": 32] as FilterMap)) && Filter("\"32\"").matches((["s": "32"] as FilterMap)))
    }

    @Test func plainSubjects() throws {
        let subject: FilterMap = [
            "name": "ubuntu", "cpus": 4, "ratio": 0.5, "on": true,
            "disks": .list([.map(["size": 10]), .map(["size": 200])]),
        ]
        #expect(try Filter("name:ubu cpus:>3 on?").matches(subject))
        #expect(try Filter("ratio:<1 ratio:0.5").matches(subject))
        #expect(try Filter("disks:1:size:>=100 disks:length:2").matches(subject))
        #expect(try !Filter("disks:0:size:>=100").matches(subject))
        #expect(try Filter("200").matches(subject))
        #expect(try !Filter("ubuntu2").matches(subject))
        // A raw struct value from the wire is a subject too.
        let value = XAPIValue.structure(["power_state": .string("Paused")])
        #expect(try Filter("power_state:paused").matches(value))
        #expect(try !Filter("paused").matches(XAPIValue.string("Running")))
    }

    @Test func numericTextComparesAsNumber() throws {
        let xmlrpc: XAPIStruct = ["VCPUs_max": .string("16"), "memory": .string(" 1024 ")]
        #expect(try Filter("VCPUs_max:>=4").matches(xmlrpc))
        #expect(try Filter("VCPUs_max:<20 memory:>1000").matches(xmlrpc))
        #expect(try !Filter("VCPUs_max:>16").matches(xmlrpc))
        let started: XAPIStruct = ["start_time": .dateTime(XAPIDateTime(secondsSinceEpoch: 1_700_000_000))]
        #expect(try Filter("start_time:>=1700000000 start_time:<1700000001").matches(started))
        #expect(try !Filter("2023").matches(started))
    }
}
