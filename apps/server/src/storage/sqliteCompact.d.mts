import type Database from "better-sqlite3";

export interface StoredParts {
  parts: Uint8Array[];
  upto: number;
  base: number | null;
}
export function readParts(db: Database.Database, name: string): StoredParts;
export function writeMerged(
  db: Database.Database,
  name: string,
  read: StoredParts,
  merged: Uint8Array,
): void;
