import { parseDocumentName } from "@glossa/protocol";
import { schema } from "@glossa/schema";
import type { beforeSyncPayload, Extension } from "@hocuspocus/server";
import * as Y from "yjs";
import { TEXT_FIELD } from "../ydoc.ts";

const SYNC_STEP_1 = 0;

/// Why an update was refused; thrown from hooks, it closes the connection
/// with this code and reason.
export class UpdateRejected extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const MARK_ID = /^[A-Za-z0-9_-]{1,64}$/;

/// Checks a Yjs update against the document schema without applying it:
/// it must decode, write only under the `prosemirror` fragment, and name only
/// nodes and marks the schema knows. y-prosemirror deletes — for everyone —
/// content a client cannot build, so unknown names must never get in.
export function validateTextUpdate(update: Uint8Array): void {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    throw new UpdateRejected(4400, "A change could not be read and was refused.");
  }
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (typeof struct.parent === "string" && struct.parent !== TEXT_FIELD) {
      throw new UpdateRejected(
        4400,
        "A change touched data outside the document text and was refused.",
      );
    }
    const content = struct.content;
    if (content instanceof Y.ContentType) {
      const type = content.type;
      if (type instanceof Y.XmlElement) {
        if (!schema.nodes[type.nodeName] || type.nodeName === "doc" || type.nodeName === "text") {
          throw new UpdateRejected(
            4400,
            `A change used an unknown kind of block (${type.nodeName.slice(0, 40)}) and was refused.`,
          );
        }
      } else if (!(type instanceof Y.XmlText)) {
        throw new UpdateRejected(4400, "A change used an unsupported data type and was refused.");
      }
    } else if (content instanceof Y.ContentFormat) {
      const name = content.key.replace(/--[A-Za-z0-9+/=]+$/, "");
      if (!schema.marks[name]) {
        throw new UpdateRejected(
          4400,
          `A change used an unknown formatting mark (${name.slice(0, 40)}) and was refused.`,
        );
      }
      if (name === "annotation" && content.value !== null) {
        const id = (content.value as { id?: unknown })?.id;
        if (typeof id !== "string" || !MARK_ID.test(id)) {
          throw new UpdateRejected(
            4400,
            "A change carried a malformed annotation anchor and was refused.",
          );
        }
      }
    }
  }
}

/// Refuses text updates that do not fit the schema (DESIGN §9). Annotation
/// documents need no check here: clients are read-only on them.
export class SchemaGuardExtension implements Extension {
  extensionName = "glossa-schema-guard";

  async beforeSync({ type, payload, documentName }: beforeSyncPayload): Promise<void> {
    if (type === SYNC_STEP_1) return;
    if (parseDocumentName(documentName)?.part !== "text") return;
    validateTextUpdate(payload);
  }
}
