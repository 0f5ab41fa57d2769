import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Role } from "@glossa/protocol";
import { type Glossa, hashPassword, loadConfig, newId, startGlossa } from "@glossa/server";

export interface TestServer {
  glossa: Glossa;
  url: string;
  wsUrl: string;
  dataDir: string;
  /// The sample letter's document id (seeded on first start).
  letterId: string;
  ownerToken: string;
  /// Creates a user with a password and, when given, a role on a document.
  addUser(
    name: string,
    opts?: { role?: Role; documentId?: string; password?: string },
  ): Promise<TestUser>;
  /// Stops the server, keeping the data folder (for restart tests).
  stop(): Promise<void>;
  /// Starts a fresh server process-equivalent on the same data folder.
  restart(): Promise<TestServer>;
  /// Stops and deletes the data folder.
  destroy(): Promise<void>;
}

export interface TestUser {
  id: string;
  name: string;
  email: string;
  password: string;
  token: string;
}

/// Starts a real Glossa server on a free port with its own data folder.
export async function startTestServer(
  opts: { dataDir?: string; env?: Record<string, string>; port?: number } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "glossa-test-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: String(opts.port ?? 0),
    GLOSSA_QUIET: "1",
    ...opts.env,
  });
  const glossa = await startGlossa(config);
  const docs = await glossa.store.listDocuments();
  const letterId = docs[0]!.id;
  const owner = (await glossa.store.listUsers())[0]!;
  const ownerToken = (
    await glossa.tokens.sign({ userId: owner.id, name: owner.name, email: owner.email })
  ).token;
  const port = new URL(glossa.url).port;
  const server: TestServer = {
    glossa,
    url: glossa.url,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    dataDir,
    letterId,
    ownerToken,
    async addUser(name, o = {}) {
      const id = newId();
      const email = `${name.toLowerCase().replace(/\W+/g, ".")}@example.org`;
      const password = o.password ?? `pw-${name}-0123456789`;
      await glossa.store.createUser({
        id,
        email,
        name,
        passwordHash: await hashPassword(password),
        createdAt: new Date().toISOString(),
      });
      if (o.role) {
        await glossa.store.setShare({
          documentId: o.documentId ?? letterId,
          userId: id,
          role: o.role,
          grantedBy: owner.id,
          grantedAt: new Date().toISOString(),
        });
      }
      const { token } = await glossa.tokens.sign({ userId: id, name, email });
      return { id, name, email, password, token };
    },
    stop: () => glossa.close(),
    async restart() {
      await glossa.close().catch(() => {});
      // The closed server's idle keep-alive sockets sit in this process's fetch
      // pool until a poll phase reads their FIN; a request sent before that
      // fails with "other side closed". Let the loop read them first.
      for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
      return startTestServer({ dataDir, env: opts.env, port: Number(port) });
    },
    async destroy() {
      await glossa.close().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

/// Retries an assertion until it passes or `timeoutMs` passes (no sleeps).
export async function eventually<T>(
  fn: () => T | Promise<T>,
  timeoutMs = 10_000,
  intervalMs = 50,
): Promise<T> {
  const start = Date.now();
  let lastError: unknown;
  while (Date.now() - start < timeoutMs) {
    try {
      return await fn();
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
  throw lastError;
}
