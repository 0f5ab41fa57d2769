/// Every `glossa` command, in the order `glossa help` lists them: its name and
/// summary here, its code loaded only when it runs (`load`), so that
/// `glossa --version`, `--help` and a small `glossa cite` start without
/// loading the server (docs/benchmarks.md, CLI start-up). The list is explicit
/// so the built CLI (`apps/server/dist/cli.js`) has its commands without
/// reading a folder; `commands/index.test.ts` fails when a command file in this
/// folder is missing here or its name or summary differs.
import type { Command } from "./command.ts";

export interface CommandEntry {
  name: string;
  summary: string;
  /// False for a command that never logs (no store): the CLI then skips
  /// loading the logger to point it at stderr.
  logs: boolean;
  load(): Promise<Command>;
}

export const commands: readonly CommandEntry[] = [
  {
    name: "backup",
    summary: "Write a consistent backup of all documents, accounts and versions to FILE",
    logs: true,
    load: async () => (await import("./backup.ts")).default,
  },
  {
    name: "cite",
    summary: "List the legal citations in a text (table, --json, or --jsonl batch)",
    logs: false,
    load: async () => (await import("./cite.ts")).default,
  },
  {
    name: "import",
    summary: "Import Word, Markdown, HTML or text files as new documents",
    logs: true,
    load: async () => (await import("./import.ts")).default,
  },
  {
    name: "restore",
    summary: "Restore a backup made by `glossa backup` into an empty data folder or database",
    logs: true,
    load: async () => (await import("./restore.ts")).default,
  },
  {
    name: "share",
    summary: "Give someone a role on a document (DOCUMENT: id or exact title)",
    logs: true,
    load: async () => (await import("./share.ts")).default,
  },
  {
    name: "signin-link",
    summary: "Print a one-time sign-in link for an account",
    logs: true,
    load: async () => (await import("./signin-link.ts")).default,
  },
  {
    name: "sources",
    summary: "Add, edit, delete, list, import (CSL-JSON) and export the team's authorities",
    logs: true,
    load: async () => (await import("./sources.ts")).default,
  },
  {
    name: "token",
    summary: "Create, list or revoke API tokens for scripts",
    logs: true,
    load: async () => (await import("./token.ts")).default,
  },
  {
    name: "trash",
    summary: "List, restore or empty the documents in the trash",
    logs: true,
    load: async () => (await import("./trash.ts")).default,
  },
  {
    name: "unshare",
    summary: "Remove someone's access to a document",
    logs: true,
    load: async () => (await import("./unshare.ts")).default,
  },
  {
    name: "user",
    summary: "Add an account (prints a one-time sign-in link) or list accounts",
    logs: true,
    load: async () => (await import("./user.ts")).default,
  },
];
