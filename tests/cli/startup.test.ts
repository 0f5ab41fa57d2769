/// CLI start-up (issue 16, ≤ 0.3 s): what `glossa --version`, `--help` and a
/// small `glossa cite` load, counted rather than timed. A module resolve hook
/// in the real CLI process lists every file it loads: no server module and no
/// package from node_modules for `--version`/`--help`, and only the citation
/// engine besides the command for `cite` (tests/bench/scenarios/cliStartup.ts
/// measures the times).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-cli-startup-"));
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
const text = path.join(dir, "two.txt");
writeFileSync(text, "See 8 U.S.C. 1101(a)(15) and 42 U.S.C. § 1983.\n");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/// The repository files (relative paths) and packages the CLI loaded.
async function loaded(...args: string[]): Promise<{ files: string[]; stdout: string }> {
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", "--import", pathToFileURL(hook).href, "apps/server/src/cli.ts", ...args],
    { cwd: ROOT, env: { ...process.env, GLOSSA_QUIET: "1" } },
  );
  const root = pathToFileURL(ROOT).href;
  const files = [...stderr.matchAll(/^LOADED (\S+)$/gm)].map((m) => m[1]!.replace(root, ""));
  return { files, stdout };
}

describe("glossa start-up", () => {
  it("--version and --help load the entry point and the command list only", async () => {
    for (const flag of ["--version", "--help"]) {
      const { files, stdout } = await loaded(flag);
      expect(stdout).toMatch(/glossa/);
      expect(files.sort()).toEqual(["apps/server/src/cli.ts", "apps/server/src/commands/index.ts"]);
    }
  }, 120_000);

  it("cite loads its command and the citation engine, no store, logger or server", async () => {
    const { files, stdout } = await loaded("cite", text);
    expect(stdout).toMatch(/2 citation\(s\)/);
    const server = files.filter((f) => f.startsWith("apps/server/")).sort();
    expect(server).toEqual([
      "apps/server/src/cli.ts",
      "apps/server/src/commands/args.ts",
      "apps/server/src/commands/cite.ts",
      "apps/server/src/commands/index.ts",
    ]);
    expect(files.filter((f) => f.includes("node_modules"))).toEqual([]);
    expect(files.every((f) => /^(apps\/server|packages\/citations)\//.test(f))).toBe(true);
  }, 120_000);
});
