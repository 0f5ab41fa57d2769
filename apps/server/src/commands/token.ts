import { isRole, ROLES, type Role } from "@glossa/protocol";
import { resolveDocument } from "../auth/accounts.ts";
import { createApiToken, describeToken } from "../auth/apiTokens.ts";
import type { Store, UserRecord } from "../storage/index.ts";
import type { Command, CommandIO } from "./command.ts";
import { parseArgs, runCommand, UsageError, withStore } from "./common.ts";

const USAGE = `token create EMAIL NAME [--documents DOC,DOC…] [--role ROLE] [--days N]
       glossa token list EMAIL
       glossa token revoke EMAIL TOKEN-ID
  (an id of an older token that begins with "-": glossa token revoke EMAIL -- TOKEN-ID.
   --role: the highest role the token acts with, ${ROLES.join(", ")}; default editor.
   --documents: ids or exact titles; default every document EMAIL may open.
   --days: expires after N days; default never, until revoked.)`;

async function userByEmail(store: Store, email: string): Promise<UserRecord> {
  const user = await store.getUserByEmail(email.trim().toLowerCase());
  if (!user) throw new RangeError(`No account has the email ${email}.`);
  return user;
}

/// `glossa token create EMAIL NAME [--documents …] [--role …] [--days N]`.
async function createToken(
  rest: string[],
  opts: Record<string, string>,
  io: CommandIO,
): Promise<number> {
  if (rest.length !== 2) throw new UsageError("give EMAIL and NAME.");
  const [email, name] = rest as [string, string];
  if (!name.trim() || name.length > 100)
    throw new UsageError("NAME must have 1 to 100 characters.");
  const role = (opts.role ?? "editor") as Role;
  if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}.`);
  let days: number | null = null;
  if (opts.days !== undefined) {
    days = Number(opts.days);
    if (!Number.isInteger(days) || days < 1 || days > 3650)
      throw new UsageError("--days must be a whole number from 1 to 3650.");
  }
  return withStore(io, async (store) => {
    const user = await userByEmail(store, email);
    const documents = await tokenDocuments(store, user, opts.documents);
    const expiresAt = days ? new Date(Date.now() + days * 86_400_000).toISOString() : null;
    const made = await createApiToken(store, user.id, {
      name: name.trim(),
      documents,
      ceiling: role,
      expiresAt,
    });
    io.stderr.write(
      `Token "${made.record.name}" (id ${made.record.id}) for ${user.email}, at most ${role}` +
        `${documents ? ` on ${documents.length} document(s)` : " on every document they may open"}` +
        `${expiresAt ? `, until ${expiresAt}` : ""}. It is shown only now:\n`,
    );
    io.stdout.write(`${made.token}\n`);
    return 0;
  });
}

/// The documents named by `--documents` (ids or exact titles), each one
/// `user` may open; null when the option is absent (every document).
async function tokenDocuments(
  store: Store,
  user: UserRecord,
  list: string | undefined,
): Promise<string[] | null> {
  if (list === undefined) return null;
  const documents: string[] = [];
  for (const ref of list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const doc = await resolveDocument(store, ref);
    if (!(await store.getRole(doc.id, user.id)))
      throw new RangeError(`${user.email} has no access to "${doc.title}".`);
    documents.push(doc.id);
  }
  if (documents.length === 0) throw new UsageError("--documents names no document.");
  return documents;
}

/// `glossa token list EMAIL`.
async function listTokens(rest: string[], io: CommandIO): Promise<number> {
  if (rest.length !== 1) throw new UsageError("give EMAIL.");
  return withStore(io, async (store) => {
    const user = await userByEmail(store, rest[0]!);
    const tokens = await store.listApiTokens(user.id);
    const sessions = new Map(
      (await store.getSessions(tokens.map((t) => t.id))).map((s) => [s.id, s]),
    );
    if (tokens.length === 0) io.stdout.write(`${user.email} has no API tokens.\n`);
    for (const t of tokens) {
      const d = describeToken(t, sessions.get(t.id) ?? null);
      const state = d.revokedAt
        ? `revoked ${d.revokedAt}`
        : d.expiresAt
          ? `expires ${d.expiresAt}`
          : "active";
      io.stdout.write(
        `${d.id}\t${d.name}\t${d.ceiling}\t${d.documents ? d.documents.join(",") : "all documents"}\t${state}\tlast used ${d.lastUsedAt ?? "never"}\n`,
      );
    }
    return 0;
  });
}

/// `glossa token revoke EMAIL TOKEN-ID`.
async function revokeToken(rest: string[], io: CommandIO): Promise<number> {
  if (rest.length !== 2) throw new UsageError("give EMAIL and TOKEN-ID.");
  return withStore(io, async (store) => {
    const user = await userByEmail(store, rest[0]!);
    const t = await store.getApiToken(rest[1]!);
    if (!t || t.userId !== user.id) throw new RangeError(`${user.email} has no token ${rest[1]}.`);
    if (!(await store.revokeSession(user.id, t.id)))
      throw new RangeError(`Token "${t.name}" was already revoked or has expired.`);
    io.stdout.write(`Token "${t.name}" is revoked.\n`);
    return 0;
  });
}

/// `glossa token`: API tokens for scripts, for the administrator (the same
/// tokens as the Account page makes). The token is printed once, on stdout
/// alone, so `TOKEN=$(glossa token create …)` works; a running server cuts
/// a revoked token's live connections within a second.
const token: Command = {
  name: "token",
  summary: "Create, list or revoke API tokens for scripts",
  usage: USAGE,
  run: (args, io) =>
    runCommand("token", USAGE, io, async () => {
      const { positional, opts } = parseArgs(args, ["documents", "role", "days"]);
      const [action, ...rest] = positional;
      if (action === "create") return createToken(rest, opts, io);
      if (action === "list") return listTokens(rest, io);
      if (action === "revoke") return revokeToken(rest, io);
      throw new UsageError(action ? `unknown action "${action}".` : "give create, list or revoke.");
    }),
};

export default token;
