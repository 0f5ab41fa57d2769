import { CloseEvents } from "@glossa/protocol";
import { SLICE } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { liveText, type SecurityFixture, serverContent, startSecurityFixture } from "./fixture.ts";
import { frames, RawClient, textEdit } from "./rawClient.ts";

/// Issue 10: a large update held the event loop for seconds (99,000 empty
/// paragraphs: 2.6 s on the guard's copy and the live document together).
/// Updates of more than SLICE.structs structs are now checked and applied a
/// slice per turn of the event loop (`TextGuard.checkSliced`).

/// A paste of `n` paragraphs of text, some words bold, built on a synced copy.
function paste(copy: Y.Doc, n: number, last?: Y.XmlElement): Uint8Array {
  const sv = Y.encodeStateVector(copy);
  const ps: Y.XmlElement[] = [];
  for (let i = 0; i < n; i++) {
    const p = new Y.XmlElement("paragraph");
    const t = new Y.XmlText(`Paragraph ${i} of the pasted brief.`);
    p.insert(0, [t]);
    ps.push(p);
  }
  if (last) ps.push(last);
  copy.getXmlFragment("prosemirror").insert(0, ps);
  for (let i = 0; i < n; i += 10) (ps[i]!.get(0) as Y.XmlText).format(0, 9, { strong: {} });
  return Y.encodeStateAsUpdate(copy, sv);
}

describe("security: large updates in slices", () => {
  let f: SecurityFixture;
  let reader: RawClient;

  beforeAll(async () => {
    f = await startSecurityFixture();
    reader = await RawClient.open(f.server.wsUrl);
    await reader.auth(f.text, f.users.viewer.token);
    await reader.load(f.text);
  });
  afterAll(async () => {
    reader?.close();
    await f?.server.destroy();
  });

  /// Counts the live document's updates from connections, and the event-loop
  /// tasks (1 ms timer ticks) that ran while some but not all had been applied.
  function watch() {
    const live = f.server.glossa.server.hocuspocus.documents.get(f.text)!;
    const seen = { updates: 0, ticksBetween: 0, ticks: [] as number[] };
    const onUpdate = (_u: Uint8Array, origin: unknown) => {
      if ((origin as { connection?: object } | null)?.connection) seen.updates++;
    };
    live.on("update", onUpdate);
    const timer = setInterval(() => seen.ticks.push(seen.updates), 1);
    return {
      seen,
      stop(total: number) {
        clearInterval(timer);
        live.off("update", onUpdate);
        seen.ticksBetween = seen.ticks.filter((u) => u > 0 && u < total).length;
      },
    };
  }

  it("applies a legal paste of 5,000 paragraphs in slices, other tasks running between them, once, and acknowledges it", async () => {
    const c = await RawClient.open(f.server.wsUrl);
    await c.auth(f.text, f.users.editor.token);
    const copy = await c.load(f.text);
    const update = paste(copy, 5_000);
    const w = watch();
    const since = c.received.length;
    c.send(frames.update(f.text, update));
    // A keystroke right behind it waits for it, then is applied after it.
    c.send(frames.update(f.text, textEdit(copy, "after the paste ")));
    const statuses = () => c.of(f.text, "status", since);
    await c.waitFor((m) => m.kind === "status" && statuses().length >= 2, 60_000, since);
    const slices = Math.ceil((5_000 * 3 + 500) / SLICE.structs);
    w.stop(slices);
    expect(statuses().every((m) => (m as { ok: boolean }).ok)).toBe(true);
    expect(w.seen.updates).toBeGreaterThanOrEqual(slices);
    expect(w.seen.ticksBetween).toBeGreaterThan(0);
    expect(liveText(f.server, f.text)).toBe(copy.getXmlFragment("prosemirror").toString());
    expect(liveText(f.server, f.text)).toContain("Paragraph 4999 of the pasted brief.");
    c.close();
  });

  it("refuses a large paste whose last block breaks the schema, and applies none of it (InvalidChange)", async () => {
    const c = await RawClient.open(f.server.wsUrl);
    await c.auth(f.text, f.users.editor.token);
    const copy = await c.load(f.text);
    const bad = new Y.XmlElement("heading");
    bad.setAttribute("level", "x" as never);
    const update = paste(copy, 5_000, bad);
    const before = await serverContent(f.server, f.text);
    const w = watch();
    c.send(frames.update(f.text, update));
    const close = (await c.waitFor((m) => m.kind === "close", 60_000)) as { reason: string };
    w.stop(1);
    expect(close.reason).toBe(CloseEvents.InvalidChange.reason);
    expect(w.seen.updates).toBe(0);
    expect(await serverContent(f.server, f.text)).toBe(before);
    c.close();
  });

  it("reads no more of a socket while its large update is applied: 20 more pastes sent behind one wait in the kernel, not in the server", async () => {
    const c = await RawClient.open(f.server.wsUrl);
    // The owner: the editor's blocks budget went on the pastes above.
    await c.auth(f.text, f.users.owner.token);
    const copy = await c.load(f.text);
    const update = paste(copy, 5_000);
    const live = f.server.glossa.server.hocuspocus.documents.get(f.text)!;
    // Messages the server has received from sockets and not handled yet,
    // sampled at each slice the live document applies.
    let queued = 0;
    const onUpdate = () => {
      for (const conn of live.getConnections())
        queued = Math.max(
          queued,
          (conn as unknown as { messageQueue: unknown[] }).messageQueue.length,
        );
    };
    live.on("update", onUpdate);
    const since = c.received.length;
    for (let i = 0; i < 21; i++) c.send(frames.update(f.text, update));
    // The first is acknowledged; the socket is read again after it (the
    // others are then acknowledged or refused over the account's budget).
    await c.waitFor((m) => m.kind === "status", 60_000, since);
    await c.waitFor(
      (m) => m.kind === "close" || c.of(f.text, "status", since).length >= 2,
      60_000,
      since,
    );
    live.off("update", onUpdate);
    // Without the pause: all 21 (4 MB) were received while the first was applied.
    expect(queued).toBeGreaterThan(0);
    expect(queued).toBeLessThanOrEqual(3);
    expect(liveText(f.server, f.text)).toContain("Paragraph 4999 of the pasted brief.");
    c.close();
  });
});
