/// `pnpm lint` part: checks that packages import only the layers below them
/// (docs/design.md §1) and that Yjs, y-prosemirror and Hocuspocus stay at the edge
/// (packages/collab and apps/server only).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

/// What each package may import from @glossa/*.
const ALLOWED: Record<string, string[]> = {
  protocol: [],
  schema: [],
  citations: [],
  sources: ["citations"],
  annotations: ["schema", "sources", "citations", "protocol"],
  editor: ["schema", "citations", "annotations", "sources", "protocol"],
  collab: ["editor", "annotations", "protocol", "schema"],
  convert: ["schema"],
};
const EDGE = /^(yjs|y-prosemirror|y-protocols|y-indexeddb|@hocuspocus\/)/;
const EDGE_OK = new Set(["collab"]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [p] : [];
  });
}

const problems: string[] = [];
for (const pkg of Object.keys(ALLOWED)) {
  const dir = path.join(ROOT, "packages", pkg, "src");
  for (const file of files(dir)) {
    const src = readFileSync(file, "utf8");
    for (const m of src.matchAll(/^\s*(?:import|export)[^;]*?from\s+["']([^"']+)["']/gm)) {
      const spec = m[1]!;
      const rel = path.relative(ROOT, file);
      const glossa = /^@glossa\/([^/]+)/.exec(spec)?.[1];
      if (glossa && glossa !== pkg && !ALLOWED[pkg]!.includes(glossa)) {
        problems.push(`${rel}: @glossa/${pkg} may not import @glossa/${glossa}`);
      }
      if (EDGE.test(spec) && !EDGE_OK.has(pkg)) {
        problems.push(`${rel}: ${spec} belongs at the edge (packages/collab, apps/server)`);
      }
    }
  }
}
if (problems.length) {
  console.error(`Layering problems:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`Layers OK (${Object.keys(ALLOWED).length} packages).`);
