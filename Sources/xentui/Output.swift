import Foundation

/// Writes to standard error (messages, never the listing).
func printError(_ text: String, newline: Bool = true) {
    FileHandle.standardError.write(Data((newline ? text + "\n" : text).utf8))
}

/// Writes the listing to standard output in one go.
func printOutput(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
