import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { CollabSession } from "@glossa/collab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { call } from "../api/helpers.ts";
import { ARTIFACTS } from "../utils/browser.ts";
import { eventually, startTestServer, type TestServer, type TestUser } from "../utils/server.ts";
import {
  all,
  bodyParagraphs,
  documentText,
  paragraphText,
  readDocx,
  trackedChanges,
  W,
} from "./docx.ts";
import { connect, createDatabase, deleteWords, typeBefore } from "./helpers.ts";

const run = promisify(execFile);
/// LibreOffice (Debian's `libreoffice-writer-nogui`; `.ci/run` installs it).
const SOFFICE = process.env.SOFFICE_PATH ?? "soffice";

const ELI_WORDS = "Eli drafted this sentence. ";
const RITA_PARAGRAPH = "Rita added this whole paragraph of her own.";
const DROPPED = "We recommend that Mexico immediately end";

/// Index of the top-level block whose text starts with `start`.
function blockIndex(fragment: Y.XmlFragment, start: string): number {
  return fragment.toArray().findIndex((el) => {
    if (!(el instanceof Y.XmlElement)) return false;
    const t = el.toArray()[0];
    return (
      t instanceof Y.XmlText &&
      t
        .toString()
        .replace(/<[^>]+>/g, "")
        .startsWith(start)
    );
  });
}

/// A redline of two versions between which two editors changed the text
/// through real collaborator connections, read back from the .docx zip.
describe.each(["sqlite", "postgres"] as const)(
  "DOCX redline: Word tracked changes between two versions (%s)",
  (backend) => {
    let dropDb: (() => Promise<void>) | null = null;
    let server: TestServer;
    let eli: TestUser;
    let rita: TestUser;
    let ana: TestUser;
    let doc: string;
    let eliSession: CollabSession;
    let ritaSession: CollabSession;
    let from: string;
    let to: string;
    const api = (path: string) => `/api/documents/${doc}${path}`;

    beforeAll(async () => {
      let env: Record<string, string> = {};
      if (backend === "postgres") {
        const db = await createDatabase();
        dropDb = db.drop;
        env = { DATABASE_URL: db.url };
      }
      server = await startTestServer({ env });
      doc = server.letterId;
      eli = await server.addUser("Eli Editor", { role: "editor" });
      rita = await server.addUser("Rita Reviser", { role: "editor" });
      ana = await server.addUser("Ana Annotator", { role: "annotator" });
      eliSession = connect(server, eli, doc);
      ritaSession = connect(server, rita, doc);
      await eventually(() =>
        expect(eliSession.text.isSynced && ritaSession.text.isSynced).toBe(true),
      );

      const saved = await call(server, server.ownerToken, "POST", api("/versions"), {
        name: "As received",
      });
      expect(saved.status).toBe(201);
      from = saved.json.id;

      // Eli: a sentence typed, and a whole paragraph deleted.
      typeBefore(eliSession, "Mexico has historically", ELI_WORDS);
      eliSession.ydoc.transact(() =>
        eliSession.fragment.delete(blockIndex(eliSession.fragment, DROPPED), 1),
      );
      // Rita: one word replaced, and a new paragraph after the salutation.
      await eventually(() => expect(blockIndex(ritaSession.fragment, DROPPED)).toBe(-1));
      deleteWords(ritaSession, "historically");
      typeBefore(ritaSession, " held itself out", "long");
      ritaSession.ydoc.transact(() => {
        const p = new Y.XmlElement("paragraph");
        p.insert(0, [new Y.XmlText(RITA_PARAGRAPH)]);
        ritaSession.fragment.insert(blockIndex(ritaSession.fragment, "Dear President") + 1, [p]);
      });
      // Ana comments on Rita's words; the owner replies; a claim links its sources.
      await eventually(async () => {
        const c = await call(server, ana.token, "GET", api("/content"));
        expect(c.json.text).toContain(RITA_PARAGRAPH);
        expect(c.json.text).toContain(`${ELI_WORDS}Mexico has long held`);
      });
      const comment = await call(server, ana.token, "POST", api("/annotations"), {
        exact: "whole paragraph of her own",
        kind: "comment",
        body: "Is this <b>needed</b>?",
      });
      expect(comment.status).toBe(201);
      const reply = await call(
        server,
        server.ownerToken,
        "POST",
        api(`/annotations/${comment.json.id}/replies`),
        { body: "Yes — keep it." },
      );
      expect(reply.status).toBe(201);
      const claim = await call(server, ana.token, "POST", api("/annotations"), {
        exact: "complementary protection",
        kind: "claim",
        body: "Cite the statute and the treaty.",
      });
      expect(claim.status).toBe(201);
      for (const link of [
        { key: "usc/8/1158", pinpoint: "(a)", relation: "supports" },
        { key: "treaty/refugee-convention-1951/art-33", pinpoint: "1", relation: "supports" },
      ]) {
        const r = await call(
          server,
          ana.token,
          "POST",
          api(`/annotations/${claim.json.id}/links`),
          link,
        );
        expect(r.status).toBe(201);
      }
      // Authorship rows may land a moment after the text (PostgreSQL): wait
      // until the comparison names both inserters and the redline every deleter.
      await eventually(async () => {
        const r = await call(server, ana.token, "GET", api(`/compare?from=${from}&to=current`));
        expect(r.json.text.authors.map((a: { name: string }) => a.name).sort()).toEqual([
          "Eli Editor",
          "Rita Reviser",
        ]);
        const x = await call(server, ana.token, "GET", api(`/export?format=docx&from=${from}`));
        const authors = trackedChanges(readDocx(x.bytes).document).map((c) => c.author);
        expect(authors).not.toContain("Unknown author");
      });
      const second = await call(server, rita.token, "POST", api("/versions"), { name: "Revised" });
      expect(second.status).toBe(201);
      to = second.json.id;
    });
    afterAll(async () => {
      eliSession?.destroy();
      ritaSession?.destroy();
      await server?.destroy();
      await dropDb?.();
    });

    it("writes well-formed tracked changes, each with its author and date, in WordprocessingML order", async () => {
      const r = await call(
        server,
        ana.token,
        "GET",
        api(`/export?format=docx&from=${from}&to=${to}&numbers=0&footer=0`),
      );
      expect(r.status).toBe(200);
      expect(r.headers.get("content-disposition")).toMatch(
        /redline-As-received-to-Revised\.docx"$/,
      );
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(`${ARTIFACTS}/redline-${backend}.docx`, r.bytes);
      const { document, files } = readDocx(r.bytes);
      const changes = trackedChanges(document);
      const revised = (await call(server, ana.token, "GET", api(`/versions/${to}`))).json.version;
      for (const c of changes) expect(c.date).toBe(revised.createdAt.replace(/\.\d+Z$/, "Z"));

      const text = (type: "ins" | "del", author: string) =>
        changes
          .filter((c) => c.type === type && c.author === author && c.text !== "¶")
          .map((c) => c.text)
          .join("");
      expect(text("ins", "Eli Editor")).toBe(ELI_WORDS);
      // In document order: her paragraph (cut where Ana's comment starts and ends), then her word.
      expect(text("ins", "Rita Reviser")).toBe(`${RITA_PARAGRAPH}long`);
      // Deletions are named after who deleted: Rita's word, Eli's paragraph.
      expect(text("del", "Rita Reviser")).toBe("historically");
      expect(text("del", "Eli Editor")).toContain(DROPPED);
      expect(changes.filter((c) => c.author === "Unknown author")).toEqual([]);
      // Rita's paragraph is new: the paragraph mark before it is an insertion of hers.
      expect(changes.filter((c) => c.text === "¶")).toEqual([
        expect.objectContaining({ type: "ins", author: "Rita Reviser" }),
        expect.objectContaining({ type: "del", author: "Eli Editor" }),
      ]);
      // Word keeps tracking changes made to the file afterwards.
      expect(files.get("word/settings.xml")!.toString("utf8")).toContain("<w:trackRevisions/>");
    });

    it("accepting every change gives the newer version, rejecting every change the older one", async () => {
      const r = await call(
        server,
        ana.token,
        "GET",
        api(`/export?format=docx&from=${from}&to=${to}&numbers=0&footer=0`),
      );
      const paragraphs = bodyParagraphs(readDocx(r.bytes).document);
      const older = (await call(server, ana.token, "GET", api(`/versions/${from}`))).json.text;
      const newer = (await call(server, ana.token, "GET", api(`/versions/${to}`))).json.text;
      expect(documentText(paragraphs, true)).toBe(newer);
      expect(documentText(paragraphs, false)).toBe(older);
    });

    it("keeps the annotations as Word comments over their words, with replies, and prints pinpoints as the app does", async () => {
      const r = await call(server, ana.token, "GET", api(`/export?format=docx&from=${from}`));
      expect(r.status).toBe(200);
      const { files, comments } = readDocx(r.bytes);
      const authors = all(comments!, "comment").map((c) => c.getAttributeNS(W, "author"));
      expect(authors).toHaveLength(3);
      expect(authors.filter((a) => a === "Ana Annotator")).toHaveLength(2);
      const commentText = all(comments!, "t")
        .map((t) => t.textContent)
        .join(" ");
      expect(commentText).toContain("Is this <b>needed</b>?");
      expect(commentText).toContain("Yes — keep it.");
      expect(commentText).toContain("Source: 8 U.S.C. § 1158(a) (supports)");
      expect(commentText).toContain(
        "Source: Convention Relating to the Status of Refugees art. 33(1), July 28, 1951, 189 U.N.T.S. 150 (supports)",
      );
      expect(commentText).not.toContain("1158, (a)");
      // The comment over Rita's inserted words covers exactly them.
      const xml = files.get("word/document.xml")!.toString("utf8");
      const m = /<w:commentRangeStart w:id="(\d+)"\/>(.*?)<w:commentRangeEnd w:id="\1"\/>/s.exec(
        xml.slice(xml.indexOf("Rita added")),
      );
      expect(m).not.toBeNull();
      expect([...m![2]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((x) => x[1]).join("")).toBe(
        "whole paragraph of her own",
      );
    });

    it("numbers paragraphs as the table of authorities does", async () => {
      const r = await call(server, ana.token, "GET", api(`/export?format=docx&from=${from}`));
      const paragraphs = bodyParagraphs(readDocx(r.bytes).document);
      const numbered = new Map<number, string>();
      for (const p of paragraphs) {
        const text = paragraphText(p, true);
        const n = /^¶ (\d+)/.exec(text);
        if (n) numbered.set(Number(n[1]), text);
      }
      expect([...numbered.keys()]).toEqual(Array.from({ length: numbered.size }, (_, i) => i + 1));
      const cites = (await call(server, ana.token, "GET", api("/citations"))).json;
      expect(numbered.size).toBe(cites.paragraphs);
      for (const c of cites.citations as { paragraph: number | null; text: string }[])
        if (c.paragraph !== null) expect(numbered.get(c.paragraph), c.text).toContain(c.text);
      const toa = (await call(server, ana.token, "GET", api("/authorities"))).json;
      const statutes = toa.groups.find((g: { id: string }) => g.id === "statutes");
      const s1158 = statutes.entries.find(
        (e: { label: string }) => e.label === "8 U.S.C. § 1158(a)",
      );
      expect(s1158).toBeDefined();
      for (const n of s1158.paragraphs as number[])
        expect(numbered.get(n)).toContain("complementary protection");
      // Rita's new paragraph is ¶ 1 now: it comes first in the body.
      expect(numbered.get(1)).toContain(RITA_PARAGRAPH);
      // A paragraph that only the older version had has no number.
      for (const text of numbered.values()) expect(text).not.toContain(DROPPED);
    });

    it("opens in LibreOffice, which lists every change with its author", async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-redline-"));
      try {
        const r = await call(
          server,
          ana.token,
          "GET",
          api(`/export?format=docx&from=${from}&to=${to}`),
        );
        writeFileSync(path.join(dir, "redline.docx"), r.bytes);
        // A throwaway profile: soffice refuses to run beside another instance's profile.
        await run(SOFFICE, [
          "--headless",
          `-env:UserInstallation=file://${dir}/profile`,
          "--convert-to",
          "fodt",
          "--outdir",
          dir,
          path.join(dir, "redline.docx"),
        ]);
        const fodt = readFileSync(path.join(dir, "redline.fodt"), "utf8");
        const regions = [
          ...fodt.matchAll(
            /<text:(insertion|deletion)>\s*<office:change-info>\s*<dc:creator>([^<]*)<\/dc:creator>/g,
          ),
        ].map((m) => `${m[1]} by ${m[2]}`);
        expect(new Set(regions)).toEqual(
          new Set([
            "insertion by Eli Editor",
            "insertion by Rita Reviser",
            "deletion by Rita Reviser",
            "deletion by Eli Editor",
          ]),
        );
        expect(fodt).toContain("Rita added this");
        expect(fodt).toContain("whole paragraph of her own");
        expect(fodt).toContain("<office:annotation");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);

    it("refuses what it cannot do, in words", async () => {
      const bad = async (q: string, status: number, message: RegExp) => {
        const r = await call(server, ana.token, "GET", api(`/export?${q}`));
        expect(r.status, q).toBe(status);
        expect(r.json.error.message, q).toMatch(message);
      };
      await bad(`format=html&from=${from}`, 400, /Word tracked changes/);
      await bad(`format=docx&to=${to}`, 400, /needs "from"/);
      await bad(`format=docx&from=${from}&version=${to}`, 400, /not both/);
      await bad("format=docx&from=nosuchversion", 404, /no version/);
      await bad("format=docx&highlight=pink", 400, /"highlight" must be/);
      await bad("format=docx&footer=maybe", 400, /"footer" must be 1/);
      const stranger = await server.addUser("Stan Stranger");
      expect(
        (await call(server, stranger.token, "GET", api(`/export?format=docx&from=${from}`))).status,
      ).toBe(404);
    });
  },
);
