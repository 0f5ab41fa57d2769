import type { Extension, Hocuspocus } from "@hocuspocus/server";
import { expect } from "vitest";

/// Real hooks put into a running server's list of extensions, holding one
/// document's unload or load at a chosen point until released: two copies of
/// a document (one unloading, one loading) made to overlap deterministically.

export interface Gate {
  /// The gated hook was reached (the old copy's unload, or the new copy's load).
  held: Promise<void>;
  release(): void;
  /// Every `afterUnloadDocument` hook of the old copy has run.
  finished: Promise<void>;
  remove(): void;
}

/// Holds the first unload of `name` between Hocuspocus removing the document
/// (`documents.delete`, `destroy()`) and the `afterUnloadDocument` hooks of
/// the extensions from `before` on, until released — what a slow earlier hook
/// does (LastEditExtension's flush awaits store writes before
/// PersistenceExtension's hook runs). A real hook in the real server's list.
export function holdUnload(hp: Hocuspocus, name: string, before: string | null): Gate {
  const list = hp.configuration.extensions as Extension[];
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let enter!: () => void;
  const held = new Promise<void>((r) => (enter = r));
  let finish!: () => void;
  const finished = new Promise<void>((r) => (finish = r));
  let state: "waiting" | "held" | "done" = "waiting";
  const gate = {
    extensionName: "test-unload-gate",
    async afterUnloadDocument({ documentName }: { documentName: string }) {
      if (documentName !== name || state !== "waiting") return;
      state = "held";
      enter();
      await released;
    },
  } as Extension;
  const end = {
    extensionName: "test-unload-end",
    async afterUnloadDocument({ documentName }: { documentName: string }) {
      if (documentName !== name || state !== "held") return;
      state = "done";
      finish();
    },
  } as Extension;
  const at = before === null ? 0 : list.findIndex((e) => e.extensionName === before);
  expect(at).toBeGreaterThanOrEqual(0);
  list.splice(at, 0, gate);
  list.push(end);
  return {
    held,
    release,
    finished,
    remove: () => {
      for (const e of [gate, end]) if (list.includes(e)) list.splice(list.indexOf(e), 1);
    },
  };
}

/// Holds the first load of `name` after every `afterLoadDocument` hook
/// (Redis' subscription among them) and before Hocuspocus lists the document
/// as loaded, until released.
export function holdLoad(hp: Hocuspocus, name: string): Omit<Gate, "finished"> {
  const list = hp.configuration.extensions as Extension[];
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let enter!: () => void;
  const held = new Promise<void>((r) => (enter = r));
  let used = false;
  const gate = {
    extensionName: "test-load-gate",
    async afterLoadDocument({ documentName }: { documentName: string }) {
      if (documentName !== name || used) return;
      used = true;
      enter();
      await released;
    },
  } as Extension;
  list.push(gate);
  return {
    held,
    release,
    remove: () => {
      if (list.includes(gate)) list.splice(list.indexOf(gate), 1);
    },
  };
}

/// Holds the first load of `name` inside `onLoadDocument`, after every other
/// extension's (the stored parts applied), while Hocuspocus still counts the
/// document as loading, until released: a client may leave or join meanwhile.
export function holdLoading(hp: Hocuspocus, name: string): Omit<Gate, "finished"> {
  const list = hp.configuration.extensions as Extension[];
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let enter!: () => void;
  const held = new Promise<void>((r) => (enter = r));
  let used = false;
  const gate = {
    extensionName: "test-loading-gate",
    async onLoadDocument({ documentName }: { documentName: string }) {
      if (documentName !== name || used) return;
      used = true;
      enter();
      await released;
    },
  } as Extension;
  list.push(gate);
  return {
    held,
    release,
    remove: () => {
      if (list.includes(gate)) list.splice(list.indexOf(gate), 1);
    },
  };
}
