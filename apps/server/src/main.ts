import { startGlossa } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { log, prettyLogs } from "./log.ts";
import { StartupError } from "./startup.ts";

/// Why Glossa cannot start, as one line on stderr for the person starting it
/// (and as a `fatal` log line when logs are JSON); then exits with `code`.
function cannotStart(message: string, code: number): never {
  if (!prettyLogs()) log.fatal(message);
  process.stderr.write(`Glossa cannot start: ${message}\n`);
  process.exit(code);
}

/// `pnpm start` (`node apps/server/dist/main.js`): starts the server, says
/// where to find it, and stops gracefully on SIGTERM or SIGINT.
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) cannotStart(err.message, 2);
    throw err;
  }
  let glossa: Awaited<ReturnType<typeof startGlossa>>;
  try {
    glossa = await startGlossa(config);
  } catch (err) {
    if (err instanceof StartupError) cannotStart(err.message, 1);
    throw err;
  }
  const storage = glossa.store.kind === "sqlite" ? `SQLite in ${config.dataDir}` : "PostgreSQL";
  log.info(
    { url: glossa.url, storage: glossa.store.kind, redis: !!config.redisUrl },
    `Glossa is running at ${glossa.url}  (storage: ${storage}${config.redisUrl ? ", Redis" : ""})`,
  );
  if (glossa.signInLink) {
    log.info(
      { signInLink: glossa.signInLink },
      `Open this one-time link to sign in as the owner and open the letter: ${glossa.signInLink}`,
    );
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "saving and stopping");
    // Every accepted change is already in the journal; do not hang forever.
    setTimeout(() => {
      log.error("Glossa did not stop within 10 s; exiting");
      process.exit(1);
    }, 10_000).unref();
    await glossa.close();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err) => {
  log.fatal({ err }, "Glossa stopped because of an error");
  process.stderr.write(`Glossa stopped because of an error: ${(err as Error)?.message ?? err}\n`);
  process.exit(1);
});
