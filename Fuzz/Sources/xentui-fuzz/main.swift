#if canImport(Glibc)
import Glibc
#endif
import CLibFuzzer
import FuzzTargets

// The linker may start the fuzzer through libFuzzer's own main (the archive that
// -sanitize=fuzzer links defines one) or through this file's, which SwiftPM names the entry:
// both end up in `fuzzOneInput` through libFuzzer's driver.

/// The target to fuzz comes from `XENTUI_FUZZ_TARGET` (Scripts/fuzz.sh sets it): libFuzzer owns
/// the command line.
let fuzzTarget: FuzzTarget = {
    guard let name = getenv("XENTUI_FUZZ_TARGET").map({ String(cString: $0) }), let target = FuzzTarget(rawValue: name) else {
        print("set XENTUI_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        exit(2)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzTarget.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
