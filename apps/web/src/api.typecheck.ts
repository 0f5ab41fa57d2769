/// A type-level test of `api()`, checked by `pnpm typecheck` and never run
/// nor bundled (nothing imports it): each `@ts-expect-error` below must
/// meet an error, so the check fails when a wrong path parameter, body or
/// response field stops being one — when the client's types no longer
/// follow `@glossa/api`'s schemas.

import { api } from "./api.ts";

export async function rightCallsCompile(id: string): Promise<string[]> {
  const toa = await api("GET /api/documents/:id/authorities", {
    id,
    query: { format: "json", passim: 3 },
  });
  const version = await api("POST /api/documents/:id/versions", { id, body: { name: "v1" } });
  const me = await api("GET /api/me");
  const gone: undefined = await api("DELETE /api/documents/:id/annotations/:aid", {
    id,
    aid: "a",
  });
  const share = await api("POST /api/documents/:id/shares", {
    id,
    body: { email: "a@example.org", role: "viewer" },
  });
  const path = share.invited ? share.path : share.share.email;
  return [toa.groups[0]?.entries[0]?.key ?? "", version.name, me.email, String(gone), path];
}

export async function wrongCallsFail(id: string): Promise<void> {
  // @ts-expect-error a route that is not in ENDPOINTS
  await api("GET /api/documents/:id/authoritys", { id });
  // @ts-expect-error a missing path parameter
  await api("GET /api/documents/:id/authorities", {});
  // @ts-expect-error a path parameter the route does not have
  await api("GET /api/documents/:id", { id, aid: "a" });
  // @ts-expect-error a misspelt body field (SaveVersionRequest is strict)
  await api("POST /api/documents/:id/versions", { id, body: { nmae: "v1" } });
  // @ts-expect-error a body field of the wrong type
  await api("POST /api/documents/:id/versions", { id, body: { name: 1 } });
  // @ts-expect-error a role that is not one
  await api("POST /api/tokens", { body: { name: "script", role: "admin" } });
  // @ts-expect-error a body where the route takes none
  await api("POST /api/logout", { body: {} });
  // @ts-expect-error a misspelt query parameter (DocumentListQuery is strict)
  await api("GET /api/documents", { query: { scop: "mine" } });
  // @ts-expect-error a query value outside its list
  await api("GET /api/documents/:id/export", { id, query: { format: "pdf" } });
  // @ts-expect-error a query where the route reads none
  await api("GET /api/documents/:id", { id, query: { format: "json" } });
  // @ts-expect-error a body the route needs, left out
  await api("POST /api/documents/:id/versions", { id });
  const version = await api("POST /api/documents/:id/versions", { id, body: { name: "v1" } });
  // @ts-expect-error a response field the schema does not have
  version.title;
  const me = await api("GET /api/me");
  // @ts-expect-error a response field of another type
  me.email satisfies number;
  const toa = await api("GET /api/documents/:id/authorities", { id });
  // @ts-expect-error a misspelt field deep in the answer
  toa.groups[0]?.entries[0]?.pasim;
}
