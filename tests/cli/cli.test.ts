import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dataDir = mkdtempSync(path.join(os.tmpdir(), "glossa-cli-"));
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", GLOSSA_QUIET: "1" };
const CLI = ["--import", "tsx", "apps/server/src/cli.ts"];

/// Runs the real `glossa` command line in its own process.
async function glossa(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [...CLI, ...args], {
      cwd: ROOT,
      env,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/// `fn` over `items`, `n` processes at a time (2 shared cores).
async function pooled<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

const COMMANDS = [
  "backup",
  "cite",
  "import",
  "restore",
  "share",
  "signin-link",
  "sources",
  "trash",
  "unshare",
  "user",
];

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("glossa command line", () => {
  it("--version, --help, no command and an unknown command answer with 0, 0, 2, 2", async () => {
    const [version, help, none, unknown, unknownOption] = await pooled(
      [["--version"], ["--help"], [], ["frobnicate"], ["--frobnicate"]],
      3,
      (a) => glossa(...a),
    );
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^glossa \d+\.\d+\.\d+\n$/);
    expect(help.code).toBe(0);
    for (const c of COMMANDS) expect(help.stdout).toContain(`  ${c} `);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Usage: glossa <command>");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    expect(unknownOption.code).toBe(2);
  }, 120_000);

  it("every command has --help (exit 0) and refuses an unknown option (exit 2)", async () => {
    const runs = await pooled(COMMANDS, 3, async (c) => ({
      c,
      help: await glossa(c, "--help"),
      bogus: await glossa(c, "x@example.org", "--no-such-option"),
    }));
    for (const { c, help, bogus } of runs) {
      expect(help.code, c).toBe(0);
      expect(help.stdout, c).toMatch(/^Usage: glossa /);
      expect(bogus.code, `${c}: ${bogus.stderr}`).toBe(2);
      expect(bogus.stderr, c).toMatch(/unknown (option|sub-command)/);
    }
  }, 300_000);

  it("refuses extra arguments, a missing value and an option given twice with 2", async () => {
    const [extra, missing, twice, bareValue] = await pooled(
      [
        ["signin-link", "a@example.org", "b@example.org"],
        ["user", "add", "a@example.org", "--name"],
        ["user", "add", "a@example.org", "--name", "A", "--name", "B"],
        ["backup", "--force=yes", "out.glossa"],
      ],
      2,
      (a) => glossa(...a),
    );
    expect(extra.code).toBe(2);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--name needs a value");
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("--name is given twice");
    expect(bareValue.code).toBe(2);
    expect(bareValue.stderr).toContain("--force takes no value");
  }, 120_000);

  it("exits cleanly when its reader goes away (glossa … | head -1)", async () => {
    const child = spawn(process.execPath, [...CLI, "cite", "--jsonl"], { cwd: ROOT, env });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    // Far more output than a pipe holds; the reader leaves after the first chunk.
    const line = `${JSON.stringify({ id: 1, text: "See 8 U.S.C. § 1225(b)(2)(C) and 8 C.F.R. § 235.3." })}\n`;
    child.stdin.on("error", () => {});
    child.stdin.end(line.repeat(20_000));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  }, 120_000);
});
