import { CollabSession } from "@glossa/collab";
import { documentName } from "@glossa/protocol";
import {
  foldStats,
  SEARCH_TEXT_PART,
  SEARCH_TEXT_STEP,
  type SqliteStore,
  searchTextStats,
  textReads,
} from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { letterDoc } from "../bench/lib/letter.ts";
import { eventually, startTestServer, type TestServer } from "../utils/server.ts";

/// Work of the search-text refresh: Yjs items walked, characters folded and
/// characters joined into the parts sent to the store.
const work = () => ({
  items: textReads.items,
  chars: foldStats.chars,
  joined: searchTextStats.joined,
  blocks: searchTextStats.blocks,
});
type Work = ReturnType<typeof work>;

/// The most work done in one turn of the event loop while `run` lasts: a
/// check-phase callback re-queued every turn samples the counters, so each
/// difference is what one turn (timers, I/O, immediates) did.
async function perTurn(run: () => Promise<void>): Promise<{ max: Work; total: Work }> {
  const start = work();
  let last = start;
  const max: Work = { items: 0, chars: 0, joined: 0, blocks: 0 };
  const keys = Object.keys(max) as (keyof Work)[];
  let going = true;
  const tick = () => {
    const now = work();
    for (const k of keys) max[k] = Math.max(max[k], now[k] - last[k]);
    last = now;
    if (going) setImmediate(tick);
  };
  setImmediate(tick);
  await run();
  going = false;
  await new Promise((r) => setImmediate(r));
  tick();
  const end = work();
  const total = { ...end };
  for (const k of keys) total[k] = end[k] - start[k];
  return { max, total };
}

/// Issue 16: typing in the letter ×214 (~1 MB) held the server's event loop
/// 0.1–0.3 s every 3 s — the search-text refresh read, folded and sent the
/// whole text in one step. Counted, not timed: characters folded and Yjs
/// items read per refresh and per turn of the event loop.
describe("the search-text refresh of a large document", () => {
  let server: TestServer;
  let id: string;
  let session: CollabSession;
  const texts = (doc: Y.Doc): Y.XmlText[] =>
    (doc.getXmlFragment("prosemirror").toArray() as Y.XmlElement[])
      .filter((b) => b.get(0) instanceof Y.XmlText)
      .map((b) => b.get(0) as Y.XmlText);
  const stored = () =>
    (server.glossa.store as SqliteStore).db
      .prepare("SELECT text, folded FROM document_text WHERE document_id = ?")
      .get(id) as { text: string; folded: string };

  beforeAll(async () => {
    server = await startTestServer();
    const g = server.glossa;
    const owner = (await g.store.listUsers())[0]!;
    const letter = letterDoc(214);
    id = (await g.documents.create(letter.title, letter.doc, owner.id)).id;
    session = new CollabSession({
      url: server.wsUrl,
      documentId: id,
      token: () => server.ownerToken,
      user: { id: "writer", name: "writer", color: "#000000" },
      WebSocketPolyfill: WebSocket,
    });
    await eventually(() => expect(session.text.isSynced).toBe(true), 120_000);
  }, 300_000);
  afterAll(async () => {
    session?.destroy();
    await server?.destroy();
  });

  /// Types `s` at the start of the `n`th text and waits until the search text holds it.
  const typeAndRefresh = (n: number, s: string) =>
    perTurn(async () => {
      texts(session.ydoc)[n]!.insert(0, s);
      await eventually(() => expect(stored().text).toContain(`${s}`), 30_000);
    });

  it("reads the whole text first in steps, then only the text typed into", async () => {
    const live = server.glossa.server.hocuspocus.documents.get(documentName(id))!;
    const all = texts(live);
    const longest = Math.max(...all.map((t) => t.length));
    const size = all.reduce((n, t) => n + t.length, 0);
    expect(size).toBeGreaterThan(900_000);
    // The first refresh of the loaded document folds it whole, once, but in
    // steps (before: ~1,000,000 characters in one turn of the event loop).
    const first = await typeAndRefresh(3, "Qfirstmark");
    expect(first.total.chars).toBeGreaterThanOrEqual(size);
    expect(first.max.chars).toBeLessThanOrEqual(SEARCH_TEXT_STEP.chars + longest);
    // Joined in parts, a few per turn, never the whole text in one (before: twice 1,000,000).
    const part = SEARCH_TEXT_PART + longest;
    expect(first.max.joined).toBeLessThanOrEqual(SEARCH_TEXT_STEP.chars + 2 * part);
    expect(first.max.items).toBeLessThanOrEqual(SEARCH_TEXT_STEP.items + 2 * longest);
    // The blocks walked in steps too (5,000 of them).
    expect(first.total.blocks).toBeGreaterThan(4 * SEARCH_TEXT_STEP.blocks);
    expect(first.max.blocks).toBeLessThanOrEqual(SEARCH_TEXT_STEP.blocks);
    const { text, folded } = stored();
    expect(folded.length).toBe(text.length);
    expect(folded).toContain("qfirstmark");
    // A keystroke later: the text typed into, read and folded again (before: the whole document).
    const next = await typeAndRefresh(7, "Zsecond");
    const typedInto = texts(live)[7]!;
    expect(next.total.chars).toBeLessThanOrEqual(typedInto.length);
    expect(next.total.chars).toBeGreaterThan(0);
    // Its part joined again, not the whole text (text and folded: 2 characters each).
    expect(next.total.joined).toBeLessThanOrEqual(2 * 2 * part);
    expect(next.total.blocks).toBe(0);
    expect(stored().folded).toContain("zsecond");
    expect(stored().folded).toContain("qfirstmark");
    expect(stored().text.length).toBe(text.length + "Zsecond".length);
  }, 120_000);
});
