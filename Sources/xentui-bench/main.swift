// Top-level code (not @main): `parse()` validates the options, then the run is awaited here.
do {
    let command = try BenchCommand.parse()
    try await command.run()
} catch {
    BenchCommand.exit(withError: error)
}
