/// The peer of Glossa's citation engine: the unitedstates project's
/// extractor (`citation` 0.9.0 on npm, CC0-1.0, a devDependency of the tests
/// only), run on the same texts as `extractCitations`, alternating, best of
/// `runs` each: MB/s side by side and what each finds, by kind.
import { createRequire } from "node:module";
import { extractCitations } from "@glossa/citations";

interface PeerCitation {
  type: string;
}
const peer = createRequire(import.meta.url)("citation") as {
  find(text: string, options: Record<string, unknown>): { citations: PeerCitation[] };
};

/// Statutes and regulations back to back, one citation every ~28 bytes (the
/// issue's "dense statutes"): U.S. Code sections with subsections, C.F.R.
/// sections, Public Laws, plain U.S. Code sections, deterministic.
export function denseStatutes(bytes: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const t = 1 + ((i * 7) % 50);
    const s = 100 + ((i * 13) % 9000);
    const p = [
      `${t} U.S.C. § ${s}(a)(${(i % 9) + 1})`,
      `${t} C.F.R. ${s}.${(i % 90) + 1}`,
      `Pub. L. ${90 + (i % 30)}-${(i % 400) + 1}`,
      `see ${t} U.S.C. ${s}`,
    ][i % 4]!;
    parts.push(p);
    n += p.length + 2;
  }
  return parts.join("; ");
}

export interface PeerRow {
  bytes: number;
  glossaMbps: number;
  peerMbps: number;
  glossaFound: number;
  peerFound: number;
  glossaKinds: Record<string, number>;
  peerKinds: Record<string, number>;
}

const countKinds = (kinds: string[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const k of kinds) out[k] = (out[k] ?? 0) + 1;
  return out;
};

/// Both extractors on `text`, alternating run by run; best time of each.
export function versusPeer(text: string, runs: number): PeerRow {
  const bytes = Buffer.byteLength(text);
  let g = Number.POSITIVE_INFINITY;
  let p = Number.POSITIVE_INFINITY;
  let glossaKinds: string[] = [];
  let peerKinds: string[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    glossaKinds = extractCitations(text).map((c) => c.kind);
    g = Math.min(g, performance.now() - t0);
    t0 = performance.now();
    peerKinds = peer.find(text, {}).citations.map((c) => c.type);
    p = Math.min(p, performance.now() - t0);
  }
  const rate = (ms: number) => bytes / 1e6 / (ms / 1000);
  return {
    bytes,
    glossaMbps: rate(g),
    peerMbps: rate(p),
    glossaFound: glossaKinds.length,
    peerFound: peerKinds.length,
    glossaKinds: countKinds(glossaKinds),
    peerKinds: countKinds(peerKinds),
  };
}

/// "usc 10, cfr 5" (largest first).
export const kinds = (k: Record<string, number>): string =>
  Object.entries(k)
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${n.toLocaleString("en-US")}`)
    .join(", ") || "none";
