import Foundation
import OrderedCollections
import XAPI
import XAPISim

/// Scenario 1: a `VM.get_all_records` reply for `vms` VMs, encoded by the simulator's own code
/// (in this process, so no socket is timed) and decoded into typed `VMRecord`s, both wires.
/// Also the simulator's side: answering the call and encoding the reply, which must be at least
/// as fast as the client's decoding for the load figures to measure the client.
struct DecodeScenario {
    var vms: Int
    var hosts: Int
    var runs: Int

    func run() throws -> [Figure] {
        progress("decode: generating a pool of \(vms) VMs")
        guard let database = SimDatabase.generate(pools: 1, hosts: hosts, vms: vms, seed: 1).first else {
            throw BenchError.failed("the simulator generated no pool")
        }
        let pool = SimPool(database: database)
        guard case .success(.string(let session)) = pool.handle(XAPICall(
            method: "session.login_with_password", params: [.string(SimulatorProcess.user), .string(SimulatorProcess.password)]))
        else { throw BenchError.failed("cannot log in to the in-process simulator") }
        let call = XAPICall(method: "VM.get_all_records", params: [.string(session)])

        var figures: [Figure] = []
        for wire in [XAPIWireProtocol.xmlrpc, .jsonrpc] {
            let name = wire == .xmlrpc ? "XML-RPC" : "JSON-RPC"
            var encodeRates: [Double] = []
            var bytes: [UInt8] = []
            for _ in 0..<runs {
                let start = now()
                let reply = pool.handle(call)
                bytes = wire == .xmlrpc ? XMLRPC.encodeReply(reply) : JSONRPC.encodeReply(reply, id: .int(1), version: .v2)
                encodeRates.append(Double(bytes.count) / 1e6 / (now() - start))
            }
            var rates: [Double] = []
            var recordRates: [Double] = []
            var count = 0
            for _ in 0..<runs {
                let start = now()
                count = try decode(bytes, wire)
                let seconds = now() - start
                rates.append(Double(bytes.count) / 1e6 / seconds)
                recordRates.append(Double(count) / seconds)
            }
            let size = String(format: "%.1f MB", Double(bytes.count) / 1e6)
            figures.append(Figure(id: "decode.\(wire.rawValue)", title: "decode, \(name)", unit: "MB/s", goal: .atLeast(300),
                                  samples: rates, note: "VM.get_all_records, \(Measured.format(Double(count))) VM records (templates, snapshots, dom0s included), \(size) → [VMRecord]"))
            figures.append(Figure(id: "decode.\(wire.rawValue).records", title: "decode, \(name), records", unit: "records/s",
                                  samples: recordRates, note: "the same runs, in VM records per second"))
            let fastEnough = Measured.median(encodeRates) >= Measured.median(rates) ? "yes" : "NO"
            figures.append(Figure(id: "sim.encode.\(wire.rawValue)", title: "simulator answer + encode, \(name)", unit: "MB/s",
                                  samples: encodeRates, note: "xapi-sim's get_all_records and reply encoding; at least the client's decode rate: \(fastEnough)"))
        }
        return figures
    }

    private func decode(_ bytes: [UInt8], _ wire: XAPIWireProtocol) throws -> Int {
        let reader = RecordMapReader<VMRecord>()
        let reply = wire == .xmlrpc
            ? try XMLRPC.decodeReply(bytes) { try reader.read(&$0) }
            : try JSONRPC.decodeReply(bytes) { try reader.read(&$0) }
        switch reply {
        case .success(let records): return records.count
        case .failure(let description): throw BenchError.failed("VM.get_all_records failed: \(description)")
        }
    }
}

/// One line on standard error, so the table on standard output stays clean.
func progress(_ text: String) {
    FileHandle.standardError.write(Data("[bench] \(text)\n".utf8))
}
