import { loadConfig } from "../config.ts";
import { restoreStore } from "../storage/backup.ts";
import { openVersionStore } from "../versions/VersionStore.ts";
import type { Command } from "./command.ts";
import { describeBackup, humanBytes, parseArgs, runCommand, UsageError } from "./common.ts";
import { progressReporter } from "./progress.ts";

const USAGE = "restore FILE";

/// `glossa restore FILE`: puts a backup into an empty store. Never
/// overwrites: a store holding documents or accounts, or in use by a
/// running server, is refused and left as it is.
const restore: Command = {
  name: "restore",
  summary: "Restore a backup made by `glossa backup` into an empty data folder or database",
  usage: `${USAGE}

Checks FILE, then restores it into DATA_DIR (which must hold no Glossa data) or
into the empty PostgreSQL database at DATABASE_URL. Nothing is ever overwritten:
restore into a new folder or database, then start the server on it.`,
  run: (args, io) =>
    runCommand("restore", USAGE, io, async () => {
      const { positional } = parseArgs(args, []);
      if (positional.length !== 1) throw new UsageError("give exactly one backup FILE.");
      const config = loadConfig(process.env);
      io.stderr.write(`Checking ${positional[0]} and restoring it…\n`);
      const progress = progressReporter(io.stderr, "restore");
      let info: Awaited<ReturnType<typeof restoreStore>>;
      try {
        info = await restoreStore({
          file: positional[0]!,
          dataDir: config.dataDir,
          databaseUrl: config.databaseUrl,
          // The version tables, with their keys and indexes, before rows go in.
          prepare: async (store) => {
            await openVersionStore(store).listVersions("");
          },
          onProgress: progress.onProgress,
        });
      } finally {
        progress.stop();
      }
      const from = info.source === "postgres" ? "PostgreSQL" : "SQLite";
      io.stdout.write(
        `Restored ${info.file} (${humanBytes(info.bytes)}, taken ${info.createdAt} from ${from}) into ${info.target}: ${describeBackup(info.tables)}.\n` +
          "Start the server on it; people sign in with their usual passwords.\n",
      );
      return 0;
    }),
};

export default restore;
