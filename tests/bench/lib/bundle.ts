/// The benchmark's child entry points (serverWorker.ts, clientWorker.ts),
/// bundled once per run with esbuild so that each of the run's dozens of
/// server and client processes starts on plain `node` instead of compiling
/// its modules through tsx (`pnpm bench --quick` spent minutes on that).
/// TypeScript sources (tests, `@glossa/*`, the server) are bundled; packages
/// from node_modules stay imports of their resolved files, so every process
/// loads the same copies the tsx run would. `import.meta.url` in a bundled
/// source becomes that source's own URL: files found next to it (the journal
/// worker, the sample letter, package.json) are still found.
/// GLOSSA_BENCH_TSX=1 runs the children through tsx as before.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { isBuiltin } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";
import { timed } from "./phases.ts";

/// Bare imports: `@glossa/*` is bundled (TypeScript sources), the rest is an
/// external import of the file it resolves to from its importer.
const externals: Plugin = {
  name: "bench-externals",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith("@glossa/") || args.pluginData === "resolving") return undefined;
      if (isBuiltin(args.path)) return { path: args.path, external: true };
      const found = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: "resolving",
      });
      if (found.errors.length > 0) return { errors: found.errors };
      return { path: pathToFileURL(found.path).href, external: true };
    });
  },
};

/// The module's own URL, as written in a source (split so that this file,
/// if ever bundled, is left alone).
const OWN_URL = ["import", "meta", "url"].join(".");

const ownUrls: Plugin = {
  name: "bench-import-meta-url",
  setup(b) {
    b.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, "utf8");
      if (!source.includes(OWN_URL)) return undefined;
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return {
        contents: source.replaceAll(OWN_URL, url),
        loader: args.path.endsWith("ts") ? "ts" : "js",
      };
    });
  },
};

const ENTRIES = ["serverWorker.ts", "clientWorker.ts"].map((f) =>
  fileURLToPath(new URL(`./${f}`, import.meta.url)),
);
let done: Promise<string> | undefined;

/// Bundles both entry points into a temporary folder (once), code-split so
/// that a module only imported dynamically (the Glossa server in
/// serverWorker.ts) is loaded only by the processes that import it.
function buildAll(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-bench-bundle-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  const built = build({
    entryPoints: ENTRIES,
    outdir: dir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    plugins: [externals, ownUrls],
  });
  return timed("bundle", () => built).then(() => dir);
}

/// The bundle of `file`, one of the entry points (built on first use, reused
/// by every later process), or `file` itself with GLOSSA_BENCH_TSX=1.
export async function bundled(file: string): Promise<string> {
  if (process.env.GLOSSA_BENCH_TSX === "1") return file;
  if (!ENTRIES.includes(file)) throw new Error(`${file} is not a bundled entry point`);
  done ??= buildAll();
  return path.join(await done, `${path.basename(file, ".ts")}.mjs`);
}
