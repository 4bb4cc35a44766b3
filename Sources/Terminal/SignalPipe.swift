#if canImport(Glibc)
import Glibc
#endif

/// The write end of the signal pipe, for the signal handler (a C function cannot capture).
/// Written once before any handler is installed.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1
nonisolated(unsafe) private var signalPipeReadEnd: Int32 = -1

/// The self-pipe trick: a signal handler writes the signal's number to a pipe that the run loop
/// watches, so signals are handled on the main queue like any other event. (libdispatch's
/// signal sources miss signals on Linux when they are ignored, and ncurses must not see them.)
enum SignalPipe {
    /// Routes `signals` to the pipe; returns its read end (nil if no pipe could be made).
    @MainActor
    static func install(_ signals: [Int32]) -> Int32? {
        if signalPipeReadEnd < 0 {
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else { return nil }
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
            signalPipeReadEnd = fds[0]
            signalPipeWriteEnd = fds[1]
        }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { number in
            let saved = errno
            var byte = UInt8(truncatingIfNeeded: number)
            _ = write(signalPipeWriteEnd, &byte, 1)  // a full pipe drops the byte: fine
            errno = saved
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        for number in signals {
            var previous = sigaction()
            sigaction(number, &action, &previous)
            if installed[number] == nil { installed[number] = previous }
        }
        return signalPipeReadEnd
    }

    /// Gives the signals back the actions they had before `install` (the run loop stopped).
    @MainActor
    static func restorePreviousActions() {
        for (number, previous) in installed {
            var action = previous
            sigaction(number, &action, nil)
        }
        installed = [:]
    }

    @MainActor private static var installed: [Int32: sigaction] = [:]
}
