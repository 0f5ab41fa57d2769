/// Probe (issue 16): one cold fresh sync of the letter ×10 with COUNT
/// annotations (default 1,000), server and client in this process so that
/// one clock orders everything: each Hocuspocus hook's start and end per
/// document, each load step (`loadSteps`), and each websocket frame the
/// client sends and receives, with this process's CPU. `tsx tests/perf/freshSyncTrace.ts`.
import { CollabSession } from "@glossa/collab";
import { loadSteps } from "@glossa/server";
import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import { annotate } from "../bench/lib/annotate.ts";
import { letterDoc } from "../bench/lib/letter.ts";
import { startTestServer } from "../utils/server.ts";

const COUNT = Number(process.env.COUNT ?? 1_000);
const lines: string[] = [];
let t0 = performance.now();
let c0 = process.cpuUsage();
const note = (what: string) => {
  const c = process.cpuUsage(c0);
  lines.push(
    `${(performance.now() - t0).toFixed(1).padStart(7)} ${((c.user + c.system) / 1000).toFixed(1).padStart(6)} ${what}`,
  );
};
const part = (name: string) => (name.endsWith("annotations") ? "ann" : "text");

function describe(data: Uint8Array): string {
  try {
    const d = decoding.createDecoder(data);
    const doc = part(decoding.readVarString(d));
    const type = decoding.readVarUint(d);
    let what = String(type);
    if (type === 0) what = `sync/${decoding.readVarUint(d)}`;
    if (type === 5) what = `stateless ${decoding.readVarString(d).slice(0, 24)}`;
    return `${doc} ${what} ${data.byteLength} B`;
  } catch {
    return "?";
  }
}

class TracedSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on("error", () => {});
    this.on("message", (data: ArrayBuffer | Buffer) => {
      note(`client in  ${describe(new Uint8Array(data))}`);
    });
  }
  override send(data: unknown, ...rest: unknown[]): void {
    note(`client out ${describe(data as Uint8Array)}`);
    (super.send as (...a: unknown[]) => void)(data, ...rest);
  }
}

const server = await startTestServer();
const g = server.glossa;
const owner = (await g.store.listUsers())[0]!;
const letter = letterDoc(10);
const rec = await g.documents.create(letter.title, letter.doc, owner.id);
if (COUNT > 0) await annotate(g.annotations, owner, { id: rec.id, count: COUNT, seed: 7 });
const hp = g.server.hocuspocus;
while (hp.documents.size > 0) await new Promise((r) => setTimeout(r, 100));

const hooks = hp.hooks.bind(hp);
hp.hooks = ((name: string, payload: { documentName?: string }, cb?: unknown) => {
  const doc = payload?.documentName ? part(payload.documentName) : "-";
  note(`server hook ${name} ${doc} start`);
  const p = hooks(name as never, payload as never, cb as never);
  void p.then(
    () => note(`server hook ${name} ${doc} end`),
    () => note(`server hook ${name} ${doc} failed`),
  );
  return p;
}) as typeof hp.hooks;
loadSteps.onStep = (kind, units) => note(`server step ${kind} ${units}`);

if (process.env.LOADONLY === "1") {
  // Server only: the two documents loaded one after the other.
  for (let round = 0; round < 5; round++)
    for (const name of [`doc/${rec.id}`, `doc/${rec.id}/annotations`]) {
      t0 = performance.now();
      c0 = process.cpuUsage();
      const c = await hp.openDirectConnection(name, { system: true });
      note(`LOADED ${part(name)}`);
      await c.disconnect();
      while (hp.documents.size > 0) await new Promise((r) => setTimeout(r, 20));
    }
  console.log(lines.join("\n"));
  await server.destroy();
  process.exit(0);
}
t0 = performance.now();
c0 = process.cpuUsage();
const s = new CollabSession({
  url: server.wsUrl,
  documentId: rec.id,
  token: () => server.ownerToken,
  user: { id: "probe", name: "Probe", color: "#000" },
  WebSocketPolyfill: TracedSocket,
});
await new Promise<void>((r) => s.text.on("synced", () => r()));
note("CLIENT TEXT SYNCED");
await new Promise<void>((r) =>
  s.annotations.isSynced ? r() : s.annotations.on("synced", () => r()),
);
note("CLIENT ANNOTATIONS SYNCED");
await new Promise((r) => setTimeout(r, 200));
s.destroy();
console.log(lines.join("\n"));
await server.destroy();
