/// The keystroke path, measured in one process (issue 16): a writer types one
/// character at a time into the letter, sequentially (the next keystroke once
/// the reader has the previous one), while `viewers` read-only people watch.
/// Glossa (`startGlossa`, SQLite, its own clients: `CollabSession`) and a bare
/// `@hocuspocus/server` Server (no extensions; `HocuspocusProvider` clients)
/// run side by side in the same process, alternately. Every hook of Glossa's
/// extensions, their Y.Doc update listeners, the journal commit and every
/// stateless message sent are timed (lib/hookTimer.ts), so the table gives
/// µs per keystroke for each piece of server work.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CollabSession } from "@glossa/collab";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { Connection, Server } from "@hocuspocus/server";
import WebSocket from "ws";
import * as Y from "yjs";
import { HookTimer } from "./hookTimer.ts";
import { clock } from "./ipc.ts";
import { letterDoc, letterUpdate } from "./letter.ts";

export interface Run {
  server: "glossa" | "bare";
  latencies: number[];
  /// Process CPU (servers and clients together) over the measured keystrokes, µs.
  cpuUs: number;
  keystrokes: number;
  /// Stateless messages sent by the server and their bytes, all recipients.
  stateless: { messages: number; bytes: number };
  hooks: Map<string, { ms: number; calls: number }>;
}

interface Side {
  writer: Y.Doc;
  reader: Y.Doc;
  close(): Promise<void>;
}

const until = async (cond: () => boolean, what: string, ms = 20_000): Promise<void> => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

export const timer = new HookTimer();
const sent = { messages: 0, bytes: 0 };
{
  const proto = Connection.prototype as unknown as { sendStateless(p: string): void };
  const original = proto.sendStateless;
  proto.sendStateless = function (this: unknown, payload: string) {
    sent.messages += 1;
    sent.bytes += payload.length;
    const t0 = clock();
    try {
      original.call(this, payload);
    } finally {
      timer.add("(every extension) · sendStateless", clock() - t0);
    }
  };
}

/// Glossa with its own clients: the owner writes, an editor reads, viewers watch.
export async function glossaSide(viewers: number): Promise<Side> {
  const { startGlossa, loadConfig } = await import("@glossa/server");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "glossa-keystroke-"));
  const glossa = await startGlossa(
    loadConfig({
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      GLOSSA_QUIET: "1",
      GLOSSA_SEED: "0",
      LOG_LEVEL: "silent",
      MESSAGES_PER_SECOND: "10000",
      ACCOUNT_MESSAGES_PER_SECOND: "100000",
      ACCOUNT_BYTES_PER_SECOND: String(1 << 30),
      ACCOUNT_WORK_PER_SECOND: "10000000",
    }),
  );
  timer.instrument(glossa.server.hocuspocus.configuration.extensions);
  const store = glossa.store as unknown as { appendUpdates: (...a: unknown[]) => unknown };
  store.appendUpdates = timer.wrap("journal · appendUpdates", store.appendUpdates.bind(store));
  const persistence = glossa.persistence as unknown as Record<string, unknown>;
  for (const m of ["sendSaved", "sendSavedTo"])
    if (typeof persistence[m] === "function")
      persistence[m] = timer.wrap(
        `glossa-persistence · ${m}`,
        (persistence[m] as () => void).bind(glossa.persistence),
      );
  const people = [];
  for (let i = 0; i < 2 + viewers; i++) {
    const id = `bench-key-${i}`;
    const user = { id, name: `Person ${i}`, email: `${id}@example.org` };
    await glossa.store.createUser({
      ...user,
      passwordHash: null,
      createdAt: new Date().toISOString(),
    });
    people.push({ ...user, token: (await glossa.tokens.sign({ userId: id, ...user })).token });
  }
  const letter = letterDoc(1);
  const doc = await glossa.documents.create(letter.title, letter.doc, people[0]!.id);
  for (const [i, p] of people.entries()) {
    if (i === 0) continue;
    await glossa.store.setShare({
      documentId: doc.id,
      userId: p.id,
      role: i === 1 ? "editor" : "viewer",
      grantedBy: people[0]!.id,
      grantedAt: new Date().toISOString(),
    });
  }
  const url = `${glossa.url.replace(/^http/, "ws")}/collab`;
  const sessions = people.map(
    (p) =>
      new CollabSession({
        url,
        documentId: doc.id,
        token: () => p.token,
        user: { id: p.id, name: p.name, color: "#336699" },
        WebSocketPolyfill: WebSocket,
      }),
  );
  await until(() => sessions.every((s) => s.text.isSynced && s.annotations.isSynced), "sync");
  return {
    writer: sessions[0]!.ydoc,
    reader: sessions[1]!.ydoc,
    async close() {
      for (const s of sessions) s.destroy();
      await glossa.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/// Bare Hocuspocus, no extensions, the same letter; providers as clients.
export async function bareSide(viewers: number): Promise<Side> {
  const server = new Server({ port: 0, address: "127.0.0.1", quiet: true });
  await server.listen();
  const name = "doc/keystroke";
  const initial = letterUpdate(1);
  const seeded = await server.hocuspocus.openDirectConnection(name);
  await seeded.transact((d) => Y.applyUpdate(d, initial));
  const providers = Array.from({ length: 2 + viewers }, () => {
    const socket = new HocuspocusProviderWebsocket({
      url: `ws://127.0.0.1:${server.address.port}`,
      WebSocketPolyfill: WebSocket,
      autoConnect: false,
    });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name,
      document: new Y.Doc(),
      token: "bench",
    });
    provider.attach();
    void socket.connect();
    return { socket, provider };
  });
  await until(() => providers.every((p) => p.provider.isSynced), "sync");
  return {
    writer: providers[0]!.provider.document,
    reader: providers[1]!.provider.document,
    async close() {
      for (const p of providers) {
        p.provider.destroy();
        p.socket.destroy();
      }
      await seeded.disconnect();
      await server.destroy();
    },
  };
}

/// Types `warmup + keystrokes` keystrokes (characters, every seventh a
/// backspace) at the end of the writer's first paragraph, one at a time,
/// each once the reader has received the previous one.
export async function typeSequentially(
  kind: Run["server"],
  side: Side,
  warmup: number,
  keystrokes: number,
): Promise<Run> {
  const blocks = side.writer.getXmlFragment("prosemirror").toArray() as Y.XmlElement[];
  const block = blocks.find((b) => b.nodeName === "paragraph" && b.get(0) instanceof Y.XmlText);
  const text = block!.get(0) as Y.XmlText;
  const latencies: number[] = [];
  let arrived: (() => void) | null = null;
  side.reader.on("update", () => arrived?.());
  let cpu0 = process.cpuUsage();
  for (let i = 0; i < warmup + keystrokes; i++) {
    if (i === warmup) {
      // Let the warm-up's saved messages and timers drain before measuring.
      await new Promise((r) => setTimeout(r, 100));
      timer.reset();
      sent.messages = 0;
      sent.bytes = 0;
      cpu0 = process.cpuUsage();
    }
    const received = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const t0 = clock();
    // Typing with a backspace every seventh keystroke.
    if (i % 7 === 6) text.delete(text.length - 1, 1);
    else text.insert(text.length, "abcdefghij"[i % 10]!);
    await received;
    if (i >= warmup) latencies.push(clock() - t0);
  }
  // The last keystrokes' journal commit and saved announcement.
  await new Promise((r) => setTimeout(r, 100));
  const c = process.cpuUsage(cpu0);
  return {
    server: kind,
    latencies,
    cpuUs: c.user + c.system,
    keystrokes,
    stateless: { ...sent },
    hooks: new Map(timer.totals),
  };
}
