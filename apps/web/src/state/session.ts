import { type AnnotationAuth, annotationAuth, type Person } from "@glossa/annotations";
import type { AnnotationList, CollabSession } from "@glossa/collab";
import { type Capabilities, capabilities, type Role } from "@glossa/protocol";
import { Value } from "./value.ts";

/// What the editor's views share about the open document: the collaboration
/// session, its one annotation list, the person and their role. The role is
/// a value views subscribe to (it changes when an owner changes it while the
/// document is open); what the person may do with annotations is asked of
/// `auth`, the same `AnnotationAuth` rules the server applies.
export class EditorSession {
  /// The person's role on this document; null until read from the server.
  readonly role = new Value<Role | null>(null);
  private cached: AnnotationAuth | null = null;

  constructor(
    readonly documentId: string,
    readonly collab: CollabSession,
    readonly me: Person,
  ) {
    this.role.subscribe(() => {
      this.cached = null;
    });
  }

  /// The document's annotations (live, not deleted), shared by every panel.
  get annotations(): AnnotationList {
    return this.collab.annotationList;
  }

  /// The annotation rules for this person with their current role.
  get auth(): AnnotationAuth {
    this.cached ??= annotationAuth(this.role.get(), this.me);
    return this.cached;
  }

  /// What the current role allows on the document as a whole.
  get can(): Capabilities {
    return capabilities(this.role.get());
  }
}
