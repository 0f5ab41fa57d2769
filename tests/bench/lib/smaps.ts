import { readFileSync } from "node:fs";

/// Resident bytes of the process by kind of mapping, from /proc/self/smaps:
/// glibc's main arena (`[heap]`), its thread arenas (anonymous read-write
/// mappings starting on a 64 MiB boundary, glibc's HEAP_MAX_SIZE), other
/// anonymous memory (V8's heaps of every isolate, malloc's mmapped blocks),
/// thread stacks and file-backed pages; {} where unavailable.
export function smapsByKind(): Record<string, number> {
  let text = "";
  try {
    text = readFileSync("/proc/self/smaps", "utf8");
  } catch {
    return {};
  }
  const out: Record<string, number> = {};
  let kind = "";
  for (const line of text.split("\n")) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ (\d+)\s*(.*)$/.exec(line);
    if (head) {
      const start = BigInt(`0x${head[1]}`);
      const name = head[5] ?? "";
      if (name === "[heap]") kind = "mainArena";
      else if (name.startsWith("[stack")) kind = "stack";
      else if (name.startsWith("/") || name.startsWith("[v")) kind = "file";
      else if (head[3] === "rw-p" && start % (64n << 20n) === 0n) kind = "threadArenas";
      else kind = "otherAnon";
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) out[kind] = (out[kind] ?? 0) + Number(rss[1]) * 1024;
  }
  return out;
}
