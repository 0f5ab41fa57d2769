/// `pnpm build` part: bundles the server (`apps/server/src/main.ts`) and the
/// command line (`cli.ts`) into `apps/server/dist/`, so production runs plain
/// `node` with no TypeScript loader. Workspace packages (`@glossa/*`, shipped
/// as TypeScript sources) are bundled in; everything from node_modules stays
/// an import (better-sqlite3 is native, the rest is resolved as usual).
/// Code split: a module only imported dynamically (each `glossa` command,
/// commands/index.ts) is a chunk of its own, loaded when it runs, and code
/// both entry points use is shared.
import { readFile, rm } from "node:fs/promises";
import { isBuiltin } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SERVER = path.join(ROOT, "apps/server");
const OUT = path.join(SERVER, "dist");
const ENTRIES = ["main.ts", "cli.ts"].map((f) => path.join(SERVER, "src", f));

/// Keeps node_modules imports external, bundles `@glossa/*` and relative files.
/// A dependency of a workspace package (not of the server itself, so not
/// resolvable by name from `apps/server/dist`) is imported by its resolved
/// file, relative to the bundle.
const externals: Plugin = {
  name: "glossa-externals",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith("@glossa/")) return undefined;
      if (args.pluginData === "resolving" || isBuiltin(args.path)) return undefined;
      if (args.importer.startsWith(SERVER)) return { path: args.path, external: true };
      const found = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: "resolving",
      });
      if (found.errors.length > 0) return { errors: found.errors };
      const rel = path.relative(OUT, found.path).split(path.sep).join("/");
      return { path: rel.startsWith(".") ? rel : `./${rel}`, external: true };
    });
  },
};

/// A module that finds files next to itself (`new URL("../x", import.meta.url)`)
/// keeps finding them once bundled: `import.meta.url` is rewritten to the
/// module's own source location, relative to the bundle (so the checkout
/// stays relocatable). Entry points keep the bundle's own URL.
const sourceRelativeUrls: Plugin = {
  name: "glossa-import-meta-url",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      if (ENTRIES.includes(args.path) || !source.includes("import.meta.url")) return undefined;
      const rel = path.relative(OUT, args.path).split(path.sep).join("/");
      const url = `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
      return { contents: source.replaceAll("import.meta.url", url), loader: "ts" };
    });
  },
};

await rm(OUT, { recursive: true, force: true });
const result = await build({
  entryPoints: ENTRIES,
  outdir: OUT,
  bundle: true,
  platform: "node",
  format: "esm",
  splitting: true,
  chunkNames: "[name]-[hash]",
  target: "node20",
  sourcemap: true,
  // No comments or indentation: V8 keeps every module's source text in the
  // heap, as two bytes a character when one comment holds a non-Latin-1
  // character (an em dash); names stay, and the source map maps back.
  minifyWhitespace: true,
  logLevel: "warning",
  metafile: true,
  plugins: [externals, sourceRelativeUrls],
});
const outputs = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith(".js"));
for (const [file, out] of outputs) {
  console.log(`  ${path.relative(ROOT, file)}  ${(out.bytes / 1024).toFixed(0)} KiB`);
}
