import Foundation
import Inventory
import Terminal
import XAPI

#if canImport(Glibc)
import Glibc
#endif

extension UIController {
    /// Attaches to the console `c` asked for: opens it (off the main actor), then ncurses steps
    /// aside and the relay owns the terminal until ctrl-] or the console's end; then the screen
    /// is redrawn whole, exactly as it was. Only a failure or a dropped console leaves an entry.
    func attachRequestedConsole() {
        guard let request = state.takeConsoleRequest(), consoleTask == nil else { return }
        guard let opener = consoleOpener else {
            state.appendLog(LogPaneEntry(time: Date(), level: .error, kind: .error, pool: request.pool,
                                         text: "console of \(request.name): this UI cannot open consoles"))
            return
        }
        consoleTask = Task { @MainActor [weak self] in
            await self?.attach(request, opener: opener)
            self?.consoleTask = nil
        }
    }

    private func attach(_ request: ConsoleRequest, opener: any ConsoleOpening) async {
        let opened: Result<ConsoleConnection, ConsoleError>
        do {
            let access = try await opener.consoleAccess(pool: request.pool)
            opened = await onOwnThread {
                Result { () throws(ConsoleError) -> ConsoleConnection in try ConsoleConnection.open(location: request.location, access: access) }
            }
        } catch {
            return consoleEnded(request, level: .error, "cannot log in to open it: \(error)")
        }
        let connection: ConsoleConnection
        switch opened {
        case .success(let value): connection = value
        case .failure(let error): return consoleEnded(request, level: .error, error.description)
        }

        consoleInput?.pause()
        screen.suspend()
        let rawMode = TerminalRawMode(descriptor: consoleDescriptors.input)
        // A clear screen first: the terminal's normal screen may still hold an earlier console.
        let banner = "\u{1B}[H\u{1B}[2J[xentui] console of \(PrintableText.escaped(request.name)) (\(request.pool)): ctrl-] returns to xentui\r\n"
        _ = Array(banner.utf8).withUnsafeBytes { Glibc.write(consoleDescriptors.output, $0.baseAddress, $0.count) }
        let descriptors = consoleDescriptors
        let ending = await onOwnThread { ConsoleRelay.run(connection, input: descriptors.input, output: descriptors.output) }
        connection.close()
        rawMode.restore()
        screen.resume()
        screen.invalidate()
        consoleInput?.resume()

        switch ending {
        case .detached, .inputClosed: redraw()
        case .closed: consoleEnded(request, level: .warning, "the host closed the console (the VM may have stopped or moved)")
        case .failed(let reason): consoleEnded(request, level: .error, reason)
        }
    }

    private func consoleEnded(_ request: ConsoleRequest, level: LogPaneEntry.Level, _ reason: String) {
        appendLog(LogPaneEntry(time: Date(), level: level, kind: .error, pool: request.pool,
                               text: "console of \(request.name): \(PrintableText.escaped(reason))"))
    }
}
