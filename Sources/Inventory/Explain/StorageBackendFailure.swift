/// `SR_BACKEND_FAILURE_<n>`: the host's storage manager (SM) failed with its own error
/// number `n`. Parameters are as for `SR_BACKEND_FAILURE`: [status, stdout, stderr], where SM
/// puts its message in the second ("stdout") slot and usually leaves the others empty.
struct StorageBackendFailure {
    let code: String
    /// SM's error number, when the code carries one.
    let number: Int?

    init(code: String, number: Int?) {
        self.code = code
        self.number = number
    }

    /// Recognises `SR_BACKEND_FAILURE_<digits>`; nil for any other code.
    init?(code: String) {
        let prefix = "SR_BACKEND_FAILURE_"
        guard code.hasPrefix(prefix), let number = Int(code.dropFirst(prefix.count)) else { return nil }
        self.init(code: code, number: number)
    }

    func write(_ facts: ErrorFacts) -> ErrorText {
        // SM's message is in stdout; fall back to stderr, then status.
        let message = facts.detail(1) ?? facts.detail(2) ?? facts.detail(0)
        let which = number.map { "error \($0)" } ?? "an error"
        return ErrorText(
            title: "The storage backend failed" + (number.map { " (SM error \($0))" } ?? ""),
            explanation: SentenceText.withDetail(
                "The host's storage manager reported \(which) while working on the SR", message)
                + " The failure came from the storage layer (the disk files, LVM, NFS or iSCSI server), not from XAPI itself.",
            suggestion:
                "Check the storage server and the host's /var/log/SMlog for this error; rescanning the SR sometimes clears a stale state."
        )
    }
}
