import Foundation
import Inventory
import UI
import XAPI

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Loads pools once (for `xentui ls`): every pool at the same time, each with its own
/// session, logged out afterwards. An untrusted certificate is offered for trust on first
/// use when a person is at the terminal.
struct InventoryLoader: Sendable {
    var scope: InventoryLoadScope
    var wireProtocol: XAPIProtocolPreference

    /// The inventories (in the order of `connections`) and the failures.
    func load(_ connections: [PoolConnection]) async -> [Result<PoolInventory, PoolFailure>] {
        await withTaskGroup(of: (Int, Result<PoolInventory, PoolFailure>).self) { group in
            for (index, connection) in connections.enumerated() {
                group.addTask { (index, await load(connection)) }
            }
            var results = [Result<PoolInventory, PoolFailure>?](repeating: nil, count: connections.count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
    }

    func load(_ connection: PoolConnection) async -> Result<PoolInventory, PoolFailure> {
        let session = connection.session(wireProtocol: wireProtocol, callTimeout: 300)
        do {
            try await session.login()
            let inventory = try await PoolInventory.load(
                from: session, name: connection.name, master: await session.host, scope: scope)
            await session.logout()
            return .success(inventory)
        } catch {
            await session.logout()
            var failure = PoolFailure(pool: connection.name, error: error)
            if failure.untrustedPin == nil, case .tlsVerificationFailed? = error as? XAPITransportError {
                failure.untrustedPin = try? CertificateProbe.publicKeyPin(of: connection.host, connectTimeout: 10)
            }
            return .failure(failure)
        }
    }
}

/// Trust on first use, asked on the terminal.
enum TrustPrompt {
    /// True when both standard input and standard error are terminals.
    static var isInteractive: Bool { isatty(0) == 1 && isatty(2) == 1 }

    /// Shows the key and asks; true for yes.
    static func ask(pool: String, url: String, pin: String, configPath: String) -> Bool {
        printError("""
            The TLS certificate of pool \(PrintableText.escaped(pool)) (\(url)) is not trusted by this system.
            Its public key is \(pin)
            Trust this key and save it as the pin of pool \(PrintableText.escaped(pool)) in \(PrintableText.escaped(configPath))? [y/N] 
            """, newline: false)
        guard let answer = readLine() else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// How to trust the key without the prompt.
    static func advice(pool: String, pin: String, configPath: String) -> [String] {
        [
            "to trust it, add  pin = \"\(pin)\"  to the [[pool]] named \(PrintableText.escaped(pool)) in \(PrintableText.escaped(configPath))",
            "(or run xentui on a terminal to be asked), or pass --insecure to accept any certificate",
        ]
    }
}
