import Foundation
import Inventory
import OrderedCollections
import UI
import XAPI
import XAPISim

/// What each fuzz target does with one input: the decoders and parsers that take bytes from
/// outside (a pool's replies, a state.db, the user's filter, keymap and theme files). A target
/// passes when it returns, whatever the input: errors are expected, crashes and hangs are bugs.
///
/// The libFuzzer executables in `Fuzz/` call these, and the unit tests replay the seeds and every
/// crash ever found through them, so a fixed crash stays fixed without a sanitizer build.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case xmlrpc
    case jsonrpc
    case statedb
    case filter
    case keymap
    case theme

    public func run(_ bytes: [UInt8]) {
        switch self {
        case .xmlrpc: Self.xmlrpc(bytes)
        case .jsonrpc: Self.jsonrpc(bytes)
        case .statedb: _ = try? SimDatabase.load(stateDB: bytes)
        case .filter: Self.filter(bytes)
        case .keymap: Self.keymap(bytes)
        case .theme: Self.theme(bytes)
        }
    }

    /// Replies as the client reads them (values, typed records, event batches), and calls as the
    /// simulator reads them; what decodes is encoded again, as the simulator would answer it.
    private static func xmlrpc(_ bytes: [UInt8]) {
        if let reply = try? XMLRPC.decodeReply(bytes, { try $0.decodeValue() }) {
            _ = XMLRPC.encodeReply(reply)
        }
        _ = try? XMLRPC.decodeReply(bytes) { try RecordMapReader<VMRecord>().read(&$0) }
        _ = try? XMLRPC.decodeReply(bytes) { try EventBatchReader().read(&$0) }
        _ = try? XMLRPC.decodeCall(bytes)
    }

    private static func jsonrpc(_ bytes: [UInt8]) {
        if let reply = try? JSONRPC.decodeReply(bytes, { try $0.decodeValue() }) {
            _ = JSONRPC.encodeReply(reply, id: .int(1), version: .v2)
        }
        _ = try? JSONRPC.decodeReply(bytes) { try RecordMapReader<VMRecord>().read(&$0) }
        _ = try? JSONRPC.decodeReply(bytes) { try EventBatchReader().read(&$0) }
        _ = try? JSONRPC.decodeCall(bytes)
    }

    /// Parses the text as a filter and, when it parses, matches it against a typical VM.
    private static func filter(_ bytes: [UInt8]) {
        guard let filter = try? Filter(String(decoding: bytes, as: UTF8.self)) else { return }
        _ = filter.matches(sampleVM)
    }

    private static func keymap(_ bytes: [UInt8]) {
        var builtIns = BuiltInFiles.keymaps
        builtIns["fuzz"] = String(decoding: bytes, as: UTF8.self)
        _ = KeymapLoader(builtIns: builtIns, userDirectory: nil).load("fuzz")
    }

    private static func theme(_ bytes: [UInt8]) {
        var builtIns = BuiltInFiles.themes
        builtIns["fuzz"] = String(decoding: bytes, as: UTF8.self)
        _ = ThemeLoader(builtIns: builtIns, userDirectory: nil).load("fuzz")
    }

    private static let sampleVM: XAPIValue = .structure([
        "name_label": .string("web-01 ünïcode 名前"),
        "power_state": .string("Running"),
        "VCPUs_max": .int(4),
        "memory_static_max": .string("4294967296"),
        "tags": .array([.string("prod"), .string("web")]),
        "other_config": .structure(["os_version": .structure(["distro": .string("debian")])]),
        "is_a_template": .bool(false),
        "snapshots": .array([]),
    ])
}
