/// A V8 CPU profile (node:inspector's `Profiler.stop`, or a `.cpuprofile`
/// file) as a table of functions by inclusive time — self plus everything
/// they called, each function counted once per sample however deep it
/// recurses — per unit of work (`per`: receptions, keystrokes …).
export interface Profile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
    children?: number[];
  }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

const short = (url: string) =>
  url
    .replace(/^file:\/\//, "")
    .replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, "")
    .replace(/.*\/(packages|apps|tests)\//, "$1/");

/// The `top` functions by inclusive time, µs per unit, as Markdown rows.
export function inclusiveTable(p: Profile, per: number, top = 40): string {
  const parent = new Map<number, number>();
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || "(anonymous)"} ${short(f.url)}:${f.lineNumber + 1}`;
  };
  // Time per node from the samples (µs), else from hit counts.
  const selfUs = new Map<number, number>();
  const { samples = [], timeDeltas = [] } = p;
  for (let i = 0; i < samples.length; i++) {
    const dt = timeDeltas[i + 1] ?? 0;
    selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + dt);
  }
  const incl = new Map<string, number>();
  const self = new Map<string, number>();
  for (const [id, us] of selfUs) {
    self.set(key(id), (self.get(key(id)) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(key(at));
    for (const k of seen) incl.set(k, (incl.get(k) ?? 0) + us);
  }
  // The top ones, and every one of this repository's own.
  const rows = [...incl]
    .sort((a, b) => b[1] - a[1])
    .filter(([k], i) => i < top || /(packages|apps|tests)\//.test(k));
  const f = (us: number) => (us / per).toFixed(1);
  const bySelf = [...self].sort((a, b) => b[1] - a[1]).slice(0, top / 2);
  return [
    "| function | inclusive µs / unit | self µs / unit |",
    "|---|--:|--:|",
    ...rows.map(([k, us]) => `| ${k} | ${f(us)} | ${f(self.get(k) ?? 0)} |`),
    "",
    "| function (by self time) | self µs / unit | inclusive µs / unit |",
    "|---|--:|--:|",
    ...bySelf.map(([k, us]) => `| ${k} | ${f(us)} | ${f(incl.get(k) ?? 0)} |`),
  ].join("\n");
}
