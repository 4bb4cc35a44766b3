import Foundation
import Inventory
import XAPI
import XAPISim
@testable import UI

/// The fixture with `allowed_operations` as xapi computes them for each power state, so that
/// the `a` menu has something to offer; and a performer over an in-process `SimPool`.
enum ActionFixture {
    static let halted: [VMOperations] = [.start, .startOn, .clone, .snapshot, .destroy, .copy, .export]
    static let running: [VMOperations] = [.cleanShutdown, .hardShutdown, .cleanReboot, .hardReboot, .pause, .suspend,
                                          .snapshot, .poolMigrate]

    static var prod: PoolInventory {
        var inventory = AppFixture.prod
        for (ref, var vm) in inventory.vms.records where !vm.is_control_domain && !vm.is_a_template {
            vm.allowed_operations = vm.power_state == .halted ? halted : running
            inventory.vms.upsert(ref, vm)
        }
        return inventory
    }

    static func state(readOnly: Bool = false) -> AppState {
        AppState(pools: [PoolEntry(inventory: AppFixture.lab), PoolEntry(inventory: prod, accent: .indexed(1))], readOnly: readOnly)
    }

    static func id(_ ref: String) -> TreeNodeID { TreeNodeID(pool: "prod", kind: .vm, ref: "OpaqueRef:\(ref)") }
}

/// Runs requests on a `SimPool` in the process, as `ActionRunner` does on a real pool.
struct SimActionPerformer: ActionPerforming {
    let pool: SimPool
    let session: String

    init(pool: SimPool) {
        self.pool = pool
        if case .success(let value) = pool.handle(XAPICall(method: "session.login_with_password", params: [.string("root"), .string("password")])) {
            session = value.stringValue ?? ""
        } else {
            session = ""
        }
    }

    func perform(_ request: ActionRequest) async -> ActionPerformResult {
        let call = request.action.call
        switch pool.handle(XAPICall(method: request.action.asyncCall, params: [.string(session)] + request.parameters)) {
        case .success(let value): return .started(task: value.stringValue ?? "")
        case .failure(let error):
            return .failed(XAPIError(code: error.first ?? "", params: Array(error.dropFirst()), call: call, object: request.target.name))
        }
    }

    func cancel(_ request: TaskCancelRequest) async -> ActionPerformResult {
        switch pool.handle(XAPICall(method: "task.cancel", params: [.string(session), .string(request.task)])) {
        case .success: return .cancelled
        case .failure(let error): return .failed(XAPIError(code: error.first ?? "", params: Array(error.dropFirst()), call: "task.cancel"))
        }
    }
}
