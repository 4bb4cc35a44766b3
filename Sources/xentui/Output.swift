import Foundation

/// Writes to standard error (messages, never the listing).
func printError(_ text: String, newline: Bool = true) {
    try? FileHandle.standardError.write(contentsOf: Data((newline ? text + "\n" : text).utf8))
}

/// Writes the listing to standard output in one go. A reader that went away (`| head`)
/// ends the program quietly (SIGPIPE is ignored, so the write fails instead of killing us).
func printOutput(_ text: String) {
    do {
        try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
    } catch {
        exit(0)
    }
}
