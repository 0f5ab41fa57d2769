import { createRequire } from "node:module";
import pino, { type DestinationStream, type Logger } from "pino";
import type Pretty from "pino-pretty";

/// `pino-pretty`, loaded only when logs go to a person (a server logging JSON
/// never holds it); synchronous, as the logger is made at import.
const loadPretty = (): typeof Pretty => createRequire(import.meta.url)("pino-pretty");

/// Levels accepted in LOG_LEVEL, most to least severe.
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/// The level used when LOG_LEVEL is not set: `info`, or `error` for
/// GLOSSA_QUIET=1 (tests).
export function defaultLogLevel(env: NodeJS.ProcessEnv): LogLevel {
  const wanted = env.LOG_LEVEL as LogLevel | undefined;
  if (wanted && LOG_LEVELS.includes(wanted)) return wanted;
  return env.GLOSSA_QUIET === "1" ? "error" : "info";
}

/// True when log lines are meant for a person at a terminal (LOG_FORMAT
/// `pretty`, or stdout is a terminal and LOG_FORMAT is not `json`).
export function prettyLogs(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.LOG_FORMAT === "pretty" || (env.LOG_FORMAT !== "json" && !!process.stdout.isTTY);
}

/// Where log lines go: stdout (fd 1) for the server, stderr (fd 2) for the
/// command line, whose stdout is its output.
function open(fd: 1 | 2): DestinationStream {
  if (prettyLogs())
    return loadPretty()({
      colorize: true,
      translateTime: "SYS:HH:MM:ss",
      // The start lines say these in words already.
      ignore: "pid,hostname,url,storage,redis,signInLink",
      destination: fd,
      sync: true,
    }) as unknown as DestinationStream;
  return pino.destination({ dest: fd, sync: true });
}

let destination = open(1);

function createLogger(): Logger {
  const env = process.env;
  const sink: DestinationStream = { write: (line: string) => destination.write(line) };
  if (prettyLogs(env)) return pino({ level: defaultLogLevel(env) }, sink);
  // One JSON object per line: time (ISO), level (by name), msg and fields;
  // synchronous writes so the last lines before an exit are kept.
  return pino(
    {
      level: defaultLogLevel(env),
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    sink,
  );
}

/// The server's logger (pino). Messages are short sentences; details go in
/// fields (`doc`, `user`, `err`, …). Never log tokens, passwords or bodies.
export const log: Logger = createLogger();

/// Sets the level of every later line (`startGlossa` applies the configured one).
export function setLogLevel(level: LogLevel): void {
  log.level = level;
}

/// Sends log lines to stderr from now on (the `glossa` command line).
export function logToStderr(): void {
  destination = open(2);
}
