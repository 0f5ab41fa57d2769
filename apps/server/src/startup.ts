/// Why Glossa could not start, in one sentence for the person starting it
/// (`main.ts` prints it and exits with a non-zero code).
export class StartupError extends Error {}

const codeOf = (err: unknown): string => {
  const e = err as { code?: string; errors?: { code?: string }[] };
  return e?.code ?? e?.errors?.[0]?.code ?? "";
};

/// `host:port/database` of a PostgreSQL URL, for messages (never the password).
function databaseAddress(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

/// Explains a failure to open the store, or returns null when it is not one
/// we recognise (the caller then reports the error as it is).
export function explainStoreError(
  err: unknown,
  opts: { databaseUrl: string | null; dataDir: string },
): string | null {
  const code = codeOf(err);
  const message = (err as Error)?.message ?? String(err);
  if (opts.databaseUrl) {
    const where = `the PostgreSQL database at ${databaseAddress(opts.databaseUrl)}`;
    if (code === "ECONNREFUSED")
      return `${where} refuses connections — is PostgreSQL running? Check DATABASE_URL.`;
    if (code === "ENOTFOUND" || code === "EAI_AGAIN")
      return `the PostgreSQL host in DATABASE_URL (${databaseAddress(opts.databaseUrl)}) is unknown.`;
    if (code === "ETIMEDOUT" || /timeout/i.test(message))
      return `${where} does not answer (timed out). Check DATABASE_URL and the network.`;
    if (code === "28P01" || code === "28000")
      return `${where} refused the user name or password in DATABASE_URL.`;
    if (code === "3D000")
      return `${where} does not exist. Create it (createdb) or correct DATABASE_URL.`;
    if (code === "42501")
      return `the user in DATABASE_URL may not create Glossa's tables in ${where}.`;
    if (/SSL|TLS|certificate/i.test(message))
      return `the TLS connection to ${where} failed (${message}). Check DATABASE_URL.`;
    return null;
  }
  if (
    code === "EACCES" ||
    code === "EROFS" ||
    code === "SQLITE_CANTOPEN" ||
    code === "SQLITE_READONLY"
  )
    return `the data folder ${opts.dataDir} cannot be written (${code}). Set DATA_DIR to a folder Glossa may write.`;
  if (code === "SQLITE_BUSY")
    return `the database in ${opts.dataDir} is locked by another program.`;
  if (code === "SQLITE_CORRUPT" || code === "SQLITE_NOTADB")
    return `${opts.dataDir}/glossa.sqlite is damaged or not a Glossa database; restore it from a backup.`;
  return null;
}

/// Explains a failure to listen on HOST:PORT.
export function explainListenError(err: unknown, host: string, port: number): string | null {
  switch (codeOf(err)) {
    case "EADDRINUSE":
      return `Port ${port} is already in use — is Glossa already running? Set PORT to choose another.`;
    case "EACCES":
      return `Glossa may not listen on port ${port} (ports below 1024 need special rights). Set PORT to choose another.`;
    case "EADDRNOTAVAIL":
      return `This machine has no address ${host}. Set HOST to one of its addresses, or 0.0.0.0.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `The HOST ${host} is not a known address of this machine.`;
    default:
      return null;
  }
}
