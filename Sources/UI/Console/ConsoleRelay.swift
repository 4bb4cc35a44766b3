#if canImport(Glibc)
import Glibc
#endif
import XAPI

/// Copies bytes between the terminal and an attached console until the escape key (ctrl-]),
/// the console's end, or the end of the input. Blocking: it runs on a thread of its own while
/// ncurses has stepped aside and the run loop reads no keys.
enum ConsoleRelay {
    /// ctrl-], as in telnet and virsh.
    static let escapeByte: UInt8 = 0x1D

    enum Ending: Equatable, Sendable {
        /// ctrl-] was pressed.
        case detached
        /// The host closed the console.
        case closed
        /// The terminal went away.
        case inputClosed
        case failed(String)
    }

    static func run(_ connection: ConsoleConnection, input: Int32, output: Int32) -> Ending {
        writeAll(output, connection.initialBytes[...])
        var buffer = [UInt8](repeating: 0, count: 16_384)
        var keys = [UInt8](repeating: 0, count: 4096)
        while true {
            // Drain first: TLS may hold decrypted bytes that the socket no longer signals.
            do {
                draining: while true {
                    switch try connection.receive(into: &buffer) {
                    case .bytes(let count): writeAll(output, buffer[..<count])
                    case .wouldBlock: break draining
                    case .closed: return .closed
                    }
                }
            } catch {
                return .failed(error.description)
            }
            var descriptors = [
                pollfd(fd: input, events: Int16(POLLIN), revents: 0),
                pollfd(fd: connection.socket, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return .failed("waiting for the terminal or the console failed (errno \(errno))")
            }
            guard descriptors[0].revents != 0 else { continue }
            let count = keys.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            if count <= 0 { return .inputClosed }
            let typed = keys[..<count]
            let escape = typed.firstIndex(of: escapeByte)
            let forward = Array(typed[..<(escape ?? typed.endIndex)])
            do {
                if !forward.isEmpty { try connection.send(forward) }
            } catch {
                return .failed(error.description)
            }
            if escape != nil { return .detached }
        }
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>) {
        var rest = bytes
        while !rest.isEmpty {
            let written = rest.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return
            }
            rest = rest.dropFirst(written)
        }
    }
}
