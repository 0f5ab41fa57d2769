/// The browser's side of the HTTP API: the sign-in token, kept in
/// localStorage and renewed before it expires, and `api()`, whose route
/// name (`"GET /api/documents/:id"`) gives the path parameters, the body and
/// the answer their types from `@glossa/api`'s schemas (types only: nothing
/// of zod is in the bundle), and which turns server errors into sentences
/// for the person.

import type { MeBody, RouteAnswer, RouteInput, RouteKey } from "@glossa/api";

/// The signed-in person, as GET /api/me answers (typed from packages/api).
export type Me = MeBody;

/// A sign-in's answer (POST /api/login, /api/token, …).
type TokenInfo = RouteAnswer<"POST /api/login">;

const KEY = "glossa.session";
let session: TokenInfo | null = load();
let renewTimer: ReturnType<typeof setTimeout> | null = null;

function load(): TokenInfo | null {
  try {
    const raw = localStorage.getItem(KEY);
    const s = raw ? (JSON.parse(raw) as TokenInfo) : null;
    return s && s.expiresAt * 1000 > Date.now() ? s : null;
  } catch {
    return null;
  }
}

function store(s: TokenInfo | null): void {
  session = s;
  if (s) localStorage.setItem(KEY, JSON.stringify(s));
  else localStorage.removeItem(KEY);
  scheduleRenewal();
}

function scheduleRenewal(): void {
  if (renewTimer) clearTimeout(renewTimer);
  if (!session) return;
  const inMs = Math.max(5_000, session.expiresAt * 1000 - Date.now() - 60_000);
  renewTimer = setTimeout(() => void renew(), inMs);
}

async function renew(): Promise<void> {
  try {
    store(await api("POST /api/token"));
  } catch {
    /* the next request will ask the person to sign in again */
  }
}

/// An error answered by the server, with a message meant for the person.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/// The arguments after a route's name: none when it has no path parameter
/// and takes no body, else one object with both (and an optional query).
export type RouteArgs<K extends RouteKey> =
  Partial<RouteInput<K>> extends RouteInput<K> ? [input?: RouteInput<K>] : [input: RouteInput<K>];

/// Calls one endpoint of the API by its name in ENDPOINTS, e.g.
/// `api("GET /api/documents/:id/authorities", { id })`: the path parameters
/// are URL-encoded into the pattern, `body` is sent as JSON, and the answer
/// has the type of the endpoint's response schema.
export function api<K extends RouteKey>(route: K, ...args: RouteArgs<K>): Promise<RouteAnswer<K>> {
  const input = (args[0] ?? {}) as Record<string, unknown> & {
    body?: unknown;
    query?: Record<string, string | number | boolean | undefined>;
  };
  const space = route.indexOf(" ");
  const method = route.slice(0, space);
  let path = route
    .slice(space + 1)
    .replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(String(input[name])));
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(input.query ?? {}))
    if (value !== undefined) query.set(name, String(value));
  if (query.size) path += `?${query}`;
  return request(method, path, input.body) as Promise<RouteAnswer<K>>;
}

async function request(method: string, path: string, body?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: {
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
        ...(session ? { Authorization: `Bearer ${session.token}` } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(
      0,
      "network",
      "Glossa cannot reach the server. Check your connection; your work here is kept.",
    );
  }
  const data = (await res.json().catch(() => null)) as {
    error?: { code: string; message: string };
  } | null;
  if (!res.ok) {
    if (res.status === 401 && path !== "/api/login") store(null);
    throw new ApiError(
      res.status,
      data?.error?.code ?? "error",
      data?.error?.message ?? `The server answered ${res.status}.`,
    );
  }
  return res.status === 204 ? undefined : data;
}

export const auth = {
  get me(): Me | null {
    return session?.user ?? null;
  },
  /// A token for the websocket; renews it first when it is about to expire.
  async token(): Promise<string> {
    if (session && session.expiresAt * 1000 - Date.now() < 60_000) await renew();
    return session?.token ?? "";
  },
  async signInWithCode(code: string): Promise<void> {
    store(await api("POST /api/login/code", { body: { code } }));
  },
  async signIn(email: string, password: string): Promise<void> {
    store(await api("POST /api/login", { body: { email, password } }));
  },
  /// Ends the session on the server (its tokens stop working everywhere),
  /// then forgets it here.
  async signOut(): Promise<void> {
    if (session) await api("POST /api/logout").catch(() => {});
    store(null);
  },
  /// Keeps a session the server just issued (invitation, password reset).
  adopt(s: { token: string; expiresAt: number; user: Me }): void {
    store({ token: s.token, expiresAt: s.expiresAt, user: s.user });
  },
};

scheduleRenewal();
