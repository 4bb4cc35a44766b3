import TestSupport
import Foundation
import Testing
import XAPI

@testable import Inventory

private let vm = "OpaqueRef:vm-1"
private let host = "OpaqueRef:host-1"
private let sr = "OpaqueRef:sr-1"
private let vdi1 = "OpaqueRef:vdi-1"
private let vdi2 = "OpaqueRef:vdi-2"
private let task = "OpaqueRef:task-1"
private let session = "OpaqueRef:session-secret"
private let uuids: [String: String] = [
    vm: "11111111-2222-3333-4444-555555555555", host: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
    sr: "99999999-8888-7777-6666-555555555555", vdi1: "0000000a-0000-0000-0000-000000000001",
    vdi2: "0000000a-0000-0000-0000-000000000002", task: "7a5c0000-0000-0000-0000-00000000007a",
]
private let vmUUID = uuids[vm]!
private let hostUUID = uuids[host]!

private func xe(_ call: String, _ params: [XAPIValue]) -> String? {
    XeCommand.line(call: call, params: params, uuidOf: { uuids[$0] })
}

struct XeCase: CustomTestStringConvertible, Sendable {
    let call: String
    let params: [XAPIValue]
    let expected: String
    var testDescription: String { call }
}

private let cases: [XeCase] = [
    XeCase(call: "VM.start", params: [.string(vm), false, false], expected: "xe vm-start uuid=\(vmUUID)"),
    XeCase(
        call: "Async.VM.start", params: [.string(vm), true, true],
        expected: "xe vm-start uuid=\(vmUUID) paused=true force=true"),
    XeCase(
        call: "VM.start_on", params: [.string(vm), .string(host), false, false],
        expected: "xe vm-start uuid=\(vmUUID) on=\(hostUUID)"),
    XeCase(call: "VM.clean_shutdown", params: [.string(vm)], expected: "xe vm-shutdown uuid=\(vmUUID)"),
    XeCase(call: "VM.shutdown", params: [.string(vm)], expected: "xe vm-shutdown uuid=\(vmUUID)"),
    XeCase(call: "Async.VM.hard_shutdown", params: [.string(vm)], expected: "xe vm-shutdown uuid=\(vmUUID) --force"),
    XeCase(call: "VM.clean_reboot", params: [.string(vm)], expected: "xe vm-reboot uuid=\(vmUUID)"),
    XeCase(call: "VM.hard_reboot", params: [.string(vm)], expected: "xe vm-reboot uuid=\(vmUUID) --force"),
    XeCase(call: "VM.suspend", params: [.string(vm)], expected: "xe vm-suspend uuid=\(vmUUID)"),
    XeCase(call: "VM.resume", params: [.string(vm), false, true], expected: "xe vm-resume uuid=\(vmUUID) force=true"),
    XeCase(
        call: "VM.resume_on", params: [.string(vm), .string(host), false, false],
        expected: "xe vm-resume uuid=\(vmUUID) on=\(hostUUID)"),
    XeCase(call: "VM.pause", params: [.string(vm)], expected: "xe vm-pause uuid=\(vmUUID)"),
    XeCase(call: "VM.unpause", params: [.string(vm)], expected: "xe vm-unpause uuid=\(vmUUID)"),
    XeCase(
        call: "VM.snapshot", params: [.string(vm), "nightly"],
        expected: "xe vm-snapshot uuid=\(vmUUID) new-name-label=nightly"),
    XeCase(
        call: "VM.snapshot", params: [.string(vm), "before upgrade", [.string(vdi1), .string(vdi2)]],
        expected:
            "xe vm-snapshot uuid=\(vmUUID) new-name-label='before upgrade' ignore-vdi-uuids=\(uuids[vdi1]!),\(uuids[vdi2]!)"
    ),
    XeCase(
        call: "VM.snapshot", params: [.string(vm), "s", []], expected: "xe vm-snapshot uuid=\(vmUUID) new-name-label=s"),
    XeCase(
        call: "VM.checkpoint", params: [.string(vm), "c"], expected: "xe vm-checkpoint uuid=\(vmUUID) new-name-label=c"),
    XeCase(
        call: "VM.clone", params: [.string(vm), "web-02"], expected: "xe vm-clone uuid=\(vmUUID) new-name-label=web-02"),
    XeCase(
        call: "VM.copy", params: [.string(vm), "web-03", .string(sr)],
        expected: "xe vm-copy uuid=\(vmUUID) new-name-label=web-03 sr-uuid=\(uuids[sr]!)"),
    XeCase(
        call: "VM.copy", params: [.string(vm), "web-03", "OpaqueRef:NULL"],
        expected: "xe vm-copy uuid=\(vmUUID) new-name-label=web-03"),
    XeCase(call: "VM.destroy", params: [.string(vm)], expected: "xe vm-destroy uuid=\(vmUUID)"),
    XeCase(
        call: "Async.VM.pool_migrate", params: [.string(vm), .string(host), ["live": "true"]],
        expected: "xe vm-migrate uuid=\(vmUUID) host-uuid=\(hostUUID) live=true"),
    XeCase(
        call: "VM.pool_migrate", params: [.string(vm), .string(host), [:]],
        expected: "xe vm-migrate uuid=\(vmUUID) host-uuid=\(hostUUID) live=true"),
    XeCase(call: "VM.revert", params: [.string(vm)], expected: "xe snapshot-revert snapshot-uuid=\(vmUUID)"),
    XeCase(
        call: "VM.set_VCPUs_number_live", params: [.string(vm), "4"],
        expected: "xe vm-vcpu-hotplug uuid=\(vmUUID) new-vcpus=4"),
    XeCase(
        call: "VM.set_memory_limits", params: [.string(vm), 1, 2, 3, 4],
        expected: "xe vm-memory-limits-set uuid=\(vmUUID) static-min=1 static-max=2 dynamic-min=3 dynamic-max=4"),
    XeCase(call: "host.disable", params: [.string(host)], expected: "xe host-disable uuid=\(hostUUID)"),
    XeCase(call: "host.enable", params: [.string(host)], expected: "xe host-enable uuid=\(hostUUID)"),
    XeCase(call: "Async.host.reboot", params: [.string(host)], expected: "xe host-reboot uuid=\(hostUUID)"),
    XeCase(call: "host.shutdown", params: [.string(host)], expected: "xe host-shutdown uuid=\(hostUUID)"),
    XeCase(call: "host.evacuate", params: [.string(host)], expected: "xe host-evacuate uuid=\(hostUUID)"),
    XeCase(call: "SR.scan", params: [.string(sr)], expected: "xe sr-scan uuid=\(uuids[sr]!)"),
    XeCase(call: "task.cancel", params: [.string(task)], expected: "xe task-cancel uuid=\(uuids[task]!)"),
    XeCase(
        call: "VDI.resize", params: [.string(vdi1), 1_073_741_824],
        expected: "xe vdi-resize uuid=\(uuids[vdi1]!) disk-size=1073741824"),
    XeCase(
        call: "VM.set_name_label", params: [.string(vm), "db 1"],
        expected: "xe vm-param-set uuid=\(vmUUID) name-label='db 1'"),
    XeCase(
        call: "host.set_name_description", params: [.string(host), "rack 4"],
        expected: "xe host-param-set uuid=\(hostUUID) name-description='rack 4'"),
    XeCase(
        call: "SR.set_name_label", params: [.string(sr), "NFS"],
        expected: "xe sr-param-set uuid=\(uuids[sr]!) name-label=NFS"),
    XeCase(
        call: "VM.add_tags", params: [.string(vm), "prod"],
        expected: "xe vm-param-add uuid=\(vmUUID) param-name=tags param-key=prod"),
    XeCase(
        call: "VM.remove_tags", params: [.string(vm), "prod"],
        expected: "xe vm-param-remove uuid=\(vmUUID) param-name=tags param-key=prod"),
    XeCase(
        call: "VM.add_to_other_config", params: [.string(vm), "owner", "ops team"],
        expected: "xe vm-param-set uuid=\(vmUUID) other-config:'owner=ops team'"),
    XeCase(
        call: "VM.remove_from_other_config", params: [.string(vm), "owner"],
        expected: "xe vm-param-remove uuid=\(vmUUID) param-name=other-config param-key=owner"),
    // A uuid given where a ref is expected is used as is.
    XeCase(call: "VM.clean_shutdown", params: [.string(vmUUID)], expected: "xe vm-shutdown uuid=\(vmUUID)"),
]

@Suite struct ExplainXeCommandTests {
    @Test(arguments: cases)
    func mappedCall(_ c: XeCase) {
        let line = xe(c.call, c.params)
        #expect(line == c.expected)
        #expect(line?.contains("OpaqueRef:") == false)
    }

    @Test func hostileNamesAreQuotedForTheShell() async throws {
        let hostile = #"it's "x" $(rm -rf /)"#
        let line = try #require(xe("VM.snapshot", [.string(vm), .string(hostile)]))
        #expect(line == #"xe vm-snapshot uuid=\#(vmUUID) new-name-label='it'\''s "x" $(rm -rf /)'"#)
        for name in [
            hostile, "café ☕ Ω", "tab\there", "line1\nline2", "\u{1B}[31mred\u{1B}[0m", "rtl \u{202E}gnp.exe",
            "bang! `id` ~root $HOME \\ ;|&<>*?[]{}", "", "-", "a=b", "'", "''", "x'$'y",
        ] {
            let quoted = ShellQuote.quote(name)
            #expect(!quoted.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != " " })
            #expect(!quoted.unicodeScalars.contains { $0.properties.generalCategory == .format })
            // bash runs as a child process, waited for off the cooperative pool.
            #expect(try await offPool { try bashEcho(quoted) } == name, "\(quoted)")
        }
    }

    @Test func controlCharactersUseVisibleEscapes() {
        #expect(ShellQuote.quote("a\nb\u{1B}[31m!") == #"$'a\nb\x1b[31m\x21'"#)
        #expect(ShellQuote.quote("rtl \u{202E}x") == #"$'rtl \u202ex'"#)
        #expect(ShellQuote.quote("plain-name_1.2") == "plain-name_1.2")
        #expect(ShellQuote.quote("") == "''")
    }

    @Test func sessionCallsAndUnknownCallsHaveNoLine() {
        #expect(xe("session.login_with_password", ["root", "hunter2"]) == nil)
        #expect(xe("session.logout", [.string(session)]) == nil)
        #expect(xe("Session.logout", [.string(session)]) == nil)
        #expect(xe("VM.frobnicate", [.string(vm)]) == nil)
        #expect(xe("Widget.start", [.string(vm)]) == nil)
        #expect(xe("nodot", [.string(vm)]) == nil)
        #expect(xe("", []) == nil)
        #expect(xe("VM.", [.string(vm)]) == nil)
    }

    @Test func unresolvableObjectsGiveNoLineRatherThanARef() {
        #expect(xe("VM.start", [.string("OpaqueRef:unknown"), false, false]) == nil)
        #expect(xe("VM.start", []) == nil)
        #expect(xe("VM.start", [.int(5)]) == nil)
        #expect(xe("VM.start_on", [.string(vm), .string("OpaqueRef:NULL"), false, false]) == nil)
        #expect(xe("VM.copy", [.string(vm), "x", .string("OpaqueRef:gone")]) == nil)
        #expect(xe("VM.snapshot", [.string(vm), "x", [.string("OpaqueRef:gone")]]) == nil)
        #expect(xe("VM.snapshot", [.string(vm)]) == nil)
        // The session passed by mistake as the first parameter is never resolved or shown.
        #expect(xe("VM.clean_shutdown", [.string(session), .string(vm)]) == nil)
        // A resolver that answers with a ref is not trusted.
        #expect(XeCommand.line(call: "VM.destroy", params: [.string(vm)], uuidOf: { $0 }) == nil)
        #expect(XeCommand.line(call: "VM.destroy", params: [.string(vm)], uuidOf: { _ in "" }) == nil)
        // Options xe cannot express.
        #expect(xe("VM.resume", [.string(vm), true, false]) == nil)
        #expect(xe("VM.add_to_other_config", [.string(vm), "a=b", "c"]) == nil)
    }

    @Test func noLineEverHoldsARefOrTheSession() {
        for c in cases {
            let line = XeCommand.line(call: c.call, params: c.params, uuidOf: { uuids[$0] }) ?? ""
            #expect(!line.contains("OpaqueRef"))
            #expect(!line.contains("session"))
        }
    }
}

/// What bash makes of a quoted word: `printf %s WORD`, run without a profile.
private func bashEcho(_ quoted: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["--norc", "--noprofile", "-c", "printf %s " + quoted]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
