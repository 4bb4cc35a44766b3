// libFuzzer's entry for programs with a main of their own (LLVM 12 and later), linked in by
// -sanitize=fuzzer. SwiftPM gives every executable its own main, so the fuzzer starts through here.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
