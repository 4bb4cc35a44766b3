// swift-tools-version:6.2
import Foundation
import PackageDescription

// The libFuzzer executable over xentui's decoders and parsers (Sources/FuzzTargets in the main
// package). Built only by Scripts/fuzz.sh (`make fuzz`, and a short run in `make test`), with
// `-sanitize=fuzzer,address` for every module; its main hands over to libFuzzer's driver.

// A path dependency is named after its folder, which is whatever the clone was called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "xentui-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "CLibFuzzer"),
        .executableTarget(name: "xentui-fuzz", dependencies: ["CLibFuzzer", .product(name: "FuzzTargets", package: root)]),
    ],
    swiftLanguageModes: [.v6]
)
