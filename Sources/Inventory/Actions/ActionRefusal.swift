import XAPI

extension ActionRequest {
    /// Why `action` cannot run on a target now, in one line, or nil: read-only mode, or the
    /// target's `allowed_operations` (as XAPI computed it) not listing the action's operation.
    public static func refusal(_ action: ObjectAction, target allowedOperations: [String], readOnly: Bool) -> String? {
        if readOnly && action.isMutating {
            return "read-only mode: \(action.label) would change the pool, so it is not run"
                + " (--read-only or the pool's read_only = true)"
        }
        guard let operation = action.allowedOperation, !allowedOperations.contains(operation) else { return nil }
        let allowed = allowedOperations.isEmpty ? "none" : allowedOperations.sorted().joined(separator: ", ")
        return "OPERATION_NOT_ALLOWED: \(operation) is not in the \(action.targetClass.rawValue)'s"
            + " allowed_operations now (allowed: \(allowed))"
    }

    /// The error XAPI would give if the action were called now, judged from the target's record
    /// before calling, or nil when `allowed_operations` permits it. The codes and parameters are
    /// XAPI's own, so the explanation and the log read as if the pool had refused:
    /// `OTHER_OPERATION_IN_PROGRESS` [class, ref, operation, task] while another operation runs,
    /// `VM_BAD_POWER_STATE` [vm, expected, actual] for a VM in the wrong power state,
    /// `OPERATION_NOT_ALLOWED` [reason] otherwise. Read-only mode is not an XAPI error: see `refusal`.
    public static func refusalError(
        _ action: ObjectAction, targetRef: String, allowedOperations: [String], powerState: String? = nil,
        currentOperations: [String: String] = [:]
    ) -> XAPIError? {
        guard let operation = action.allowedOperation, !allowedOperations.contains(operation) else { return nil }
        let code: String
        let params: [String]
        if let (task, other) = currentOperations.min(by: { $0.key < $1.key }) {
            code = "OTHER_OPERATION_IN_PROGRESS"
            params = [action.targetClass.rawValue, targetRef, other, task]
        } else if action.targetClass == .vm, let actual = powerState?.lowercased(),
            let expected = requiredPowerStates[operation], !expected.contains(actual)
        {
            code = "VM_BAD_POWER_STATE"
            params = [targetRef, expected.joined(separator: ";"), actual]
        } else {
            let allowed = allowedOperations.isEmpty ? "none" : allowedOperations.sorted().joined(separator: ", ")
            code = "OPERATION_NOT_ALLOWED"
            params = ["\(operation) is not in the allowed_operations of \(targetRef) (allowed: \(allowed))"]
        }
        return XAPIError(code: code, params: params, call: action.asyncCall, object: targetRef)
    }

    /// The power states (lowercase, as XAPI writes them in errors) each VM operation starts from,
    /// as in xapi's `xapi_vm_lifecycle.ml`.
    static let requiredPowerStates: [String: [String]] = [
        "start": ["halted"], "start_on": ["halted"], "resume": ["suspended"], "clean_shutdown": ["running"],
        "hard_shutdown": ["running", "paused", "suspended"], "clean_reboot": ["running"],
        "hard_reboot": ["running", "paused"], "suspend": ["running"], "pause": ["running"], "unpause": ["paused"],
        "pool_migrate": ["running"], "snapshot": ["halted", "running", "paused", "suspended"], "clone": ["halted"],
        "destroy": ["halted"],
    ]
}
