// libFuzzer's driver entry point (libclang_rt.fuzzer), for fuzz targets whose `main` SwiftPM renames.
#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer over `callback` with the process arguments; returns the exit status.
int keyward_fuzz_main(int argc, char *_Nullable *_Nonnull argv,
                      int (*_Nonnull callback)(const uint8_t *_Nonnull data, size_t size));
