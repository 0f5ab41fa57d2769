import { documentName, type Role } from "@glossa/protocol";
import { TokenService } from "@glossa/server";
import * as Y from "yjs";
import { startTestServer, type TestServer, type TestUser } from "../utils/server.ts";

export const ROLE_NAMES = ["owner", "editor", "annotator", "viewer"] as const;
export type Principal = Role | "stranger";
export const PRINCIPALS: Principal[] = [...ROLE_NAMES, "stranger"];

/// A server with one person per role on the letter, plus a stranger.
export interface SecurityFixture {
  server: TestServer;
  docId: string;
  users: Record<Principal, TestUser>;
  text: string;
  annotations: string;
}

export async function startSecurityFixture(
  env: Record<string, string> = {},
): Promise<SecurityFixture> {
  const server = await startTestServer({ env });
  const owner = (await server.glossa.store.listUsers())[0]!;
  const ownerUser: TestUser = {
    id: owner.id,
    name: owner.name,
    email: owner.email,
    password: "",
    token: server.ownerToken,
  };
  const users = { owner: ownerUser } as Record<Principal, TestUser>;
  for (const role of ["editor", "annotator", "viewer"] as const) {
    users[role] = await server.addUser(`Sec ${role}`, { role });
  }
  users.stranger = await server.addUser("Sec stranger");
  return {
    server,
    docId: server.letterId,
    users,
    text: documentName(server.letterId),
    annotations: documentName(server.letterId, "annotations"),
  };
}

/// Everything the server holds for a Hocuspocus document: its live state (if
/// loaded) and its stored parts, as bytes to compare.
export async function serverState(
  server: TestServer,
  name: string,
): Promise<{ live: string | null; stored: string }> {
  const live = server.glossa.server.hocuspocus.documents.get(name);
  const parts = await server.glossa.store.loadParts(name);
  return {
    live: live ? Buffer.from(Y.encodeStateAsUpdate(live)).toString("base64") : null,
    stored: Buffer.concat(parts.map((p) => Buffer.from(p))).toString("base64"),
  };
}

/// Everything the server holds for `name` (stored parts merged with the
/// live document, when it is loaded), in canonical form: compaction may fold
/// journal rows at any moment, and the last connection leaving unloads the
/// live document, without changing the content.
export async function serverContent(server: TestServer, name: string): Promise<string> {
  const ydoc = new Y.Doc();
  for (const part of await server.glossa.store.loadParts(name)) Y.applyUpdate(ydoc, part);
  const live = server.glossa.server.hocuspocus.documents.get(name);
  if (live) Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(live));
  const state = Buffer.from(Y.encodeStateAsUpdate(ydoc)).toString("base64");
  ydoc.destroy();
  return state;
}

/// The text of the live server document.
export function liveText(server: TestServer, name: string): string {
  const doc = server.glossa.server.hocuspocus.documents.get(name);
  return doc ? doc.getXmlFragment("prosemirror").toString() : "";
}

/// Calls the HTTP API; returns status and parsed body.
export async function http(
  server: TestServer,
  method: string,
  path: string,
  token?: string | null,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> | null; headers: Headers }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: Record<string, unknown> | null = null;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    parsed = null;
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/// A correctly signed token whose expiry has passed (session still live).
export async function expiredToken(server: TestServer, user: TestUser): Promise<string> {
  const past = await TokenService.open(server.glossa.store, -120);
  return (await past.sign({ userId: user.id, name: user.name, email: user.email })).token;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
