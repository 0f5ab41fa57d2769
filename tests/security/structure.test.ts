import { CloseEvents, documentName } from "@glossa/protocol";
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { eventually } from "../utils/server.ts";
import {
  http,
  liveText,
  type SecurityFixture,
  serverContent,
  startSecurityFixture,
} from "./fixture.ts";
import { frames, RawClient, textEdit } from "./rawClient.ts";

/// Builds an update on a synced copy: `mutate` changes the copy (its
/// `prosemirror` root not yet typed, so the attacker may read it as any type).
function forge(copy: Y.Doc, mutate: (doc: Y.Doc) => void): Uint8Array {
  const sv = Y.encodeStateVector(copy);
  mutate(copy);
  return Y.encodeStateAsUpdate(copy, sv);
}

const firstParagraph = (doc: Y.Doc): Y.XmlElement =>
  doc
    .getXmlFragment("prosemirror")
    .toArray()
    .find((n) => n instanceof Y.XmlElement && n.nodeName === "paragraph") as Y.XmlElement;

/// Updates that name only known things but have the wrong shape (issue 10,
/// item 3): each must be refused whole, with InvalidChange, and the document
/// must keep serving its content, exports and the editor.
const SHAPES: Record<string, (doc: Y.Doc) => void> = {
  "Y.Text where the fragment should be": (d) => d.getText("prosemirror").insert(0, "junk"),
  "Y.Array where the fragment should be": (d) => d.getArray("prosemirror").insert(0, [1, 2]),
  "Y.Map entries on the fragment": (d) => d.getMap("prosemirror").set("x", "y"),
  "an XmlText directly in the fragment": (d) =>
    d.getXmlFragment("prosemirror").insert(0, [new Y.XmlText("loose")]),
  "a Y.Map block": (d) => d.getXmlFragment("prosemirror").insert(0, [new Y.Map() as never]),
  "a paragraph inside a paragraph": (d) => {
    const inner = new Y.XmlElement("paragraph");
    inner.insert(0, [new Y.XmlText("nested")]);
    firstParagraph(d).insert(0, [inner]);
  },
  'a heading with level "x"': (d) => {
    const h = new Y.XmlElement("heading");
    h.setAttribute("level", "x");
    d.getXmlFragment("prosemirror").insert(1, [h]);
  },
  "an unknown attribute": (d) => firstParagraph(d).setAttribute("onclick", "alert(1)"),
  "a list item at the top level": (d) => {
    const li = new Y.XmlElement("list_item");
    li.insert(0, [new Y.XmlElement("paragraph")]);
    d.getXmlFragment("prosemirror").insert(0, [li]);
  },
  "an empty bullet list": (d) =>
    d.getXmlFragment("prosemirror").insert(0, [new Y.XmlElement("bullet_list")]),
  "an unknown mark": (d) => {
    const t = firstParagraph(d).get(0) as Y.XmlText;
    t.format(0, 3, { blink: {} });
  },
  "a link without href": (d) => {
    const t = firstParagraph(d).get(0) as Y.XmlText;
    t.format(0, 3, { link: { title: "t" } });
  },
  "an embed in text": (d) => (firstParagraph(d).get(0) as Y.XmlText).insertEmbed(0, { x: 1 }),
  "an unknown node": (d) => d.getXmlFragment("prosemirror").insert(0, [new Y.XmlElement("script")]),
  "a top-level type of another name": (d) => d.getMap("evil").set("a", 1),
  "deleting every block": (d) => {
    const f = d.getXmlFragment("prosemirror");
    f.delete(0, f.length);
  },
};

describe("security: structural schema guard", () => {
  let f: SecurityFixture;
  /// An honest reader keeping the document loaded throughout.
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

  async function expectServing(): Promise<void> {
    const content = await http(
      f.server,
      "GET",
      `/api/documents/${f.docId}/content`,
      f.users.owner.token,
    );
    expect(content.status).toBe(200);
    expect(String(content.body!.text)).toContain("Remain in Mexico");
    for (const format of ["html", "md", "docx"]) {
      const res = await fetch(`${f.server.url}/api/documents/${f.docId}/export?format=${format}`, {
        headers: { Authorization: `Bearer ${f.users.owner.token}` },
      });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
  }

  it("refuses a piece of text of length 0 (no client writes one; Yjs then throws on a later deletion there)", async () => {
    // Found by the guard fuzz (seed 128): a second XmlText in a paragraph
    // holding an empty string item, whose clock a GC struct then shares.
    const emptyPiece = (after: Y.ID): Uint8Array => {
      const client = 1_274_394_054;
      const e = encoding.createEncoder();
      for (const n of [1, 3, client, 0]) encoding.writeVarUint(e, n);
      encoding.writeUint8(e, 7 | 0x80); // ContentType after `after`, in its parent
      encoding.writeVarUint(e, after.client);
      encoding.writeVarUint(e, after.clock);
      encoding.writeVarUint(e, 6); // XmlText
      encoding.writeUint8(e, 4); // ContentString, parent the item above
      for (const n of [0, client, 0]) encoding.writeVarUint(e, n);
      encoding.writeVarString(e, "");
      encoding.writeUint8(e, 0); // GC of 40 clocks
      encoding.writeVarUint(e, 40);
      encoding.writeVarUint(e, 0); // no deletions
      return encoding.toUint8Array(e);
    };
    const textOf = (d: Y.Doc) => (firstParagraph(d).get(0) as Y.XmlText)._item!.id;
    // What such an update does where Yjs applies it unguarded.
    const bare = new Y.Doc();
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("words")]);
    bare.getXmlFragment("prosemirror").insert(0, [p]);
    Y.applyUpdate(bare, emptyPiece(textOf(bare)));
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(bare));
    expect(() => reloaded.getXmlFragment("prosemirror").delete(0, 1)).toThrow();

    const c = await RawClient.open(f.server.wsUrl);
    expect((await c.auth(f.text, f.users.editor.token)).ok).toBe(true);
    const copy = await c.load(f.text);
    const before = await serverContent(f.server, f.text);
    c.send(frames.update(f.text, emptyPiece(textOf(copy))));
    const close = (await c.waitFor((m) => m.kind === "close", 3000)) as { reason: string };
    expect(close.reason).toBe(CloseEvents.InvalidChange.reason);
    expect(await serverContent(f.server, f.text)).toBe(before);
    await expectServing();
    c.close();
  });

  for (const [name, mutate] of Object.entries(SHAPES)) {
    it(`refuses ${name} from an editor, applying nothing`, async () => {
      const c = await RawClient.open(f.server.wsUrl);
      expect((await c.auth(f.text, f.users.editor.token)).ok).toBe(true);
      const copy = await c.load(f.text);
      const before = await serverContent(f.server, f.text);
      const textBefore = liveText(f.server, f.text);
      c.send(frames.update(f.text, forge(copy, mutate)));
      const close = (await c.waitFor((m) => m.kind === "close", 3000)) as { reason: string };
      expect(close.reason).toBe(CloseEvents.InvalidChange.reason);
      expect(await serverContent(f.server, f.text)).toBe(before);
      expect(liveText(f.server, f.text)).toBe(textBefore);
      await expectServing();
      c.close();
    });
  }

  it("accepts honest edits before and after refusals, from the same and other people", async () => {
    const honest = await RawClient.open(f.server.wsUrl);
    await honest.auth(f.text, f.users.owner.token);
    const mine = await honest.load(f.text);
    honest.send(frames.update(f.text, textEdit(mine, "[honest 1]")));
    await eventually(() => expect(liveText(f.server, f.text)).toContain("[honest 1]"));

    // An attacker is refused; the honest author's copy stays in step.
    const evil = await RawClient.open(f.server.wsUrl);
    await evil.auth(f.text, f.users.editor.token);
    const copy = await evil.load(f.text);
    evil.send(frames.update(f.text, forge(copy, SHAPES["a paragraph inside a paragraph"]!)));
    await evil.waitFor((m) => m.kind === "close", 3000);

    honest.send(frames.update(f.text, textEdit(mine, "[honest 2]")));
    // A new block, a heading with a valid level, bold text: all accepted.
    const sv = Y.encodeStateVector(mine);
    const h = new Y.XmlElement("heading");
    h.setAttribute("level", 3 as never);
    h.insert(0, [new Y.XmlText("Part two")]);
    mine.getXmlFragment("prosemirror").insert(1, [h]);
    (firstParagraph(mine).get(0) as Y.XmlText).format(0, 4, { strong: {} });
    honest.send(frames.update(f.text, Y.encodeStateAsUpdate(mine, sv)));
    await eventually(() => {
      expect(liveText(f.server, f.text)).toContain("[honest 2]");
      expect(liveText(f.server, f.text)).toContain("Part two");
    });
    expect(honest.isOpen).toBe(true);
    expect(honest.of(f.text, "close")).toEqual([]);
    await expectServing();
    honest.close();
    evil.close();
  });

  it("refuses writes to the annotations document from every role", async () => {
    for (const who of ["owner", "editor"] as const) {
      const c = await RawClient.open(f.server.wsUrl);
      await c.auth(f.annotations, f.users[who].token);
      const copy = await c.load(f.annotations);
      const before = await serverContent(f.server, f.annotations);
      const since = c.received.length;
      c.send(
        frames.update(
          f.annotations,
          forge(copy, (d) => d.getMap("annotations").set("x", 1)),
        ),
      );
      const status = (await c.waitFor((m) => m.kind === "status", 3000, since)) as { ok: boolean };
      expect(status.ok).toBe(false);
      expect(await serverContent(f.server, f.annotations)).toBe(before);
      c.close();
    }
  });

  it("quarantines a stored document whose text is broken, and serves it to no one", async () => {
    const created = await http(f.server, "POST", "/api/documents", f.users.owner.token, {
      title: "Damaged",
      text: "Some text.",
    });
    const id = created.body!.id as string;
    // Damage as an older server could have stored it: a paragraph in a paragraph.
    const broken = new Y.Doc();
    const start = await f.server.glossa.store.loadParts(documentName(id));
    for (const p of start) Y.applyUpdate(broken, p);
    const sv = Y.encodeStateVector(broken);
    const p = broken.getXmlFragment("prosemirror").get(0) as Y.XmlElement;
    p.insert(0, [new Y.XmlElement("paragraph")]);
    await f.server.glossa.store.appendUpdate(documentName(id), Y.encodeStateAsUpdate(broken, sv));
    const stored = await serverContent(f.server, documentName(id));

    const c = await RawClient.open(f.server.wsUrl);
    // Authentication passes; loading the document is then refused.
    await c.auth(documentName(id), f.users.owner.token);
    const denied = (await c.waitFor((m) => m.kind === "denied", 3000)) as { reason: string };
    expect(denied.reason).toBe(CloseEvents.Quarantined.reason);
    const res = await http(f.server, "GET", `/api/documents/${id}/content`, f.users.owner.token);
    expect(res.status).toBe(423);
    expect((res.body!.error as { message: string }).message).toBe(CloseEvents.Quarantined.reason);
    // Nothing was repaired away: the stored bytes are as they were.
    expect(await serverContent(f.server, documentName(id))).toBe(stored);
    expect(f.server.glossa.server.hocuspocus.documents.has(documentName(id))).toBe(false);
    c.close();
  });
});

describe("security: document size limits", () => {
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

  /// Each returns the update an attacker sends (built on a synced copy).
  const attacks: Record<string, (d: Y.Doc) => Uint8Array> = {
    "120,000 empty paragraphs in one change": (d) =>
      forge(d, (x) =>
        x.getXmlFragment("prosemirror").insert(
          1,
          Array.from({ length: 120_000 }, () => new Y.XmlElement("paragraph")),
        ),
      ),
    "a delete set of 150,000 ranges": (d) => {
      // An update of deletions only, written by hand (Yjs update v1: no
      // structs, then one client's delete set of single-clock ranges).
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, d.clientID);
      encoding.writeVarUint(e, 150_000);
      for (let i = 0; i < 150_000; i++) {
        encoding.writeVarUint(e, i * 2);
        encoding.writeVarUint(e, 1);
      }
      return encoding.toUint8Array(e);
    },
  };

  for (const [name, build] of Object.entries(attacks)) {
    it(`refuses ${name} before applying it (MessageTooLarge)`, async () => {
      const c = await RawClient.open(f.server.wsUrl);
      await c.auth(f.text, f.users.editor.token);
      const copy = await c.load(f.text);
      const update = build(copy);
      expect(update.length).toBeLessThan(4 * 1024 * 1024); // under the frame limit
      const before = await serverContent(f.server, f.text);
      c.send(frames.update(f.text, update));
      const close = (await c.waitFor((m) => m.kind === "close", 30_000)) as { reason: string };
      expect(close.reason).toBe(CloseEvents.MessageTooLarge.reason);
      expect(await serverContent(f.server, f.text)).toBe(before);
      c.close();
    });
  }

  // Hocuspocus answers a read-only client's update with SyncStatus after
  // decoding it whole; an oversized one is refused on its bytes first.
  it("refuses 120,000 empty paragraphs from a viewer too, before decoding them (MessageTooLarge)", async () => {
    const c = await RawClient.open(f.server.wsUrl);
    await c.auth(f.text, f.users.viewer.token);
    const copy = await c.load(f.text);
    const update = attacks["120,000 empty paragraphs in one change"]!(copy);
    const before = await serverContent(f.server, f.text);
    c.send(frames.syncStep2(f.text, update));
    const close = (await c.waitFor((m) => m.kind === "close", 30_000)) as { reason: string };
    expect(close.reason).toBe(CloseEvents.MessageTooLarge.reason);
    expect(await serverContent(f.server, f.text)).toBe(before);
    c.close();
  });
});
