import { CollabSession } from "@glossa/collab";
import { schema } from "@glossa/schema";
import WebSocket from "ws";
import { yXmlFragmentToProseMirrorRootNode } from "y-prosemirror";
import * as Y from "yjs";
import type { TestServer, TestUser } from "../utils/server.ts";
import { createDatabase as createDatabaseFor } from "../utils/services.ts";

/// A fresh PostgreSQL database for one suite, and how to drop it.
export const createDatabase = () => createDatabaseFor("glossa_versions");

/// A live collaborator connected like the web app (without a DOM).
export function connect(server: TestServer, user: TestUser, documentId: string): CollabSession {
  return new CollabSession({
    url: server.wsUrl,
    documentId,
    token: () => user.token,
    user: { id: user.id, name: user.name, color: "#336699" },
    WebSocketPolyfill: WebSocket,
  });
}

/// The plain text a session holds now.
export function sessionText(session: CollabSession): string {
  return yXmlFragmentToProseMirrorRootNode(session.fragment, schema).textBetween(
    0,
    yXmlFragmentToProseMirrorRootNode(session.fragment, schema).content.size,
    "\n\n",
    "\n",
  );
}

/// Types `text` into the session's document just before the first
/// occurrence of `before` (inside one Y.XmlText), as an editor would.
export function typeBefore(session: CollabSession, before: string, text: string): void {
  const found = findText(session.fragment, before);
  if (!found) throw new Error(`"${before}" is not in the document`);
  session.ydoc.transact(() => found.node.insert(found.index, text));
}

/// Deletes the first occurrence of `words` (inside one Y.XmlText).
export function deleteWords(session: CollabSession, words: string): void {
  const found = findText(session.fragment, words);
  if (!found) throw new Error(`"${words}" is not in the document`);
  session.ydoc.transact(() => found.node.delete(found.index, words.length));
}

function findText(
  parent: Y.XmlFragment | Y.XmlElement,
  needle: string,
): { node: Y.XmlText; index: number } | null {
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      const s = child
        .toDelta()
        .map((d: { insert: unknown }) => (typeof d.insert === "string" ? d.insert : ""))
        .join("");
      const i = s.indexOf(needle);
      if (i >= 0) return { node: child, index: i };
    } else if (child instanceof Y.XmlElement) {
      const r = findText(child, needle);
      if (r) return r;
    }
  }
  return null;
}
