// The end of a simulation run: everyone comes online and syncs, the server
// reconciles, and the invariants are checked: all replicas agree on text
// and annotations, every mark has a live body and every live body a mark
// or a detached flag, no mark covers text it was not made on, no reply is
// lost.
import { annotationRanges, listAnnotations } from "@glossa/annotations";
import * as Y from "yjs";
import { coverViolations } from "./simLedger.ts";
import { serverReconcile } from "./simServer.ts";
import { type Client, pm, type Sim, sync } from "./simWorld.ts";

/// Settles the run and returns its invariant violations.
export function settle(sim: Sim): string[] {
  // Everyone online, full sync; the server reconciles (removing marks of
  // deleted annotations, as it would), full sync again.
  for (const c of sim.clients) c.online = true;
  const syncAll = () => {
    for (let round = 0; round < 2; round++)
      for (const a of sim.clients) for (const b of sim.clients) if (a !== b) sync(a, b);
    sim.queues.clear();
  };
  syncAll();
  const server = sim.clients[0]!;
  if (sim.trace) sim.log.push(`  TRACE after sync: ${coverViolations(sim, pm(server)).join("; ")}`);
  if (process.env.GLOSSA_FUZZ_TRACE === "2") sim.log.push(dumpItems(server.frag));
  sim.clock += 60_000;
  sim.log.push(`server: final reconcile ${JSON.stringify(serverReconcile(sim, 0))}`);
  syncAll();
  return [...divergences(sim), ...bodyViolations(sim)];
}

/// Replicas whose text or annotations differ from the server's.
function divergences(sim: Sim): string[] {
  const violations: string[] = [];
  const { clients } = sim;
  const docs = clients.map((c) => JSON.stringify(pm(c).toJSON()));
  const maps = clients.map((c) => JSON.stringify(sortKeys(c.adoc.getMap("annotations").toJSON())));
  docs.forEach((d, i) => {
    // GLOSSA_FUZZ_TRACE=2: the differing paragraphs and both item lists.
    if (d !== docs[0] && process.env.GLOSSA_FUZZ_TRACE === "2") traceDivergence(sim, clients[i]!);
    if (d !== docs[0]) violations.push(`text of ${clients[i]!.name} differs from the server's`);
  });
  maps.forEach((m, i) => {
    if (m !== maps[0])
      violations.push(`annotations of ${clients[i]!.name} differ from the server's`);
  });
  return violations;
}

/// Logs how client `c`'s text differs from the server's.
function traceDivergence(sim: Sim, c: Client) {
  const server = sim.clients[0]!;
  const same = (f: (x: Y.Doc) => Uint8Array) =>
    Buffer.from(f(c.ydoc)).equals(Buffer.from(f(server.ydoc)));
  sim.log.push(
    `  DIVERGE ${c.name}: same state vector ${same(Y.encodeStateVector)}, same snapshot ${same((x) => Y.encodeSnapshot(Y.snapshot(x)))}`,
  );
  const mine = pm(c).children.map((n) => JSON.stringify(n.toJSON()));
  const theirs = pm(server).children.map((n) => JSON.stringify(n.toJSON()));
  mine.forEach((x, k) => {
    if (x !== theirs[k]) sim.log.push(`  ${c.name}: ${x}\n  server: ${theirs[k]}`);
  });
  sim.log.push(dumpItems(c.frag), "  ---- server", dumpItems(server.frag));
}

/// Marks against bodies, coverage, and replies, on the server's copy.
function bodyViolations(sim: Sim): string[] {
  const violations: string[] = [];
  const server = sim.clients[0]!;
  const doc = pm(server);
  const ranges = annotationRanges(doc);
  const all = listAnnotations(server.store, { includeDeleted: true });
  const byId = new Map(all.map((a) => [a.id, a]));
  for (const id of ranges.keys()) {
    const a = byId.get(id);
    if (!a) violations.push(`mark ${id} has no body`);
    else if (a.deleted) violations.push(`mark ${id} belongs to a deleted annotation`);
  }
  for (const a of all) {
    if (a.deleted) continue;
    const has = ranges.has(a.id);
    if (!has && !a.detached) violations.push(`${a.id} has no mark and is not detached`);
    if (has && a.detached) violations.push(`${a.id} is marked detached but has its mark`);
  }
  violations.push(...coverViolations(sim, doc, true));
  for (const key of sim.replies) {
    const [id, mid] = key.split("/");
    if (!byId.get(id!)?.messages.some((m) => m.id === mid))
      violations.push(`reply ${key} was lost`);
  }
  return violations;
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/// The Yjs items of every paragraph (for GLOSSA_FUZZ_TRACE=2).
export function dumpItems(frag: Y.XmlFragment): string {
  const lines: string[] = [];
  const visit = (parent: Y.XmlFragment | Y.XmlElement, depth: number) => {
    for (let item = parent._start; item; item = item.right) {
      const del = item.deleted ? "✗" : "";
      const id = `${item.id.client}:${item.id.clock}`;
      const o = item.origin ? `${item.origin.client}:${item.origin.clock}` : "-";
      const ro = item.rightOrigin ? `${item.rightOrigin.client}:${item.rightOrigin.clock}` : "-";
      const c = item.content;
      let what = c.constructor.name;
      if (c instanceof Y.ContentString) what = JSON.stringify(c.str);
      else if (c instanceof Y.ContentFormat)
        what = `{${c.key.slice(-6)}:${JSON.stringify(c.value)}}`;
      else if (c instanceof Y.ContentDeleted) what = `deleted×${c.len}`;
      else if (c instanceof Y.ContentType)
        what = c.type instanceof Y.XmlText ? "XmlText" : "paragraph";
      lines.push(`  ${"  ".repeat(depth)}${del}${id} ${what} o=${o} ro=${ro}`);
      if (c instanceof Y.ContentType && !item.deleted) visit(c.type as Y.XmlElement, depth + 1);
    }
  };
  visit(frag, 0);
  return lines.join("\n");
}
