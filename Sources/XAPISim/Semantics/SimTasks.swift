import XAPI

extension SimState {
    /// Creates the task of an `Async.*` call. A call that cannot run fails its task at once,
    /// as xapi reports errors of async calls through the task, not the call.
    mutating func startTask(_ action: SimAction, session: String) throws(SimFailure) -> String {
        let ref = newRef()
        let created = nowDateTime
        insert(
            "task", ref,
            [
                "uuid": .string(newUUID()), "name_label": .string("Async." + action.methodName), "name_description": "",
                "allowed_operations": ["cancel"], "current_operations": [:], "created": .dateTime(created),
                "finished": .dateTime(.epoch), "status": "pending", "resident_on": .string(masterRef), "progress": 0.0,
                "type": "<none/>", "result": "", "error_info": [], "other_config": ["applies_to": .string(action.ref)],
                "subtask_of": .string(nullRef), "subtasks": [], "backtrace": "()",
            ])
        do {
            try validate(action)
        } catch {
            finishTask(ref, status: "failure", result: "", errorInfo: error.errorDescription)
            return ref
        }
        if action.className == "VM" {
            try? update("VM", action.ref) { (vm: inout XAPIStruct) throws(SimFailure) in
                var operations = vm.map("current_operations")
                operations[ref] = .string(action.name)
                vm["current_operations"] = .structure(operations)
            }
            refreshAllowedOperations(vm: action.ref)
        }
        let started = now
        runningTasks[ref] = RunningTask(action: action, started: started, finishes: started + max(0, options.opSeconds))
        return ref
    }

    mutating func cancelTask(_ ref: String) throws(SimFailure) {
        let task = try requireRecord("task", ref)
        guard task.string("status") == "pending", runningTasks[ref] != nil, runningTasks[ref]?.cancelling == false else {
            throw SimFailure("OPERATION_NOT_ALLOWED", "Task \(ref) is not pending, so it cannot be cancelled")
        }
        runningTasks[ref]?.cancelling = true
        try update("task", ref) { (task: inout XAPIStruct) throws(SimFailure) in
            task["status"] = "cancelling"
            task["allowed_operations"] = []
        }
    }

    /// Moves running tasks on: progress, then completion (the action takes effect) or cancellation.
    mutating func tick() {
        guard !runningTasks.isEmpty else { return }
        let time = now
        for (ref, running) in runningTasks {
            if running.cancelling {
                runningTasks.removeValue(forKey: ref)
                releaseOperation(of: running.action, task: ref)
                finishTask(ref, status: "cancelled", result: "", errorInfo: ["TASK_CANCELLED", ref])
            } else if time >= running.finishes {
                runningTasks.removeValue(forKey: ref)
                releaseOperation(of: running.action, task: ref)
                do {
                    try validate(running.action)
                    let result = try apply(running.action)
                    finishTask(ref, status: "success", result: Self.xmlRPCResult(result), errorInfo: [])
                } catch {
                    finishTask(ref, status: "failure", result: "", errorInfo: error.errorDescription)
                }
            } else {
                let duration = max(running.finishes - running.started, 0.001)
                // A few progress events per second, never one per tick.
                let step = max(0.01, min(0.5, 0.25 / duration))
                let progress = (((time - running.started) / duration) / step).rounded(.down) * step
                let rounded = (min(progress, 0.99) * 100).rounded() / 100
                try? update("task", ref) { (task: inout XAPIStruct) throws(SimFailure) in task["progress"] = .double(rounded) }
            }
        }
    }

    private mutating func releaseOperation(of action: SimAction, task: String) {
        guard action.className == "VM", database.tables["VM"]?[action.ref] != nil else { return }
        try? update("VM", action.ref) { (vm: inout XAPIStruct) throws(SimFailure) in
            var operations = vm.map("current_operations")
            operations.removeValue(forKey: task)
            vm["current_operations"] = .structure(operations)
        }
        refreshAllowedOperations(vm: action.ref)
    }

    mutating func finishTask(_ ref: String, status: String, result: String, errorInfo: [String]) {
        let finished = nowDateTime
        try? update("task", ref) { (task: inout XAPIStruct) throws(SimFailure) in
            task["status"] = .string(status)
            task["progress"] = 1.0
            task["finished"] = .dateTime(finished)
            task["allowed_operations"] = []
            task["result"] = .string(result)
            task["error_info"] = .array(errorInfo.map { .string($0) })
        }
    }

    /// The task's `result`: the XML-RPC text of the return value (xapi's `set_result_on_task`).
    static func xmlRPCResult(_ value: XAPIValue) -> String {
        guard let text = value.stringValue, !text.isEmpty else { return "" }
        var escaped = ""
        for character in text {
            switch character {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            default: escaped.append(character)
            }
        }
        return "<value>" + escaped + "</value>"
    }
}
