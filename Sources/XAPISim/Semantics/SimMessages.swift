import XAPI

extension SimState {
    /// Adds a `message` (an alert) and records its `add` event.
    @discardableResult
    mutating func addMessage(name: String, priority: Int64, className: String, objectUUID: String, body: String) -> String {
        let ref = newRef()
        insert(
            "message", ref,
            [
                "uuid": .string(newUUID()), "name": .string(name), "priority": .int(priority), "cls": .string(className),
                "obj_uuid": .string(objectUUID), "timestamp": .dateTime(nowDateTime), "body": .string(body),
            ])
        return ref
    }
}
