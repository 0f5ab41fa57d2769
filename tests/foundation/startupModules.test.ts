/// Issue 16 (memory of a started server): what `pnpm start` loads before
/// anyone uses it. Every module is source text and code in the heap for the
/// life of the process; writers used by one endpoint (Markdown export:
/// prosemirror-markdown and markdown-it, whose default parser is built when
/// imported; the word diff of comparisons; the Word writer; the import
/// converters), the drivers of stores not configured, and the API's request
/// schemas (packages/api with zod and the OpenAPI generator: ~5 MiB of heap,
/// loaded by the first API request) load on first use.
/// A module resolve hook in the real server process lists every file it
/// loads, until the server says it is running. Counted, not timed.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-server-startup-"));
const hook = path.join(dir, "hook.mjs");
writeFileSync(
  hook,
  `import { register } from "node:module";
register("data:text/javascript," + encodeURIComponent(\`export async function resolve(s, c, next) {
  const r = await next(s, c);
  if (r.url.startsWith("file:")) process.stderr.write("LOADED " + r.url + "\\\\n");
  return r;
}\`));
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/// The files the server loaded up to its "running" line.
async function loadedAtStart(): Promise<string[]> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--import", pathToFileURL(hook).href, "apps/server/src/main.ts"],
    {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: path.join(dir, "data"), PORT: "0", HOST: "127.0.0.1" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes("Glossa is running")) resolve();
      });
      child.once("exit", (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
    });
  } finally {
    child.kill("SIGKILL");
  }
  return [...stderr.matchAll(/^LOADED (\S+)$/gm)].map((m) => m[1]!);
}

describe("server start-up", () => {
  it("loads no writer or driver that only some requests use", async () => {
    const files = await loadedAtStart();
    expect(files.some((f) => f.includes("/apps/server/src/app.ts"))).toBe(true);
    const late = [
      "/node_modules/prosemirror-markdown/",
      "/node_modules/markdown-it/",
      "/node_modules/diff/",
      "/node_modules/docx/",
      "/node_modules/mammoth/",
      "/node_modules/linkedom/",
      "/node_modules/pg/",
      "/node_modules/ioredis/",
      "/apps/server/src/http/markdownExport.ts",
      "/apps/server/src/http/docxExport.ts",
      "/apps/server/src/versions/compare.ts",
      "/packages/api/src/",
      "/node_modules/zod/",
      "/node_modules/@asteasolutions/zod-to-openapi/",
    ];
    expect(late.filter((p) => files.some((f) => f.includes(p)))).toEqual([]);
  }, 120_000);
});
