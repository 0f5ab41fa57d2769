import { startGlossa } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";

/// `pnpm start`: starts the server and prints where to find it.
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Glossa cannot start: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const glossa = await startGlossa(config);
  const storage = glossa.store.kind === "sqlite" ? `SQLite in ${config.dataDir}` : "PostgreSQL";
  console.log(
    `Glossa is running at ${glossa.url}  (storage: ${storage}${config.redisUrl ? ", Redis" : ""})`,
  );
  if (glossa.signInLink) {
    console.log(
      `Open this one-time link to sign in as the owner and open the letter:\n\n  ${glossa.signInLink}\n`,
    );
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Received ${signal}; saving and stopping…`);
    // Every accepted change is already in the journal; do not hang forever.
    setTimeout(() => {
      console.error("Glossa did not stop within 10 s; exiting.");
      process.exit(1);
    }, 10_000).unref();
    await glossa.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err) => {
  console.error("Glossa stopped because of an error:", err);
  process.exit(1);
});
