/// Issue 16 (memory of a started server): what `pnpm start` loads before
/// anyone uses it. Every module is source text and code in the heap for the
/// life of the process; writers used by one endpoint (Markdown export:
/// prosemirror-markdown and markdown-it, whose default parser is built when
/// imported; the word diff of comparisons; the Word writer; the import
/// converters), the drivers of stores not configured, and the API's request
/// schemas (packages/api with zod and the OpenAPI generator: ~5 MiB of heap,
/// loaded by the first API request) and prom-client (the process metrics,
/// loaded by the first `/metrics` scrape) load on first use, and so does
/// y-prosemirror (with prosemirror-view and -state), which a restarted server
/// needs only to convert a document (an annotation, a version, an import).
/// A module resolve hook in the real server process lists every file it
/// loads, until the server says it is running, then what a first request
/// loads. Counted, not timed.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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

/// The files the server loaded up to its "running" line (`start`), and those
/// it loaded after that while `then` ran against its address (`later`; it
/// also gets what the server printed so far). The first start seeds the letter.
async function loaded(
  then: (url: string, out: () => string) => Promise<void> = async () => {},
): Promise<{ start: string[]; later: string[] }> {
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
  const files = () => [...stderr.matchAll(/^LOADED (\S+)$/gm)].map((m) => m[1]!);
  // The hook runs on the loader's own thread: its lines reach stderr after
  // the module loaded, possibly after the answer that needed it. Wait until
  // stderr has been quiet for half a second (at most 10 s) before reading.
  const settled = async () => {
    const deadline = Date.now() + 10_000;
    let seen = -1;
    while (seen !== stderr.length && Date.now() < deadline) {
      seen = stderr.length;
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        stdout += d.toString();
        const running = /Glossa is running at (http:\/\/\S+)/.exec(stdout);
        if (running) resolve(running[1]!);
      });
      child.once("exit", (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
    });
    await settled();
    const start = files();
    await then(url, () => stdout);
    await settled();
    return { start, later: files().slice(start.length) };
  } finally {
    child.kill("SIGKILL");
  }
}

describe("server start-up", () => {
  it("loads no writer or driver that only some requests use", async () => {
    const { start: files } = await loaded();
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
      "/node_modules/prom-client/",
    ];
    expect(late.filter((p) => files.some((f) => f.includes(p)))).toEqual([]);
  }, 120_000);

  it("loads prom-client with the first /metrics scrape, and serves the process metrics", async () => {
    let page = "";
    const { start, later } = await loaded(async (url) => {
      const res = await fetch(`${url}/metrics`);
      expect(res.status).toBe(200);
      page = await res.text();
    });
    const promClient = (f: string) => f.includes("/node_modules/prom-client/");
    expect(start.some(promClient)).toBe(false);
    expect(later.some(promClient)).toBe(true);
    expect(page).toMatch(/^glossa_process_resident_memory_bytes \d+/m);
    expect(page).toMatch(/^glossa_journal_backlog 0$/m);
  }, 120_000);

  it("loads y-prosemirror when a restarted server first converts a document, not at start", async () => {
    if (!existsSync(path.join(dir, "data", "glossa.sqlite"))) await loaded();
    let answer: unknown = null;
    const { start, later } = await loaded(async (url, out) => {
      // The restart prints a one-time sign-in link to the letter.
      let link: RegExpExecArray | null = null;
      for (let i = 0; i < 100 && !link; i++) {
        link = /\/d\/([a-z0-9]+)#signin=([\w-]+)/.exec(out());
        if (!link) await new Promise((r) => setTimeout(r, 100));
      }
      const [, docId, code] = link!;
      const login = await fetch(`${url}/api/login/code`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ code }),
      });
      const { token } = (await login.json()) as { token: string };
      const res = await fetch(`${url}/api/documents/${docId}/annotations`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      answer = ((await res.json()) as { annotations?: unknown }).annotations;
    });
    const yProsemirror = (f: string) =>
      f.includes("/node_modules/y-prosemirror/") || f.includes("/node_modules/prosemirror-view/");
    expect(start.filter(yProsemirror)).toEqual([]);
    expect(later.some(yProsemirror)).toBe(true);
    expect(Array.isArray(answer)).toBe(true);
  }, 120_000);
});
