/// How node runs a Glossa server process: `pnpm start` (package.json, where
/// a unit test holds it to these values), the benchmark's and the tests'
/// server processes. Neither can be set once node is running (V8 sizes its
/// heap at start; glibc reads its tunables at exec), so each starter passes
/// them on its command line (docs/benchmarks.md "Memory").

/// A fixed mmap threshold (128 KiB, which also stops glibc raising it after
/// each large free) and trim threshold: freed large buffers go back to the
/// system instead of staying in the process's RSS (docs/security.md).
export const GLIBC_TUNABLES =
  "glibc.malloc.mmap_threshold=131072:glibc.malloc.trim_threshold=131072";

/// V8's young generation capped at 2 × 2 MiB: by default start-up grows it
/// to 2 × 16 MiB, which full GCs never shrink (≈ 15 MiB of RSS until V8's
/// memory reducer runs, 20–40 s after the process goes idle, and again after
/// every burst).
export const NODE_FLAGS: readonly string[] = ["--max-semi-space-size=2"];
