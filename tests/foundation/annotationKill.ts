import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openStore, TokenService } from "@glossa/server";
import { spawnServer } from "../utils/processes.ts";
import { createDatabase } from "../utils/services.ts";

/// Words of the sample letter that annotations are anchored to.
const QUOTE = "insurmountable barriers";

export interface KillReport {
  rounds: number;
  acknowledged: number;
  lost: string[];
}

/// Rounds of: a server process, annotations created through the API, the
/// process killed (SIGKILL) the moment the last 201 arrives, a new process
/// on the same store — every annotation that was answered 201 must be there.
export async function annotationKillRounds(
  backend: "sqlite" | "postgres",
  rounds: number,
  perRound = 5,
): Promise<KillReport> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "glossa-annkill-"));
  const db = backend === "postgres" ? await createDatabase("glossa_annkill") : null;
  const env: Record<string, string> = { DATA_DIR: dataDir, PORT: "0", GLOSSA_QUIET: "1" };
  if (db) env.DATABASE_URL = db.url;
  const report: KillReport = { rounds: 0, acknowledged: 0, lost: [] };
  const made: string[] = [];
  try {
    let token = "";
    let docId = "";
    for (let r = 0; r < rounds; r++) {
      const server = await spawnServer(env);
      if (!token) {
        const store = await openStore({ dataDir, databaseUrl: env.DATABASE_URL });
        const owner = (await store.listUsers())[0]!;
        docId = (await store.listDocuments())[0]!.id;
        token = (
          await (
            await TokenService.open(store, 3600)
          ).sign({
            userId: owner.id,
            name: "Owner",
            email: owner.email,
          })
        ).token;
        await store.close();
      }
      // Everything made in earlier rounds survived the kills.
      const listed = await fetch(`${server.url}/api/documents/${docId}/annotations`, {
        headers: { Authorization: `Bearer ${token}` },
      }).then((res) => res.json() as Promise<{ annotations: { id: string }[] }>);
      const ids = new Set(listed.annotations.map((a) => a.id));
      report.lost.push(...made.filter((id) => !ids.has(id)));
      made.length = 0;

      // Several at once, the last one answered → kill without delay.
      const requests = Array.from({ length: perRound }, (_, i) =>
        fetch(`${server.url}/api/documents/${docId}/annotations`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify({ exact: QUOTE, kind: "comment", body: `round ${r}, note ${i}` }),
        }).then(async (res) => {
          if (res.status === 201) made.push(((await res.json()) as { id: string }).id);
        }),
      );
      await Promise.all(requests);
      server.child.kill("SIGKILL");
      await server.kill("SIGKILL");
      report.acknowledged += made.length;
      report.rounds += 1;
    }
    // The last round's annotations, read by a last server.
    const server = await spawnServer(env);
    const listed = await fetch(`${server.url}/api/documents/${docId}/annotations`, {
      headers: { Authorization: `Bearer ${token}` },
    }).then((res) => res.json() as Promise<{ annotations: { id: string }[] }>);
    const ids = new Set(listed.annotations.map((a) => a.id));
    report.lost.push(...made.filter((id) => !ids.has(id)));
    await server.kill("SIGTERM");
  } finally {
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return report;
}
