import { loadConfig } from "../config.ts";
import { backupStore } from "../storage/backup.ts";
import type { Command } from "./command.ts";
import { describeBackup, humanBytes, parseArgs, runCommand, UsageError } from "./common.ts";
import { progressReporter } from "./progress.ts";

const USAGE = "backup FILE [--force]";

/// `glossa backup FILE`: a consistent copy of everything the server stores,
/// taken while it runs and people edit (see storage/backup.ts).
const backup: Command = {
  name: "backup",
  summary: "Write a consistent backup of all documents, accounts and versions to FILE",
  usage: `${USAGE}

Copies the store the server uses (DATA_DIR or DATABASE_URL) into one file, also
while the server runs: every change saved before the backup started is in it.
--force replaces FILE if it exists. Restore with \`glossa restore FILE\`.`,
  run: (args, io) =>
    runCommand("backup", USAGE, io, async () => {
      const { positional, flags } = parseArgs(args, [], ["force"]);
      const force = flags.has("force");
      if (positional.length !== 1) throw new UsageError("give exactly one FILE to write.");
      const config = loadConfig(process.env);
      const from = config.databaseUrl ? "the PostgreSQL database" : `${config.dataDir}`;
      io.stderr.write(`Backing up ${from} to ${positional[0]}…\n`);
      const progress = progressReporter(io.stderr, "backup");
      const started = Date.now();
      let info: Awaited<ReturnType<typeof backupStore>>;
      try {
        info = await backupStore({
          dataDir: config.dataDir,
          databaseUrl: config.databaseUrl,
          file: positional[0]!,
          force,
          onProgress: progress.onProgress,
        });
      } finally {
        progress.stop();
      }
      io.stdout.write(
        `Backup written to ${info.file}: ${describeBackup(info.tables)}; ${humanBytes(info.bytes)} in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
      );
      return 0;
    }),
};

export default backup;
