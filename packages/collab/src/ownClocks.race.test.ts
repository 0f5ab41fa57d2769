import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { OwnClocks } from "./ownClocks.ts";

/// A small seeded generator (mulberry32): the same interleavings every run.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Change = { key: string; value: string | null };

/// The browser's `localStorage` as two tabs see it: each tab reads and
/// writes its own copy at once (a renderer's cache), and a write reaches
/// the other tab (with its `storage` event) only later, in order, at a
/// moment the test's generator picks. What a tab reads, changes and writes
/// back may therefore miss the other tab's write in between.
class TabStorages {
  readonly views: Map<string, string>[] = [];
  private readonly queues: Change[][] = [];

  constructor(
    tabs: number,
    private readonly onDeliver: (tab: number, change: Change) => void,
  ) {
    for (let i = 0; i < tabs; i++) {
      this.views.push(new Map());
      this.queues.push([]);
    }
  }

  /// `localStorage` for `tab`'s code.
  storage(tab: number) {
    const view = this.views[tab]!;
    const send = (change: Change) => {
      this.queues.forEach((q, i) => {
        if (i !== tab) q.push(change);
      });
    };
    return {
      getItem: (k: string) => view.get(k) ?? null,
      setItem: (k: string, v: string) => {
        view.set(k, v);
        send({ key: k, value: v });
      },
      removeItem: (k: string) => {
        view.delete(k);
        send({ key: k, value: null });
      },
      key: (i: number) => [...view.keys()][i] ?? null,
      get length() {
        return view.size;
      },
    };
  }

  /// Delivers the oldest write waiting for `tab`; false when none waits.
  deliver(tab: number): boolean {
    const change = this.queues[tab]!.shift();
    if (!change) return false;
    if (change.value === null) this.views[tab]!.delete(change.key);
    else this.views[tab]!.set(change.key, change.value);
    this.onDeliver(tab, change);
    return true;
  }

  settle(): void {
    while (this.queues.some((_, i) => this.deliver(i)));
  }
}

/// Runs `fn` as code of `tab`: `localStorage` is that tab's.
function asTab<T>(s: TabStorages, tab: number, fn: () => T): T {
  (globalThis as { localStorage?: unknown }).localStorage = s.storage(tab);
  return fn();
}

describe("OwnClocks, two tabs writing the record at the same instant", () => {
  it("keeps every tab's changes whatever the interleaving (seeded, randomized)", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const pages: OwnClocks[] = [];
      const storages = new TabStorages(2, (tab, change) =>
        asTab(storages, tab, () => pages[tab]?.refresh(change.key, change.value)),
      );
      pages.push(asTab(storages, 0, () => new OwnClocks("k", 101)));
      pages.push(asTab(storages, 1, () => new OwnClocks("k", 202)));
      const clocks = [0, 0];
      for (let step = 0; step < 40; step++) {
        const tab = next() < 0.5 ? 0 : 1;
        const r = next();
        if (r < 0.55) {
          clocks[tab]! += 1 + Math.floor(next() * 5);
          asTab(storages, tab, () => pages[tab]!.wrote(clocks[tab]!));
        } else storages.deliver(next() < 0.5 ? 0 : 1);
      }
      storages.settle();
      // Both tabs closed before the server heard of anything: a page opened
      // later in either tab's storage counts every change of both.
      for (const tab of [0, 1]) {
        const later = asTab(storages, tab, () => new OwnClocks("k", 303));
        const pending = asTab(storages, tab, () => later.pending(new Y.Doc()));
        expect({ seed, tab, pending }).toEqual({ seed, tab, pending: clocks[0]! + clocks[1]! });
      }
    }
  });

  it("keeps every tab's deletions, and two later pages taking over one closed page's key both have them (seeded)", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const pages: OwnClocks[] = [];
      const storages = new TabStorages(2, (tab, change) =>
        asTab(storages, tab, () => pages[tab]?.refresh(change.key, change.value)),
      );
      pages.push(asTab(storages, 0, () => new OwnClocks("k", 101)));
      pages.push(asTab(storages, 1, () => new OwnClocks("k", 202)));
      const deleted: string[][] = [[], []];
      for (let step = 0; step < 40; step++) {
        const tab = next() < 0.5 ? 0 : 1;
        if (next() < 0.5) {
          deleted[tab]!.push(`${tab}-${step}`);
          asTab(storages, tab, () => pages[tab]!.setDeletions([...deleted[tab]!]));
        } else storages.deliver(next() < 0.5 ? 0 : 1);
      }
      storages.settle();
      // Both closed; a page opens in each tab's storage and takes the keys
      // over at the same instant, each before hearing of the other's.
      pages.splice(0, 2);
      for (const tab of [0, 1])
        pages[tab] = asTab(storages, tab, () => new OwnClocks("k", 303 + tab));
      const taken = [0, 1].map((tab) =>
        asTab(storages, tab, () => {
          pages[tab]!.setLive(new Set([303, 304]));
          return (pages[tab]!.adopt() ?? []).sort();
        }),
      );
      storages.settle();
      const all = [...deleted[0]!, ...deleted[1]!].sort();
      expect({ seed, taken }).toEqual({ seed, taken: [all, all] });
      // Each later page now keeps them in its own key.
      for (const tab of [0, 1]) {
        const view = storages.views[tab]!;
        for (const [client, t] of [
          [303, 0],
          [304, 1],
        ] as const)
          expect(JSON.parse(view.get(`k#${client}`)!).deletions.sort()).toEqual(taken[t]);
        expect(view.has("k#101") || view.has("k#202")).toBe(false);
      }
    }
  });
});
