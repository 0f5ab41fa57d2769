/// Streams a command reads and writes; tests pass their own.
export interface CommandIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/// A `glossa` sub-command: receives its arguments (after the command name)
/// and returns the process exit code.
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CommandIO): Promise<number>;
}
