import { type ChildProcess, fork, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { GLIBC_TUNABLES, NODE_FLAGS } from "@glossa/server/runtime";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/// A client process speaking to the server through the real provider.
export interface ClientProcess {
  insert(block: number, offset: number, text: string): Promise<void>;
  blocks(): Promise<string[]>;
  state(): Promise<{
    status: string;
    pending: number;
    synced: boolean;
    readOnly: boolean;
    message: string | null;
  }>;
  close(): Promise<void>;
  child: ChildProcess;
}

export async function spawnClient(
  wsUrl: string,
  documentId: string,
  token: string,
  name: string,
): Promise<ClientProcess> {
  const child = fork(
    fileURLToPath(new URL("./clientProcess.ts", import.meta.url)),
    [wsUrl, documentId, token, name],
    {
      execArgv: ["--import", "tsx"],
      cwd: ROOT,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  let next = 1;
  const waiting = new Map<number, (v: unknown) => void>();
  const ready = new Promise<void>((resolve, reject) => {
    child.once("error", reject);
    child.on("message", (m: { id: number; value: unknown }) => {
      if (m.id === 0) resolve();
      waiting.get(m.id)?.(m.value);
      waiting.delete(m.id);
    });
  });
  await ready;
  const call = <T>(cmd: Record<string, unknown>) =>
    new Promise<T>((resolve) => {
      const id = next++;
      waiting.set(id, resolve as (v: unknown) => void);
      child.send({ ...cmd, id });
    });
  return {
    child,
    insert: (block, offset, text) => call({ op: "insert", block, offset, text }),
    blocks: () => call({ op: "text" }),
    state: () => call({ op: "state" }),
    close: async () => {
      if (child.exitCode === null)
        await Promise.race([call({ op: "close" }), new Promise((r) => setTimeout(r, 2000))]);
      child.kill();
    },
  };
}

/// The Glossa server as a separate process (`tsx apps/server/src/main.ts`),
/// so tests can kill it without warning.
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: string[];
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const args = [...NODE_FLAGS, "--import", "tsx", "apps/server/src/main.ts"];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    // The start line is logged at info (GLOSSA_QUIET alone would hide it);
    // the allocator settings and V8 flags of `pnpm start` (runtime.ts).
    env: { ...process.env, GLIBC_TUNABLES, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start:\n${output.join("")}`)),
      // A ceiling, not an expectation: a loaded 2-core machine has taken > 30 s to compile and start.
      120_000,
    );
    const onData = (d: Buffer) => {
      output.push(d.toString());
      const m = /Glossa is running at (https?:\/\/[^\s"]+)/.exec(output.join(""));
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (d: Buffer) => output.push(d.toString()));
    child.once("exit", (code) =>
      reject(new Error(`server exited with ${code}:\n${output.join("")}`)),
    );
  });
  return {
    url,
    child,
    output,
    kill: (signal = "SIGKILL") =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}
