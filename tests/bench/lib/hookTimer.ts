/// Per-hook timing of a Hocuspocus server's extensions, for the keystroke
/// micro-benchmark: every hook method of every extension is wrapped with a
/// timer (the synchronous part of the call — the hooks' work before their
/// first `await`, which holds Glossa's synchronous SQLite reads and writes),
/// and so is every `update` listener an extension puts on a Y.Doc while one
/// of its hooks runs (PersistenceExtension, AuthorshipExtension,
/// LastEditExtension and the schema guard register theirs on the live
/// documents). Only the benchmark process is patched; Glossa's code is not.
import { Document, type Extension } from "@hocuspocus/server";
import * as Y from "yjs";
import { clock } from "./ipc.ts";

export const HOOKS = [
  "beforeHandleMessage",
  "beforeSync",
  "onChange",
  "afterHandleMessage",
  "onStateless",
  "beforeBroadcastStateless",
] as const;

export class HookTimer {
  /// Total ms and calls per "extension · hook".
  readonly totals = new Map<string, { ms: number; calls: number }>();
  private current: string | null = null;
  private readonly restore: (() => void)[] = [];

  add(key: string, ms: number): void {
    const t = this.totals.get(key) ?? { ms: 0, calls: 0 };
    t.ms += ms;
    t.calls += 1;
    this.totals.set(key, t);
  }

  reset(): void {
    this.totals.clear();
  }

  /// Times `fn`'s synchronous part under `key`.
  wrap<A extends unknown[], R>(key: string, fn: (...args: A) => R): (...args: A) => R {
    return (...args: A) => {
      const previous = this.current;
      this.current = key.split(" · ")[0]!;
      const t0 = clock();
      try {
        return fn(...args);
      } finally {
        this.add(key, clock() - t0);
        this.current = previous;
      }
    };
  }

  /// Wraps the hooks of each extension (by `extensionName`) and their
  /// documents' `update` listeners.
  instrument(extensions: Extension[]): void {
    for (const ext of extensions) {
      const name = ext.extensionName ?? "anonymous";
      const record = ext as unknown as Record<string, unknown>;
      for (const hook of [...HOOKS, "afterLoadDocument", "onLoadDocument"]) {
        const original = record[hook];
        if (typeof original !== "function") continue;
        record[hook] = this.wrap(`${name} · ${hook}`, (original as () => unknown).bind(ext));
      }
    }
    if (this.restore.length === 0) this.patchListeners();
  }

  /// `Y.Doc.on("update", fn)` called from a server source file F: fn is
  /// timed as "F · update listener" (the caller read from the stack, as
  /// some extensions register after an `await`). `off` finds the wrapped
  /// listener. Hocuspocus' own listener (its broadcast) is not wrapped.
  private patchListeners(): void {
    const proto = Y.Doc.prototype as unknown as {
      on(event: string, fn: (...args: unknown[]) => void): void;
      off(event: string, fn: (...args: unknown[]) => void): void;
    };
    const on = proto.on;
    const off = proto.off;
    const wrapped = new WeakMap<object, (...args: unknown[]) => void>();
    const timer = this;
    proto.on = function (this: unknown, event, fn) {
      // Only the server's live documents: reading a stack is slow, and the
      // clients' documents and the schema guard's scratch copy register
      // listeners often.
      const caller =
        event === "update" && this instanceof Document
          ? /apps\/server\/src\/(?:[\w/]+\/)?(\w+)\.ts/.exec(new Error().stack ?? "")?.[1]
          : undefined;
      if (!caller) return on.call(this, event, fn);
      const w = timer.wrap(`${caller} · update listener`, fn);
      wrapped.set(fn, w);
      return on.call(this, event, w);
    };
    proto.off = function (this: unknown, event, fn) {
      return off.call(this, event, wrapped.get(fn) ?? fn);
    };
    this.restore.push(() => {
      proto.on = on;
      proto.off = off;
    });
  }

  close(): void {
    for (const r of this.restore.splice(0)) r();
  }
}
