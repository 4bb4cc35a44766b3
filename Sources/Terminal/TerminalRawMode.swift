#if canImport(Glibc)
import Glibc
#endif

/// The terminal in raw mode while a console has it: every key byte (ctrl-c, ctrl-z, ctrl-d
/// included) goes to the console, and nothing is echoed locally (the console echoes).
public struct TerminalRawMode {
    private let descriptor: Int32
    private let saved: termios?

    /// Puts `descriptor` in raw mode; on a non-terminal (tests' pipes) changes nothing.
    public init(descriptor: Int32 = 0) {
        self.descriptor = descriptor
        var settings = termios()
        guard tcgetattr(descriptor, &settings) == 0 else {
            saved = nil
            return
        }
        saved = settings
        cfmakeraw(&settings)
        tcsetattr(descriptor, TCSANOW, &settings)
    }

    /// Puts the settings back as they were.
    public func restore() {
        guard var settings = saved else { return }
        tcsetattr(descriptor, TCSANOW, &settings)
    }
}
