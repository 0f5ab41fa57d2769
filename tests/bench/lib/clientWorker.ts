/// One editing client in its own process (no BroadcastChannel or shared
/// memory can bypass the server), driven over IPC by the benchmark. For
/// Glossa it is the real `CollabSession` (text + annotations over one
/// websocket); for the baseline a bare `HocuspocusProvider` on the same
/// websocket class. It types one character per update into its own block
/// of the letter and logs, on the machine-wide monotonic clock:
/// - when each of its own updates was made (by Yjs clock),
/// - when the server's SyncStatus acknowledgement for it arrived (FIFO),
/// - for Glossa, when a `saved` message covering it arrived (durable ack),
/// - when every other client's updates were integrated here.
import { CollabSession } from "@glossa/collab";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { clock, serveWorker } from "./ipc.ts";

/// ws emits "error" when a still-connecting socket is closed (the provider
/// does that when it replaces a socket); with no listener that would kill
/// the process. The provider's own close handling still runs.
class QuietWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on("error", () => {});
  }
}

interface Conn {
  ydoc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  session: CollabSession | null;
  destroy(): void;
}

let conn: Conn | null = null;
let recording = false;
let disconnects = 0;
// Own updates: Yjs clock → time made, acked, saved.
let sent = new Map<number, number>();
let acked = new Map<number, number>();
let saved = new Map<number, number>();
let outstanding: number[] = [];
let unsynced = 0;
let savedUpTo = 0;
// Remote updates: client → [clock, time] pairs (flattened).
let arrivals = new Map<number, number[]>();
let seen = new Map<number, number>();
let cpuAtReset = process.cpuUsage();
let typing: { stop: boolean; done: Promise<void> } | null = null;

function resetLogs(): void {
  sent = new Map();
  acked = new Map();
  saved = new Map();
  arrivals = new Map();
  seen = new Map();
  if (conn)
    for (const c of conn.ydoc.store.clients.keys()) seen.set(c, Y.getState(conn.ydoc.store, c));
  cpuAtReset = process.cpuUsage();
  disconnects = 0;
  recording = true;
}

function onRemoteUpdate(): void {
  if (!conn || !recording) return;
  const t = clock();
  const store = conn.ydoc.store;
  for (const c of store.clients.keys()) {
    if (c === conn.ydoc.clientID) continue;
    const s = Y.getState(store, c);
    const prev = seen.get(c) ?? s;
    if (s > prev) {
      const log = arrivals.get(c) ?? [];
      arrivals.set(c, log);
      for (let k = prev; k < s; k++) log.push(k, t);
    }
    seen.set(c, s);
  }
}

function onUnsynced(n: number): void {
  const t = clock();
  for (let k = n; k < unsynced; k++) {
    const c = outstanding.shift();
    if (c !== undefined && sent.has(c)) acked.set(c, t);
  }
  unsynced = n;
}

function onSaved(stateVector: string): void {
  if (!conn) return;
  const sv = Y.decodeStateVector(new Uint8Array(Buffer.from(stateVector, "base64")));
  const upTo = sv.get(conn.ydoc.clientID) ?? 0;
  if (upTo <= savedUpTo) return;
  const t = clock();
  for (let k = savedUpTo; k < upTo; k++) if (sent.has(k) && !saved.has(k)) saved.set(k, t);
  savedUpTo = upTo;
}

function whenSynced(p: HocuspocusProvider): Promise<void> {
  return new Promise((resolve) => {
    if (p.isSynced) return resolve();
    const on = () => {
      p.off("synced", on);
      resolve();
    };
    p.on("synced", on);
  });
}

async function connect(a: {
  kind: "glossa" | "hocuspocus";
  url: string;
  docId: string;
  token: string;
  name: string;
}): Promise<{ clientId: number; textMs: number; allMs: number }> {
  if (conn) conn.destroy();
  recording = false;
  const t0 = clock();
  const user = { id: a.name, name: a.name, color: "#336699" };
  if (a.kind === "glossa") {
    const session = new CollabSession({
      url: a.url,
      documentId: a.docId,
      token: () => a.token,
      user,
      WebSocketPolyfill: QuietWebSocket,
    });
    conn = {
      ydoc: session.ydoc,
      provider: session.text,
      socket: session.socket,
      session,
      destroy: () => session.destroy(),
    };
    session.onMessage((m) => {
      if (m.type === "saved") onSaved(m.stateVector);
    });
  } else {
    const socket = new HocuspocusProviderWebsocket({
      url: a.url,
      WebSocketPolyfill: QuietWebSocket,
    });
    const ydoc = new Y.Doc();
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: `doc/${a.docId}`,
      document: ydoc,
    });
    provider.attach();
    provider.setAwarenessField("user", user);
    conn = {
      ydoc,
      provider,
      socket,
      session: null,
      destroy: () => {
        provider.destroy();
        socket.destroy();
        ydoc.destroy();
      },
    };
  }
  const c = conn;
  c.socket.on("disconnect", () => disconnects++);
  c.ydoc.on("update", (_u: Uint8Array, origin: unknown) => {
    if (origin !== null && origin !== undefined) onRemoteUpdate();
  });
  c.provider.on("unsyncedChanges", ({ number }: { number: number }) => onUnsynced(number));
  await whenSynced(c.provider);
  const textMs = clock() - t0;
  if (c.session) await whenSynced(c.session.annotations);
  const allMs = clock() - t0;
  outstanding = [];
  unsynced = c.provider.unsyncedChanges;
  savedUpTo = Y.getState(c.ydoc.store, c.ydoc.clientID);
  resetLogs();
  return { clientId: c.ydoc.clientID, textMs, allMs };
}

/// Types `rate` one-character updates per second into block `block`, from
/// `startAt` (shared clock) for `durationMs`, each its own Yjs update.
function type(a: { rate: number; durationMs: number; block: number; startAt: number }): void {
  const c = conn!;
  const blocks = c.ydoc.getXmlFragment("prosemirror").toArray();
  const el = blocks[a.block % blocks.length] as Y.XmlElement;
  let text = el.get(0) as Y.XmlText | undefined;
  if (!(text instanceof Y.XmlText)) {
    text = new Y.XmlText();
    el.insert(0, [text]);
  }
  const t = text;
  const period = 1000 / a.rate;
  const phase = Math.random() * period;
  const alphabet = "the quick brown fox jumps over the lazy dog ";
  let n = 0;
  let caret = 0;
  const state = { stop: false, done: Promise.resolve() };
  state.done = new Promise<void>((resolve) => {
    const tick = () => {
      const now = clock();
      if (state.stop || now >= a.startAt + a.durationMs) return resolve();
      // Catch up if the loop fell behind, each edit still its own update.
      let burst = 0;
      while (a.startAt + phase + n * period <= clock() && burst < 20) {
        const k = Y.getState(c.ydoc.store, c.ydoc.clientID);
        if (recording) sent.set(k, clock());
        outstanding.push(k);
        t.insert(caret, alphabet[n % alphabet.length]!);
        caret++;
        n++;
        burst++;
      }
      const wait = a.startAt + phase + n * period - clock();
      setTimeout(tick, Math.max(0, wait));
    };
    setTimeout(tick, Math.max(0, a.startAt - clock()));
  });
  typing = state;
}

function flatten(m: Map<number, number>): number[] {
  const out: number[] = [];
  for (const [k, v] of m) out.push(k, v);
  return out;
}

serveWorker(
  {
    connect,
    type,
    markCpu() {
      cpuAtReset = process.cpuUsage();
    },
    /// Waits until the typing run ends (`stop`: ends it now).
    async typingDone({ stop = false }: { stop?: boolean } = {}) {
      if (typing) {
        typing.stop = stop;
        await typing.done;
      }
      typing = null;
    },
    /// The document's state vector as [client, clock] pairs, and this
    /// client's own clock, unacknowledged count and durably saved clock.
    progress() {
      if (!conn) return null;
      const own = Y.getState(conn.ydoc.store, conn.ydoc.clientID);
      return {
        clientId: conn.ydoc.clientID,
        sv: [...Y.decodeStateVector(Y.encodeStateVector(conn.ydoc)).entries()],
        own,
        unsynced,
        savedUpTo: conn.session ? savedUpTo : own,
      };
    },
    /// The logs since connecting, and this process's CPU time since markCpu.
    report() {
      const cpu = process.cpuUsage(cpuAtReset);
      return {
        clientId: conn?.ydoc.clientID ?? 0,
        sent: flatten(sent),
        acked: flatten(acked),
        saved: flatten(saved),
        arrivals: [...arrivals.entries()],
        cpuMs: (cpu.user + cpu.system) / 1000,
        disconnects,
        status: conn?.session?.saveState.status ?? null,
      };
    },
    disconnect() {
      recording = false;
      conn?.destroy();
      conn = null;
    },
  },
  () => {
    conn?.destroy();
  },
);
