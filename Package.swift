// swift-tools-version:6.2
import PackageDescription

let nio: [Target.Dependency] = [
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "NIOPosix", package: "swift-nio"),
    .product(name: "NIOHTTP1", package: "swift-nio"),
]
let orderedCollections: Target.Dependency = .product(name: "OrderedCollections", package: "swift-collections")
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
    name: "xentui",
    products: [
        .executable(name: "xentui", targets: ["xentui"]),
        .executable(name: "xapi-sim", targets: ["xapi-sim"]),
        .executable(name: "xentui-bench", targets: ["xentui-bench"]),
        // For the libFuzzer package in Fuzz/ (`make fuzz`), which builds it with sanitizers.
        .library(name: "FuzzTargets", targets: ["FuzzTargets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // System libraries: a module map and a header-only shim each.
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        // The XAPI client: values, codecs, generated records, transport, session.
        .target(name: "XAPI", dependencies: ["CCurl", orderedCollections, .product(name: "Logging", package: "swift-log")]),
        // The model: stores kept current by events, the derived tree, filters, config.
        .target(name: "Inventory", dependencies: ["XAPI", orderedCollections, "TOMLKit"]),
        // The XAPI-compatible pool simulator, usable in-process (demo, tests) and as xapi-sim.
        .target(name: "XAPISim", dependencies: ["XAPI", orderedCollections] + nio),

        // The terminal: Screen (ncurses or in-memory), key decoding, the run loop.
        .target(name: "Terminal", dependencies: ["CNCurses"]),
        // The interactive UI: app state, keymaps, themes, views, actions.
        .target(name: "UI", dependencies: ["Inventory", "Terminal", "TOMLKit"]),

        // What each fuzz target does with one input; the fuzzers and the regression tests share it.
        .target(name: "FuzzTargets", dependencies: ["XAPI", "XAPISim", "Inventory", "UI", orderedCollections]),

        .executableTarget(name: "xentui", dependencies: ["Inventory", "XAPISim", "UI", argumentParser]),
        .executableTarget(name: "xapi-sim", dependencies: ["XAPISim", argumentParser]),
        // `make bench`: measures the figures of the performance goals (BENCHMARKS.md).
        .executableTarget(name: "xentui-bench", dependencies: ["XAPI", "Inventory", "XAPISim", "UI", "Terminal", orderedCollections, argumentParser]),

        // Helpers shared by the test targets (threads of their own for blocking or heavy work).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "XAPITests", dependencies: ["XAPI", "TestSupport"]),
        .testTarget(name: "InventoryTests", dependencies: ["Inventory", "XAPISim", "TestSupport"]),
        .testTarget(name: "XAPISimTests", dependencies: ["XAPISim", "XAPI", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["XAPISim", "XAPI", "TestSupport"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal"]),
        .testTarget(name: "UITests", dependencies: ["UI", "Terminal", "Inventory", "XAPISim"]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzTargets"]),
    ],
    swiftLanguageModes: [.v6]
)
