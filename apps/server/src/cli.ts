/// `pnpm --silent glossa <command>`: the command line of Glossa. Commands
/// work on the same DATA_DIR or DATABASE_URL as the server, also while it runs.
///
/// Exit codes: 0 done, 1 refused or failed, 2 wrong usage (unknown command or
/// option, missing argument). `--help` works for every command, `--version`
/// prints the server's version; a closed pipe (`glossa … | head -1`) ends the
/// process quietly.
import { fileURLToPath } from "node:url";
import { VERSION } from "./app.ts";
import type { Command, CommandIO } from "./commands/command.ts";
import { commands as allCommands } from "./commands/index.ts";
import { logToStderr } from "./log.ts";

const commands: ReadonlyMap<string, Command> = new Map(allCommands.map((c) => [c.name, c]));

function usage(out: NodeJS.WritableStream): void {
  out.write("Usage: glossa <command> [options]\n\nCommands:\n");
  for (const c of commands.values()) out.write(`  ${c.name.padEnd(12)} ${c.summary}\n`);
  out.write(
    "\nOptions:\n  --help, -h   this list, or a command's options (`glossa <command> --help`)\n" +
      "  --version    the version of Glossa\n",
  );
}

const HELP = new Set(["--help", "-h"]);

export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...args] = argv;
  if (name === "--version" || name === "-V") {
    io.stdout.write(`glossa ${VERSION}\n`);
    return 0;
  }
  if (name === undefined || HELP.has(name) || name === "help") {
    // Asked for: the answer, on stdout. Not asked for: a usage error.
    usage(name ? io.stdout : io.stderr);
    return name ? 0 : 2;
  }
  const command = commands.get(name);
  if (!command) {
    io.stderr.write(`glossa: unknown ${name.startsWith("-") ? "option" : "command"} "${name}".\n`);
    usage(io.stderr);
    return 2;
  }
  // Before `--`, a help flag anywhere asks for the command's usage.
  const end = args.indexOf("--");
  if ((end === -1 ? args : args.slice(0, end)).some((a) => HELP.has(a))) {
    const text = command.usage.trimEnd();
    io.stdout.write(`${/^Usage:/.test(text) ? text : `Usage: glossa ${text}`}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    io.stderr.write(`glossa ${name}: ${(err as Error).message}\n`);
    return 1;
  }
}

/// A reader that went away (`| head -1`) is not an error: stop, quietly.
function exitOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  exitOnClosedPipe(process.stdout);
  exitOnClosedPipe(process.stderr);
  // Standard output is the command's answer; log lines go to stderr.
  logToStderr();
  runCli(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  }).then((code) => {
    process.exitCode = code;
  });
}
