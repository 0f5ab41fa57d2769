import { newId } from "../documents.ts";
import type { DocumentRecord, Store, UserRecord } from "../storage/index.ts";
import { hashPassword } from "./passwords.ts";

/// Makes the earliest account the administrator when none is (first start,
/// or data from a version without administrators).
export async function ensureAdmin(store: Store): Promise<void> {
  const users = await store.listUsers();
  if (users.length > 0 && !users.some((u) => u.admin)) await store.setAdmin(users[0]!.id, true);
}

/// Creates an account; without a password it can sign in only through a
/// one-time link. Throws a RangeError with a sentence for the person.
export async function addUser(
  store: Store,
  opts: { email: string; name?: string; password?: string; admin?: boolean },
): Promise<UserRecord> {
  const email = opts.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320) {
    throw new RangeError(`${JSON.stringify(opts.email)} is not an email address.`);
  }
  if (await store.getUserByEmail(email)) {
    throw new RangeError(`An account with the email ${email} already exists.`);
  }
  const name = (opts.name ?? email.split("@")[0]!).trim().slice(0, 100) || email;
  const user: UserRecord = {
    id: newId(),
    email,
    name,
    passwordHash: opts.password === undefined ? null : await hashPassword(opts.password),
    createdAt: new Date().toISOString(),
    admin: opts.admin ?? (await store.listUsers()).length === 0,
  };
  await store.createUser(user);
  return user;
}

/// Finds a document by id or by exact title; throws a RangeError when there
/// is none or the title is ambiguous.
export async function resolveDocument(store: Store, ref: string): Promise<DocumentRecord> {
  const byId = await store.getDocument(ref);
  if (byId) return byId;
  const byTitle = await store.findDocumentsByTitle(ref);
  if (byTitle.length === 1) return byTitle[0]!;
  if (byTitle.length > 1) {
    throw new RangeError(
      `${byTitle.length} documents are titled ${JSON.stringify(ref)}; use one of their ids: ${byTitle.map((d) => d.id).join(", ")}.`,
    );
  }
  throw new RangeError(`No document has the id or title ${JSON.stringify(ref)}.`);
}
