import { documentName } from "@glossa/protocol";
import { SCHEMA_VERSION } from "@glossa/schema";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";

/// Hocuspocus message types (server `types.ts`).
export const Msg = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  SyncReply: 4,
  Stateless: 5,
  BroadcastStateless: 6,
  Close: 7,
  SyncStatus: 8,
} as const;

/// One decoded frame from the server.
export type Incoming =
  | { doc: string; kind: "authenticated"; scope: string }
  | { doc: string; kind: "denied"; reason: string }
  | { doc: string; kind: "sync"; step: number; update: Uint8Array }
  | { doc: string; kind: "awareness"; update: Uint8Array }
  | { doc: string; kind: "stateless"; payload: string }
  | { doc: string; kind: "close"; reason: string }
  | { doc: string; kind: "status"; ok: boolean }
  | { doc: string; kind: "other"; type: number };

function frame(doc: string, type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, doc);
  encoding.writeVarUint(e, type);
  write(e);
  return encoding.toUint8Array(e);
}

/// Frames a client could send, built by hand (no provider).
export const frames = {
  auth: (doc: string, token: string) =>
    frame(doc, Msg.Auth, (e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarString(e, token);
    }),
  syncStep1: (doc: string, stateVector: Uint8Array = new Uint8Array([0])) =>
    frame(doc, Msg.Sync, (e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, stateVector);
    }),
  syncStep2: (doc: string, update: Uint8Array) =>
    frame(doc, Msg.Sync, (e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, update);
    }),
  update: (doc: string, update: Uint8Array) =>
    frame(doc, Msg.Sync, (e) => {
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, update);
    }),
  /// An awareness update with explicit client ids, clocks and states (null
  /// removes a client).
  awareness: (
    doc: string,
    entries: { clientId: number; clock: number; state: Record<string, unknown> | null }[],
  ) =>
    frame(doc, Msg.Awareness, (e) => {
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, entries.length);
      for (const x of entries) {
        encoding.writeVarUint(inner, x.clientId);
        encoding.writeVarUint(inner, x.clock);
        encoding.writeVarString(inner, JSON.stringify(x.state));
      }
      encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    }),
  queryAwareness: (doc: string) => frame(doc, Msg.QueryAwareness, () => {}),
  stateless: (doc: string, payload: string) =>
    frame(doc, Msg.Stateless, (e) => encoding.writeVarString(e, payload)),
  broadcastStateless: (doc: string, payload: string) =>
    frame(doc, Msg.BroadcastStateless, (e) => encoding.writeVarString(e, payload)),
};

/// Decodes an awareness update into client id → state.
export function decodeAwareness(update: Uint8Array): Map<number, Record<string, unknown> | null> {
  const d = decoding.createDecoder(update);
  const out = new Map<number, Record<string, unknown> | null>();
  const n = decoding.readVarUint(d);
  for (let i = 0; i < n; i++) {
    const id = decoding.readVarUint(d);
    decoding.readVarUint(d);
    out.set(id, JSON.parse(decoding.readVarString(d)));
  }
  return out;
}

function parse(data: Uint8Array): Incoming {
  const d = decoding.createDecoder(data);
  const doc = decoding.readVarString(d);
  const type = decoding.readVarUint(d);
  switch (type) {
    case Msg.Auth: {
      const sub = decoding.readVarUint(d);
      if (sub === 2) return { doc, kind: "authenticated", scope: decoding.readVarString(d) };
      if (sub === 1) return { doc, kind: "denied", reason: decoding.readVarString(d) };
      return { doc, kind: "other", type };
    }
    case Msg.Sync:
    case Msg.SyncReply: {
      const step = decoding.readVarUint(d);
      return { doc, kind: "sync", step, update: decoding.readVarUint8Array(d) };
    }
    case Msg.Awareness:
      return { doc, kind: "awareness", update: decoding.readVarUint8Array(d) };
    case Msg.Stateless:
      return { doc, kind: "stateless", payload: decoding.readVarString(d) };
    case Msg.Close:
      return { doc, kind: "close", reason: decoding.readVarString(d) };
    case Msg.SyncStatus:
      return { doc, kind: "status", ok: decoding.readVarInt(d) === 1 };
    default:
      return { doc, kind: "other", type };
  }
}

/// A hostile (or just hand-rolled) websocket client speaking the Hocuspocus
/// wire protocol directly, recording everything the server sends.
export class RawClient {
  readonly received: Incoming[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  closeEvent: { code: number; reason: string } | null = null;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.binaryType = "arraybuffer";
    ws.on("message", (data: ArrayBuffer) => {
      this.received.push(parse(new Uint8Array(data)));
      this.wake();
    });
    this.closed = new Promise((resolve) =>
      ws.on("close", (code, reason) => {
        this.closeEvent = { code, reason: reason.toString() };
        resolve(this.closeEvent);
        this.wake();
      }),
    );
  }

  static async open(
    wsUrl: string,
    opts: { schema?: string | null; origin?: string } = {},
  ): Promise<RawClient> {
    const schema = opts.schema === undefined ? String(SCHEMA_VERSION) : opts.schema;
    const url = schema === null ? wsUrl : `${wsUrl}?schema=${schema}`;
    const ws = new WebSocket(url, { headers: opts.origin ? { Origin: opts.origin } : {} });
    const client = new RawClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
      ws.once("unexpected-response", (_req, res) =>
        reject(new Error(`HTTP ${res.statusCode} on upgrade`)),
      );
    });
    return client;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(data: Uint8Array): void {
    if (this.isOpen) this.ws.send(data);
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /// Waits for a frame matching `pred` (received from `since` on).
  async waitFor<T extends Incoming>(
    pred: (m: Incoming) => m is T,
    timeoutMs?: number,
    since?: number,
  ): Promise<T>;
  async waitFor(
    pred: (m: Incoming) => boolean,
    timeoutMs?: number,
    since?: number,
  ): Promise<Incoming>;
  async waitFor(pred: (m: Incoming) => boolean, timeoutMs = 3000, since = 0): Promise<Incoming> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.slice(since).find(pred);
      if (found) return found;
      if (this.closeEvent) throw new Error(`socket closed (${this.closeEvent.code}) while waiting`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("timed out waiting for a frame");
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /// Authenticates one document; resolves with the scope or the refusal.
  async auth(
    doc: string,
    token: string,
  ): Promise<{ ok: boolean; scope?: string; reason?: string }> {
    const since = this.received.length;
    this.send(frames.auth(doc, token));
    const m = await this.waitFor(
      (x) => x.doc === doc && (x.kind === "authenticated" || x.kind === "denied"),
      5000,
      since,
    );
    return m.kind === "authenticated"
      ? { ok: true, scope: m.scope }
      : { ok: false, reason: (m as { reason: string }).reason };
  }

  /// Syncs a document into a local Y.Doc (SyncStep1 → the server's SyncStep2).
  async load(doc: string): Promise<Y.Doc> {
    const since = this.received.length;
    this.send(frames.syncStep1(doc));
    const m = await this.waitFor(
      (x) => x.doc === doc && x.kind === "sync" && x.step === 1,
      5000,
      since,
    );
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, (m as { update: Uint8Array }).update);
    return ydoc;
  }

  /// Frames received for `doc` of a kind, from `since` on.
  of(doc: string, kind: Incoming["kind"], since = 0): Incoming[] {
    return this.received.slice(since).filter((m) => m.doc === doc && m.kind === kind);
  }

  close(): void {
    this.ws.close();
  }
}

/// A real text edit on a synced copy: inserts `text` at the start of the
/// first paragraph's text; returns the Yjs update.
export function textEdit(ydoc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(ydoc);
  const fragment = ydoc.getXmlFragment("prosemirror");
  const findText = (el: Y.XmlFragment | Y.XmlElement): Y.XmlText | null => {
    for (const child of el.toArray()) {
      if (child instanceof Y.XmlText) return child;
      if (child instanceof Y.XmlElement) {
        const t = findText(child);
        if (t) return t;
      }
    }
    return null;
  };
  const target = findText(fragment);
  if (!target) throw new Error("no text in document");
  target.insert(0, text);
  return Y.encodeStateAsUpdate(ydoc, before);
}

/// A write to the annotations document's map.
export function annotationEdit(ydoc: Y.Doc, key: string): Uint8Array {
  const before = Y.encodeStateVector(ydoc);
  ydoc.getMap("annotations").set(key, { body: "forged", by: "attacker" });
  return Y.encodeStateAsUpdate(ydoc, before);
}

/// A new empty document of the account of `token`, created over HTTP (retried:
/// its creation may meet a busy server); its Hocuspocus name.
export async function newDoc(httpUrl: string, token: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await fetch(`${httpUrl}/api/documents`, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${token}`,
          "Content-Type": "application/json",
        },
        body: JSON.stringify({ title: "Attack", text: "" }),
      });
      if (r.status !== 201) throw new Error(`attacker could not create a document: ${r.status}`);
      return documentName(((await r.json()) as { id: string }).id);
    } catch (err) {
      if (attempt >= 3) throw err;
      await new Promise((done) => setTimeout(done, 500));
    }
  }
}
