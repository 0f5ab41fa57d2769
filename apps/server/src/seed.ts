import { importLetter } from "@glossa/schema";
import { readSampleLetter } from "@glossa/schema/sample";
import type { Documents } from "./documents.ts";
import { newId } from "./documents.ts";
import type { Store } from "./storage/index.ts";

/// On first start with an empty store: creates the owner account and imports
/// the sample letter as the first document. Returns what it created, or null
/// when the store already held data.
export async function seedIfEmpty(
  store: Store,
  documents: Documents,
): Promise<{ ownerId: string; documentId: string } | null> {
  if ((await store.listUsers()).length > 0 || (await store.listDocuments()).length > 0) return null;
  const ownerId = newId();
  await store.createUser({
    id: ownerId,
    email: "owner@glossa.local",
    name: "Owner",
    passwordHash: null,
    createdAt: new Date().toISOString(),
  });
  const letter = importLetter(readSampleLetter());
  const record = await documents.create(letter.title, letter.doc, ownerId);
  return { ownerId, documentId: record.id };
}
