// Declarations only (include/CLibFuzzer.h); libFuzzer itself comes from -sanitize=fuzzer.
