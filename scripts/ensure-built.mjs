/// `pnpm start` part: builds the web app and the server (`pnpm build`) when
/// their output is missing or older than a source file, so the quick start
/// stays `pnpm install && pnpm start` and later starts do not rebuild. Plain
/// JavaScript: it runs before anything is compiled. Also builds the native
/// mallocTrim module when missing (build-native.mjs).
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUTPUTS = ["apps/server/dist/main.js", "apps/server/dist/cli.js", "apps/web/dist/index.html"];
const INPUTS = [
  "apps/server/src",
  "apps/server/package.json",
  "apps/web/src",
  "apps/web/index.html",
  "apps/web/vite.config.ts",
  "apps/web/package.json",
  "packages",
  "scripts/build-server.ts",
  "package.json",
  "pnpm-lock.yaml",
];
const SKIP = new Set(["node_modules", "dist", "samples", "corpus"]);

/// Newest modification time under a file or folder (0 when absent).
function newest(p) {
  let stat;
  try {
    stat = statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const name of readdirSync(p)) {
    if (!SKIP.has(name)) max = Math.max(max, newest(path.join(p, name)));
  }
  return max;
}

// malloc_trim for the server (rebuilt only when its source changed).
await import("./build-native.mjs");

const built = Math.min(...OUTPUTS.map((f) => newest(path.join(ROOT, f)) || -1));
const source = Math.max(...INPUTS.map((f) => newest(path.join(ROOT, f))));
if (built < source) {
  console.log(built < 0 ? "Building Glossa (first start)…" : "Sources changed; rebuilding Glossa…");
  const pnpm = process.env.npm_execpath;
  const result =
    pnpm?.endsWith(".js") || pnpm?.endsWith(".cjs")
      ? spawnSync(process.execPath, [pnpm, "run", "build"], { cwd: ROOT, stdio: "inherit" })
      : spawnSync(pnpm || "pnpm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("Glossa could not be built; see the messages above.");
    process.exit(1);
  }
}
