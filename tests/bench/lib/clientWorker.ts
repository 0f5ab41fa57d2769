/// Editing clients in their own process (no BroadcastChannel or shared
/// memory can bypass the server), driven over IPC by the benchmark; one
/// process can hold several (`slot` in every call), each its own websocket.
/// For Glossa each is the real `CollabSession` (text + annotations over one
/// websocket); for the baseline a bare `HocuspocusProvider` on the same
/// websocket class; for the floor a raw `ws` socket to the relay, sending
/// and applying Yjs updates (every client starts from the same template).
/// A client types one character per update into its own block of the letter
/// and logs, on the machine-wide monotonic clock:
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

type Kind = "glossa" | "hocuspocus" | "floor";
interface ConnectArgs {
  kind: Kind;
  url: string;
  docId: string;
  token: string;
  name: string;
  /// Floor only: the document every client starts from (base64 Yjs update).
  template?: string;
}

interface Conn {
  ydoc: Y.Doc;
  session: CollabSession | null;
  destroy(): void;
}

const b64 = (s: string) => new Uint8Array(Buffer.from(s, "base64"));

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

/// A raw socket to the floor relay: local updates out, remote ones applied.
async function floorConn(a: ConnectArgs, onDisconnect: () => void): Promise<Conn> {
  const ydoc = new Y.Doc();
  if (a.template) Y.applyUpdate(ydoc, b64(a.template), "template");
  const ws = new QuietWebSocket(`${a.url}/${a.docId}`);
  ws.binaryType = "nodebuffer";
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  ws.on("close", onDisconnect);
  ws.on("message", (data: Buffer) => Y.applyUpdate(ydoc, data, "remote"));
  ydoc.on("update", (u: Uint8Array, origin: unknown) => {
    if (origin !== "remote" && origin !== "template") ws.send(u);
  });
  return {
    ydoc,
    session: null,
    destroy: () => {
      ws.removeAllListeners("close");
      ws.close();
      ydoc.destroy();
    },
  };
}

/// One client: its connection and its logs.
class Client {
  conn: Conn | null = null;
  recording = false;
  disconnects = 0;
  // Own updates: Yjs clock → time made, acked, saved.
  sent = new Map<number, number>();
  acked = new Map<number, number>();
  saved = new Map<number, number>();
  outstanding: number[] = [];
  unsynced = 0;
  savedUpTo = 0;
  // Remote updates: client → [clock, time] pairs (flattened).
  arrivals = new Map<number, number[]>();
  seen = new Map<number, number>();
  waiters: (() => void)[] = [];
  caret: { text: Y.XmlText | null; at: number } = { text: null, at: 0 };
  typing: { stop: boolean; done: Promise<void> } | null = null;

  resetLogs(): void {
    this.sent = new Map();
    this.acked = new Map();
    this.saved = new Map();
    this.arrivals = new Map();
    this.seen = new Map();
    const d = this.conn?.ydoc;
    if (d) for (const c of d.store.clients.keys()) this.seen.set(c, Y.getState(d.store, c));
    this.disconnects = 0;
    this.recording = true;
  }

  onRemoteUpdate(): void {
    if (!this.conn || !this.recording) return;
    const t = clock();
    const store = this.conn.ydoc.store;
    for (const c of store.clients.keys()) {
      if (c === this.conn.ydoc.clientID) continue;
      const s = Y.getState(store, c);
      // A writer first seen now (it joined after this client synced): all
      // its updates are arrivals, from its clock 0.
      const prev = this.seen.get(c) ?? 0;
      if (s > prev) {
        const log = this.arrivals.get(c) ?? [];
        this.arrivals.set(c, log);
        for (let k = prev; k < s; k++) log.push(k, t);
      }
      this.seen.set(c, s);
    }
    for (const w of this.waiters.splice(0)) w();
  }

  onUnsynced(n: number): void {
    const t = clock();
    for (let k = n; k < this.unsynced; k++) {
      const c = this.outstanding.shift();
      if (c !== undefined && this.sent.has(c)) this.acked.set(c, t);
    }
    this.unsynced = n;
  }

  onSaved(stateVector: string): void {
    if (!this.conn) return;
    const upTo = Y.decodeStateVector(b64(stateVector)).get(this.conn.ydoc.clientID) ?? 0;
    if (upTo <= this.savedUpTo) return;
    const t = clock();
    for (let k = this.savedUpTo; k < upTo; k++)
      if (this.sent.has(k) && !this.saved.has(k)) this.saved.set(k, t);
    this.savedUpTo = upTo;
  }

  /// Opens the connection; resolves once synced (Glossa: text, then both docs).
  async connect(
    a: ConnectArgs,
  ): Promise<{ clientId: number; textMs: number; allMs: number; dropped: number }> {
    this.conn?.destroy();
    this.recording = false;
    this.disconnects = 0;
    const t0 = clock();
    const user = { id: a.name, name: a.name, color: "#336699" };
    let provider: HocuspocusProvider | null = null;
    if (a.kind === "floor") {
      this.conn = await floorConn(a, () => this.disconnects++);
    } else if (a.kind === "glossa") {
      const session = new CollabSession({
        url: a.url,
        documentId: a.docId,
        token: () => a.token,
        user,
        WebSocketPolyfill: QuietWebSocket,
      });
      provider = session.text;
      this.conn = { ydoc: session.ydoc, session, destroy: () => session.destroy() };
      session.socket.on("disconnect", () => this.disconnects++);
      session.onMessage((m) => {
        if (m.type === "saved") this.onSaved(m.stateVector);
      });
    } else {
      const socket = new HocuspocusProviderWebsocket({
        url: a.url,
        WebSocketPolyfill: QuietWebSocket,
      });
      const ydoc = new Y.Doc();
      const p = new HocuspocusProvider({
        websocketProvider: socket,
        name: `doc/${a.docId}`,
        document: ydoc,
      });
      provider = p;
      p.attach();
      p.setAwarenessField("user", user);
      socket.on("disconnect", () => this.disconnects++);
      this.conn = {
        ydoc,
        session: null,
        destroy: () => {
          p.destroy();
          socket.destroy();
          ydoc.destroy();
        },
      };
    }
    const c = this.conn;
    c.ydoc.on("update", (_u: Uint8Array, origin: unknown) => {
      if (origin !== null && origin !== undefined && origin !== "template") this.onRemoteUpdate();
    });
    provider?.on("unsyncedChanges", ({ number }: { number: number }) => this.onUnsynced(number));
    if (provider) await whenSynced(provider);
    const textMs = clock() - t0;
    if (c.session) await whenSynced(c.session.annotations);
    const allMs = clock() - t0;
    // Sockets lost before synced (each then retried by the provider).
    const dropped = this.disconnects;
    this.outstanding = [];
    this.unsynced = provider?.unsyncedChanges ?? 0;
    this.savedUpTo = Y.getState(c.ydoc.store, c.ydoc.clientID);
    this.resetLogs();
    return { clientId: c.ydoc.clientID, textMs, allMs, dropped };
  }

  /// The text node of block `block` (one is added if the block has none).
  textOf(block: number): Y.XmlText {
    const blocks = this.conn!.ydoc.getXmlFragment("prosemirror").toArray();
    const el = blocks[block % blocks.length] as Y.XmlElement;
    const text = el.get(0);
    if (text instanceof Y.XmlText) return text;
    const t = new Y.XmlText();
    el.insert(0, [t]);
    return t;
  }

  /// Types one character (one update) after this client's previous one in
  /// `t` (from its start); returns the time.
  key(t: Y.XmlText, ch: string): number {
    const d = this.conn!.ydoc;
    if (this.caret.text !== t) this.caret = { text: t, at: 0 };
    const k = Y.getState(d.store, d.clientID);
    const at = clock();
    if (this.recording) this.sent.set(k, at);
    this.outstanding.push(k);
    t.insert(Math.min(this.caret.at++, t.length), ch);
    return at;
  }

  /// Types `rate` one-character updates per second into block `block`, from
  /// `startAt` (shared clock) for `durationMs`, each its own Yjs update.
  type(a: { rate: number; durationMs: number; block: number; startAt: number }): void {
    const t = this.textOf(a.block);
    const period = 1000 / a.rate;
    const phase = Math.random() * period;
    const alphabet = "the quick brown fox jumps over the lazy dog ";
    let n = 0;
    const state = { stop: false, done: Promise.resolve() };
    state.done = new Promise<void>((resolve) => {
      const tick = () => {
        if (state.stop || clock() >= a.startAt + a.durationMs) return resolve();
        // Catch up if the loop fell behind, each edit still its own update.
        let burst = 0;
        while (a.startAt + phase + n * period <= clock() && burst < 20) {
          this.key(t, alphabet[n % alphabet.length]!);
          n++;
          burst++;
        }
        setTimeout(tick, Math.max(0, a.startAt + phase + n * period - clock()));
      };
      setTimeout(tick, Math.max(0, a.startAt - clock()));
    });
    this.typing = state;
  }

  /// When writer `writer`'s update `k` was integrated here (waits for it).
  async arrival(writer: number, k: number, timeoutMs = 10_000): Promise<number> {
    const t0 = clock();
    for (;;) {
      const log = this.arrivals.get(writer) ?? [];
      for (let i = log.length - 2; i >= 0; i -= 2) if (log[i] === k) return log[i + 1]!;
      if (clock() - t0 > timeoutMs) return Number.NaN;
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }
}

const clients = new Map<number, Client>();
const at = (slot = 0): Client => {
  const c = clients.get(slot) ?? new Client();
  clients.set(slot, c);
  return c;
};
let cpuAtReset = process.cpuUsage();

function flatten(m: Map<number, number>): number[] {
  const out: number[] = [];
  for (const [k, v] of m) out.push(k, v);
  return out;
}

type Slot = { slot?: number };

serveWorker(
  {
    connect: (a: ConnectArgs & Slot) => at(a.slot).connect(a),
    type: (a: Parameters<Client["type"]>[0] & Slot) => at(a.slot).type(a),
    /// One keystroke at the start of `block`: returns the writer's clock and time.
    keystroke(a: { block: number } & Slot) {
      const c = at(a.slot);
      const d = c.conn!.ydoc;
      const k = Y.getState(d.store, d.clientID);
      return { k, at: c.key(c.textOf(a.block), "x") };
    },
    arrival: (a: { writer: number; k: number } & Slot) => at(a.slot).arrival(a.writer, a.k),
    markCpu() {
      cpuAtReset = process.cpuUsage();
    },
    /// Waits until the typing run ends (`stop`: ends it now).
    async typingDone({ stop = false, slot }: { stop?: boolean } & Slot = {}) {
      const c = at(slot);
      if (c.typing) {
        c.typing.stop = stop;
        await c.typing.done;
      }
      c.typing = null;
    },
    /// The document's state vector as [client, clock] pairs, and this
    /// client's own clock, unacknowledged count and durably saved clock.
    progress({ slot }: Slot = {}) {
      const c = at(slot);
      if (!c.conn) return null;
      const d = c.conn.ydoc;
      const own = Y.getState(d.store, d.clientID);
      return {
        clientId: d.clientID,
        sv: [...Y.decodeStateVector(Y.encodeStateVector(d)).entries()],
        own,
        unsynced: c.unsynced,
        savedUpTo: c.conn.session ? c.savedUpTo : own,
      };
    },
    /// The logs since connecting; slot 0 also this process's CPU time since markCpu.
    report({ slot = 0 }: Slot = {}) {
      const c = at(slot);
      const cpu = process.cpuUsage(cpuAtReset);
      return {
        clientId: c.conn?.ydoc.clientID ?? 0,
        sent: flatten(c.sent),
        acked: flatten(c.acked),
        saved: flatten(c.saved),
        arrivals: [...c.arrivals.entries()],
        cpuMs: slot === 0 ? (cpu.user + cpu.system) / 1000 : 0,
        disconnects: c.disconnects,
        status: c.conn?.session?.saveState.status ?? null,
      };
    },
    /// Back to a fresh process's state (the harness lends it to the next
    /// scenario): every connection closed, every client forgotten.
    reset() {
      for (const c of clients.values()) {
        c.recording = false;
        c.conn?.destroy();
      }
      clients.clear();
      cpuAtReset = process.cpuUsage();
    },
    disconnect({ slot }: Slot = {}) {
      const c = at(slot);
      c.recording = false;
      c.conn?.destroy();
      c.conn = null;
    },
    /// This client's documents (text; annotations, Glossa only): encoded
    /// size in bytes, and the CPU ms to encode each and to apply it to a new
    /// Y.Doc (median of `reps`, after three unmeasured) — what a fresh sync
    /// costs the server and a client.
    stateCost({ slot, reps = 10 }: Slot & { reps?: number } = {}) {
      const c = at(slot).conn;
      if (!c) return null;
      const cpuMs = (f: () => void) => {
        const xs: number[] = [];
        // Three unmeasured runs first: the first ones compile the code path.
        for (let i = 0; i < 3; i++) f();
        for (let i = 0; i < reps; i++) {
          const c0 = process.cpuUsage();
          f();
          const d = process.cpuUsage(c0);
          xs.push((d.user + d.system) / 1000);
        }
        return xs.sort((a, b) => a - b)[Math.floor(reps / 2)]!;
      };
      const cost = (doc: Y.Doc | undefined) => {
        if (!doc) return { bytes: 0, structs: 0, encodeMs: 0, applyMs: 0 };
        const u = Y.encodeStateAsUpdate(doc);
        let structs = 0;
        for (const list of doc.store.clients.values()) structs += list.length;
        return {
          bytes: u.byteLength,
          structs,
          encodeMs: cpuMs(() => Y.encodeStateAsUpdate(doc)),
          applyMs: cpuMs(() => Y.applyUpdate(new Y.Doc(), u)),
        };
      };
      return { text: cost(c.ydoc), annotations: cost(c.session?.annotationsDoc) };
    },
    /// Process memory, for the client side of the many-connections scenario.
    memory: () => process.memoryUsage().rss,
  },
  () => {
    for (const c of clients.values()) c.conn?.destroy();
  },
);
