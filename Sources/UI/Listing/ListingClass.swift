/// The classes `xentui ls --class` lists.
public enum ListingClass: String, Sendable, CaseIterable {
    case pool, host, vm, sr, network, task, message
}

/// How `xentui ls` prints: an indented tree, an aligned table, or one JSON array.
public enum ListingFormat: String, Sendable, CaseIterable {
    case tree, table, json
}
