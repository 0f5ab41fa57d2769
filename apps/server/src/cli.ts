/// `pnpm --silent glossa <command>`: the command line of Glossa. Commands
/// work on the same DATA_DIR or DATABASE_URL as the server, also while it runs.
import { fileURLToPath } from "node:url";
import type { Command, CommandIO } from "./commands/command.ts";
import { commands as allCommands } from "./commands/index.ts";
import { logToStderr } from "./log.ts";

async function loadCommands(): Promise<Map<string, Command>> {
  return new Map(allCommands.map((c) => [c.name, c]));
}

function usage(commands: Map<string, Command>, io: CommandIO): void {
  io.stdout.write("Usage: glossa <command> [options]\n\nCommands:\n");
  for (const c of commands.values()) io.stdout.write(`  ${c.name.padEnd(12)} ${c.summary}\n`);
  io.stdout.write("\nRun `glossa <command> --help` for a command's options.\n");
}

export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const commands = await loadCommands();
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    usage(commands, io);
    return name ? 0 : 1;
  }
  const command = commands.get(name);
  if (!command) {
    io.stderr.write(`glossa: unknown command "${name}".\n`);
    usage(commands, io);
    return 1;
  }
  if (args.includes("--help") || args.includes("-h")) {
    const usage = command.usage.trimEnd();
    io.stdout.write(`${/^Usage:/.test(usage) ? usage : `Usage: glossa ${usage}`}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    io.stderr.write(`glossa ${name}: ${(err as Error).message}\n`);
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
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
