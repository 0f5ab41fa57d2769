import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { documentName } from "@glossa/protocol";
import { PostgresStore, TokenService, ydocFromParts, ydocToPm } from "@glossa/server";
import { expect } from "vitest";
import { type ClientProcess, spawnClient, spawnServer } from "../utils/processes.ts";
import { eventually } from "../utils/server.ts";
import { createDatabase, redisUrl } from "../utils/services.ts";
import { startTcpProxy } from "../utils/tcpProxy.ts";

/// A typist that knows which of its words the server acknowledged as saved:
/// every word typed before a `saved` state was observed.
class Typist {
  readonly typed: string[] = [];
  acked = 0;
  constructor(
    readonly client: ClientProcess,
    readonly block: number,
    readonly prefix: string,
  ) {}

  async type(n: number): Promise<void> {
    for (let k = 0; k < n; k++) {
      const word = `${this.prefix}${this.typed.length}.`;
      await this.client.insert(this.block, 0, word);
      this.typed.push(word);
      await this.observe();
    }
  }

  async observe(): Promise<boolean> {
    const typedBefore = this.typed.length;
    const s = await this.client.state();
    if (s.status === "saved" && s.pending === 0) this.acked = typedBefore;
    return this.acked === this.typed.length;
  }
}

export interface FailoverReport {
  rounds: number;
  /// Rounds in which the frozen instance relayed its typist's words by Redis.
  relayed: number;
  acknowledged: number;
  lost: string[];
}

/// Rounds of: two instances (PostgreSQL + Redis), a typist on each; the
/// first instance's database connection is frozen (a stuck network) while
/// both keep typing, so its typist's words reach the second instance only
/// through Redis; the first instance is killed without warning and its
/// typist fails over (a load balancer sends it to the second); then the
/// second instance is killed too. Every word acknowledged as saved must be
/// in the database.
export async function failoverRounds(rounds: number): Promise<FailoverReport> {
  const { url: databaseUrl, drop } = await createDatabase("glossa_failover");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "glossa-failover-"));
  const env = { DATA_DIR: dataDir, PORT: "0", GLOSSA_QUIET: "1", REDIS_URL: redisUrl() };
  const report: FailoverReport = { rounds: 0, relayed: 0, acknowledged: 0, lost: [] };
  try {
    const setup: RoundSetup = { env, databaseUrl, ...(await seedLetter(env, databaseUrl)) };
    for (let r = 0; r < rounds; r++) await failoverRound(r, setup, report);
  } finally {
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return report;
}

/// What every round starts from: the servers' environment, the database,
/// the seeded letter and a token of its owner.
interface RoundSetup {
  env: Record<string, string>;
  databaseUrl: string;
  docId: string;
  token: string;
}

/// The first start seeds the letter; its owner signs the typists in.
async function seedLetter(env: Record<string, string>, databaseUrl: string) {
  const seed = await spawnServer({ ...env, DATABASE_URL: databaseUrl });
  await seed.kill("SIGTERM");
  const store = await PostgresStore.open(databaseUrl);
  const owner = (await store.listUsers())[0]!;
  const docId = (await store.listDocuments())[0]!.id;
  const tokens = await TokenService.open(store, 3600);
  const token = (await tokens.sign({ userId: owner.id, name: "Owner", email: owner.email })).token;
  await store.close();
  return { docId, token };
}

/// Round `r`: two instances and two typists, the first instance's database
/// frozen, then both instances killed; adds to `report` what was
/// acknowledged and what of it the database lacks.
async function failoverRound(r: number, setup: RoundSetup, report: FailoverReport) {
  const { env, databaseUrl, docId, token } = setup;
  const pgAddress = new URL(databaseUrl);
  const pgProxy = await startTcpProxy(Number(pgAddress.port || 5432), pgAddress.hostname);
  const viaProxy = new URL(databaseUrl);
  viaProxy.host = `127.0.0.1:${pgProxy.port}`;
  const [s1, s2] = await Promise.all([
    spawnServer({ ...env, DATABASE_URL: viaProxy.toString() }),
    spawnServer({ ...env, DATABASE_URL: databaseUrl }),
  ]);
  const lb = await startTcpProxy(Number(new URL(s1.url).port));
  const a = new Typist(
    await spawnClient(`ws://127.0.0.1:${lb.port}/collab`, docId, token, `Ana${r}`),
    3,
    `a${r}-`,
  );
  const b = new Typist(
    await spawnClient(`${s2.url.replace("http", "ws")}/collab`, docId, token, `Ben${r}`),
    4,
    `b${r}-`,
  );
  try {
    await eventually(async () => {
      expect((await a.client.state()).synced && (await b.client.state()).synced).toBe(true);
    }, 30_000);
    await Promise.all([a.type(5), b.type(5)]);
    await eventually(async () => expect((await a.observe()) && (await b.observe())).toBe(true));

    // The first instance can no longer reach its database.
    pgProxy.freeze();
    await Promise.all([a.type(15), b.type(5)]);
    // Ana's words reach the second instance through Redis — unless the
    // first instance needs its frozen database to take them (a role
    // re-read after an access change), in which case they wait in Ana's
    // client and reach the second instance on failover. Both paths must
    // lose nothing; the report counts the rounds that took the first.
    const last = a.typed.at(-1)!;
    const relayed = await eventually(
      async () => expect((await b.client.blocks())[3]).toContain(last),
      15_000,
    ).then(
      () => true,
      () => false,
    );
    if (relayed) report.relayed += 1;

    // The first instance dies; the load balancer sends Ana to the second.
    await s1.kill("SIGKILL");
    lb.retarget(Number(new URL(s2.url).port));
    lb.dropAll();
    await b.type(3);
    await eventually(async () => expect(await a.observe()).toBe(true), 30_000);
    await eventually(async () => expect(await b.observe()).toBe(true));
    // …and then the second dies too.
    await s2.kill("SIGKILL");
  } finally {
    await Promise.all([a.client.close(), b.client.close()]);
    await s1.kill("SIGKILL");
    await s2.kill("SIGKILL");
    await pgProxy.close();
    await lb.close();
  }

  const check = await PostgresStore.open(databaseUrl);
  const text = ydocToPm(ydocFromParts(await check.loadParts(documentName(docId)))).textContent;
  await check.close();
  for (const t of [a, b]) {
    const acked = t.typed.slice(0, t.acked);
    report.acknowledged += acked.length;
    report.lost.push(...acked.filter((w) => !text.includes(w)));
  }
  report.rounds += 1;
}
