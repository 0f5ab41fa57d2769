/// The honest side of the hostile-tenant run (tests/security/hostile.ts): an
/// editor typing on its own document and timing each edit until saved, and
/// a `/healthz` prober.
import { get } from "node:http";
import * as Y from "yjs";
import { frames, RawClient, textEdit } from "./rawClient.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();

/// An honest editor: types into the first paragraph of its document, one
/// edit every `everyMs`, and times each until the server's `saved` covers it.
export class Typist {
  readonly acks: number[] = [];
  readonly pending = new Map<number, number>();
  readonly markers: string[] = [];
  private client!: RawClient;
  private ydoc!: Y.Doc;
  private stopped = false;
  private loop: Promise<void> | null = null;
  sink: number[] | null = null;

  constructor(
    private readonly wsUrl: string,
    private readonly token: string,
    readonly name: string,
  ) {}

  get clientId(): number {
    return this.ydoc.clientID;
  }
  get clock(): number {
    return Y.getState(this.ydoc.store, this.ydoc.clientID);
  }

  /// Reasons the honest editor was disconnected (it reconnects, like the app).
  readonly disconnects: string[] = [];

  private async connect(): Promise<void> {
    this.client = await RawClient.open(this.wsUrl);
    this.seen = 0;
    const auth = await this.client.auth(this.name, this.token);
    if (!auth.ok) throw new Error(`honest editor refused: ${auth.reason}`);
    const server = await this.client.load(this.name);
    if (this.markers.length > 0 || this.disconnects.length > 0) {
      // Resend everything the server lacks (what the provider does on reconnect).
      const missing = Y.encodeStateAsUpdate(this.ydoc, Y.encodeStateVector(server));
      this.client.send(frames.update(this.name, missing));
      Y.applyUpdate(this.ydoc, Y.encodeStateAsUpdate(server));
    } else this.ydoc = server;
    this.client.ws.on("message", () => this.onMessages());
  }

  private get down(): boolean {
    return !this.client.isOpen || this.client.of(this.name, "close").length > 0;
  }

  async start(everyMs: number): Promise<void> {
    await this.connect();
    this.loop = (async () => {
      let i = 0;
      while (!this.stopped) {
        if (this.down) {
          this.disconnects.push(this.closed ?? "socket closed");
          this.client.close();
          await this.connect().catch(() => sleep(500));
          continue;
        }
        const marker = `h${i++};`;
        const update = textEdit(this.ydoc, marker);
        this.markers.push(marker);
        this.pending.set(this.clock, now());
        this.client.send(frames.update(this.name, update));
        await sleep(everyMs);
      }
    })();
  }

  private seen = 0;
  private onMessages(): void {
    if (this.seen > this.client.received.length) this.seen = 0;
    const got = this.client.received;
    for (; this.seen < got.length; this.seen++) {
      const m = got[this.seen]!;
      if (m.doc !== this.name || m.kind !== "stateless") continue;
      const msg = JSON.parse(m.payload) as { type?: string; stateVector?: string };
      if (msg.type !== "saved" || !msg.stateVector) continue;
      const sv = Y.decodeStateVector(Buffer.from(msg.stateVector, "base64"));
      const covered = sv.get(this.ydoc.clientID) ?? 0;
      for (const [clock, at] of this.pending) {
        if (clock > covered) continue;
        const ms = now() - at;
        this.acks.push(ms);
        this.sink?.push(ms);
        this.pending.delete(clock);
      }
    }
  }

  get closed(): string | null {
    const c = this.client.received.find((m) => m.doc === this.name && m.kind === "close");
    return c ? (c as { reason: string }).reason : this.client.closeEvent?.reason || null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    // Every edit sent is acknowledged within a generous bound, or counted.
    const deadline = Date.now() + 15_000;
    while (this.pending.size > 0 && Date.now() < deadline) await sleep(50);
    this.client.close();
    await this.client.closed;
  }
}

/// One `/healthz` request on a connection of its own, as a health monitor
/// makes it: fetch's pooled keep-alive socket was the suite's one miss per
/// run — its first check reused a socket the server had closed after 5 s
/// idle while this process was busy building the attacks (undici saw the
/// close only after it had written the request: UND_ERR_SOCKET).
function checkHealth(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent: false, timeout: 5_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("timeout", () =>
      req.destroy(Object.assign(new Error("no answer in 5 s"), { code: "TIMEOUT" })),
    );
    req.on("error", reject);
  });
}

/// Asks `/healthz` every 250 ms until stopped; a miss is no 200 within 5 s.
export function probeHealth(httpUrl: string): {
  /// Checks and misses so far (read per attack), and why each miss was one.
  counts: { checks: number; misses: number; why: string[] };
  stop(): Promise<{ checks: number; misses: number; why: string[] }>;
} {
  const counts = { checks: 0, misses: 0, why: [] as string[] };
  let probing = true;
  const prober = (async () => {
    while (probing) {
      counts.checks++;
      try {
        const status = await checkHealth(`${httpUrl}/healthz`);
        if (status !== 200) {
          counts.misses++;
          counts.why.push(`status ${status}`);
        }
      } catch (err) {
        counts.misses++;
        const e = err as Error & { code?: string };
        counts.why.push(e.code === "TIMEOUT" ? e.message : (e.code ?? e.message));
      }
      await sleep(250);
    }
  })();
  return {
    counts,
    async stop() {
      probing = false;
      await prober;
      return counts;
    },
  };
}
