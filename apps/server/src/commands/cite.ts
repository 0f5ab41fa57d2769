/// `glossa cite FILE|-`: lists the legal citations in a text file or stdin
/// as a table, a JSON array (`--json`), or, with `--jsonl`, reads JSON lines
/// `{"id","text"}` from stdin and writes `{"id","citations"}` per line.
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { type Citation, extractCitations } from "@glossa/citations";
import { parseArgs, UsageError } from "./args.ts";
import type { Command, CommandIO } from "./command.ts";

const USAGE = `Usage: glossa cite [--json] FILE|-
       glossa cite --jsonl < lines.jsonl

Finds legal citations (U.S. Code, INA, C.F.R., cases, treaties, Mexican law, …).
  FILE|-    text file to read, or - for stdin
  --json    print a JSON array of citations instead of a table
  --jsonl   read {"id": …, "text": …} lines on stdin, write {"id": …, "citations": […]} lines`;

const readStream = async (stream: NodeJS.ReadableStream): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
};

const write = (stream: NodeJS.WritableStream, text: string): Promise<void> =>
  new Promise((resolve, reject) => {
    stream.write(text, (err) => (err ? reject(err) : resolve()));
  });

/// Renders citations as an aligned plain-text table.
export function citationTable(citations: readonly Citation[]): string {
  if (citations.length === 0) return "No citations found.\n";
  const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  const rows = citations.map((c) => [
    `${c.start}-${c.end}`,
    c.kind,
    clip(c.text.replace(/\s+/g, " "), 60),
    c.key,
    clip(c.canonical, 60),
    c.equivalents.join(", "),
  ]);
  const head = ["at", "kind", "text", "key", "canonical", "equivalents"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  const out = [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
  const links = citations.flatMap((c, i) =>
    c.urls.length ? [`  [${i + 1}] ${c.key}: ${c.urls[0]}`] : [],
  );
  return `${out.join("\n")}\n\n${citations.length} citation(s)${links.length ? `\n${links.join("\n")}` : ""}\n`;
}

async function runJsonl(io: CommandIO): Promise<number> {
  let failed = false;
  const rl = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === "") continue;
    let out: unknown;
    try {
      const obj = JSON.parse(line) as unknown;
      if (typeof obj !== "object" || obj === null || Array.isArray(obj)) {
        throw new TypeError("each line must be a JSON object");
      }
      const { id = null, text } = obj as { id?: unknown; text?: unknown };
      if (typeof text !== "string") throw new TypeError('"text" must be a string');
      out = { id, citations: extractCitations(text) };
    } catch (err) {
      failed = true;
      out = { id: null, error: err instanceof Error ? err.message : String(err) };
    }
    await write(io.stdout, `${JSON.stringify(out)}\n`);
  }
  return failed ? 1 : 0;
}

const cite: Command = {
  name: "cite",
  summary: "List the legal citations in a text (table, --json, or --jsonl batch)",
  usage: USAGE,
  async run(args, io) {
    let flags: Set<string>;
    let files: string[];
    try {
      ({ flags, positional: files } = parseArgs(args, [], ["help", "json", "jsonl"]));
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      await write(io.stderr, `glossa cite: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    if (flags.has("help")) {
      await write(io.stdout, `${USAGE}\n`);
      return 0;
    }
    if (flags.has("jsonl")) {
      if (flags.has("json") || files.length > 0) {
        await write(io.stderr, "glossa cite: --jsonl reads stdin and takes no FILE or --json\n");
        return 2;
      }
      return runJsonl(io);
    }
    if (files.length !== 1) {
      await write(io.stderr, `glossa cite: expected one FILE or -\n${USAGE}\n`);
      return 2;
    }
    const file = files[0]!;
    let text: string;
    try {
      text = file === "-" ? await readStream(io.stdin) : await readFile(file, "utf8");
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why =
        code === "ENOENT"
          ? "no such file"
          : code === "EISDIR"
            ? "is a directory"
            : code === "EACCES"
              ? "permission denied"
              : (err as Error).message;
      await write(io.stderr, `glossa cite: cannot read ${file}: ${why}\n`);
      return 1;
    }
    const citations = extractCitations(text);
    await write(
      io.stdout,
      flags.has("json") ? `${JSON.stringify(citations, null, 2)}\n` : citationTable(citations),
    );
    return 0;
  },
};

export default cite;
