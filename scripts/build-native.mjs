/// Builds `apps/server/native/mallocTrim.node` (mallocTrim.c: glibc's
/// malloc_trim for node) with the system's C compiler; run by `pnpm install`
/// (postinstall), `pnpm build` and `pnpm start` (ensure-built.mjs). Never
/// fails the command: without a compiler, or off glibc, the server runs
/// without it and keeps malloc's freed pages (docs/benchmarks.md, "Memory").
/// Plain JavaScript: it runs before anything is compiled.
import { spawnSync } from "node:child_process";
import { renameSync, rmSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const source = fileURLToPath(new URL("../apps/server/native/mallocTrim.c", import.meta.url));
const output = fileURLToPath(new URL("../apps/server/native/mallocTrim.node", import.meta.url));

const mtime = (f) => {
  try {
    return statSync(f).mtimeMs;
  } catch {
    return -1;
  }
};

if (process.platform === "linux" && mtime(output) < mtime(source)) {
  const tmp = `${output}.${process.pid}.tmp`;
  const cc = process.env.CC || "cc";
  const r = spawnSync(cc, ["-shared", "-fPIC", "-O2", "-o", tmp, source], { encoding: "utf8" });
  if (r.status === 0) {
    renameSync(tmp, output);
  } else {
    rmSync(tmp, { force: true });
    const why = r.error ? `${cc}: ${r.error.message}` : r.stderr.trim().split("\n")[0];
    console.warn(
      `apps/server/native/mallocTrim.node not built (${why}); the server will run without it.`,
    );
  }
}
