import Foundation
import Inventory

/// A benchmark hook (`make bench`, BENCHMARKS.md): when `XENTUI_FIRST_FRAME_FILE` names a file,
/// the UI appends `complete <ns>` once the first frame that shows every pool's records (live or
/// from the cache) is on screen, and `live <ns>` once the first frame with every pool live is;
/// `<ns>` is the wall clock (CLOCK_REALTIME) in nanoseconds. Unset, it costs one lookup at start.
@MainActor
final class FirstFrameProbe {
    private let path: String
    private var wroteComplete = false
    private var wroteLive = false

    private init(path: String) { self.path = path }

    static func fromEnvironment() -> FirstFrameProbe? {
        guard let path = ProcessInfo.processInfo.environment["XENTUI_FIRST_FRAME_FILE"], !path.isEmpty else { return nil }
        return FirstFrameProbe(path: path)
    }

    /// Called after each frame is handed to the screen (which has written it to the terminal).
    func drawn(_ pools: [PoolEntry]) {
        guard !wroteLive, !pools.isEmpty else { return }
        let now = Self.nanoseconds()
        if !wroteComplete, pools.allSatisfy({ $0.inventory.state == .live || $0.inventory.isStale }) {
            wroteComplete = true
            append("complete \(now)\n")
        }
        if pools.allSatisfy({ $0.inventory.state == .live }) {
            wroteLive = true
            append("live \(now)\n")
        }
    }

    private static func nanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    private func append(_ line: String) {
        guard let file = fopen(path, "a") else { return }
        fputs(line, file)
        fclose(file)
    }
}
