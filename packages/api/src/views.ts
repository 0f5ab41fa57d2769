import { z } from "zod";

/// Response bodies of the annotation, version, sharing, session and
/// authority endpoints: what the server sends (the OpenAPI test validates
/// real answers against them) and what the web app reads (`z.infer`). Objects
/// are open: a field added later does not break an older client.

const Iso = z.string().meta({ description: "ISO 8601 time" });
const Role = z.enum(["owner", "editor", "annotator", "viewer"]);
export const PersonRef = z.object({ id: z.string(), name: z.string() });
const Resolution = z.object({ by: PersonRef, at: Iso });

export const Message = z.object({
  id: z.string(),
  author: PersonRef,
  body: z.string(),
  createdAt: Iso,
  editedAt: Iso.optional(),
  mentions: z.array(z.string()),
});

export const SourceLink = z.object({
  id: z.string(),
  key: z.string(),
  pinpoint: z.string().nullable(),
  relation: z.enum(["supports", "contradicts", "cites", "defines"]),
});

export const AuditEntry = z.object({
  id: z.string(),
  who: PersonRef.nullable(),
  action: z.string(),
  at: Iso,
  detail: z.string(),
});

/// An annotation as stored (no anchor): inside versions.
export const StoredAnnotation = z.object({
  id: z.string(),
  kind: z.string(),
  tags: z.array(z.string()),
  author: PersonRef,
  createdAt: Iso,
  status: z.string().nullable().meta({ description: "Claim status; null for other kinds" }),
  resolved: Resolution.nullable(),
  messages: z.array(Message),
  links: z.array(SourceLink),
  selector: z.object({
    quote: z.object({ exact: z.string(), prefix: z.string(), suffix: z.string() }),
    position: z.object({ start: z.number().int(), end: z.number().int() }),
  }),
  detached: z.object({ at: Iso, reason: z.string() }).nullable(),
  deleted: Resolution.nullable(),
  audit: z.array(AuditEntry),
});

/// An annotation with where its mark is now.
export const Annotation = StoredAnnotation.extend({
  anchor: z.object({
    status: z.enum(["attached", "detached", "moved-suspicious"]),
    text: z.string(),
    ranges: z.array(z.object({ from: z.number().int(), to: z.number().int() })),
    remnant: z.boolean(),
    block: z.number().int().nullable(),
    paragraph: z.number().int().nullable(),
  }),
});
export const AnnotationPage = z.object({
  annotations: z.array(Annotation),
  next: z.string().nullable().meta({ description: "Cursor of the next page; null at the end" }),
});
export const ReplyCreated = z.object({ annotationId: z.string(), message: Message });
export const LinkCreated = z.object({
  annotationId: z.string(),
  link: SourceLink,
  authority: z.looseObject({ known: z.boolean(), key: z.string() }),
  status: z.string().nullable(),
});
export const AuditLog = z.object({
  entries: z.array(
    z.object({
      at: Iso,
      annotationId: z.string(),
      kind: z.string(),
      quote: z.string(),
      action: z.string(),
      who: PersonRef.nullable(),
      detail: z.string(),
      entryId: z.string(),
    }),
  ),
});

export const Version = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["named", "auto", "restore"]),
  createdAt: Iso,
  createdBy: PersonRef.nullable(),
  restoredFrom: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export const VersionList = z.object({ versions: z.array(Version), canManage: z.boolean() });
export const VersionDocument = z.object({
  version: Version,
  doc: z.unknown().meta({ description: "ProseMirror JSON" }),
  text: z.string(),
  /// As they were at the version: where each mark was then, not where it is now.
  annotations: z.array(
    StoredAnnotation.extend({
      anchor: z.looseObject({ status: z.string(), text: z.string() }),
    }),
  ),
});
const TextChange = z.discriminatedUnion("op", [
  z.object({ op: z.literal("equal"), text: z.string() }),
  z.object({ op: z.literal("insert"), text: z.string(), author: PersonRef.nullable() }),
  z.object({ op: z.literal("delete"), text: z.string() }),
]);
export const AnnotationChange = z.object({
  type: z.enum([
    "added",
    "removed",
    "resolved",
    "reopened",
    "replied",
    "detached",
    "reattached",
    "status",
  ]),
  annotation: z.object({
    id: z.string(),
    kind: z.string(),
    quote: z.string(),
    body: z.string().nullable(),
    author: PersonRef,
  }),
  by: PersonRef.nullable(),
  at: Iso.nullable(),
  detail: z.string().optional(),
});
export const Comparison = z.object({
  from: Version.nullable(),
  to: Version.nullable(),
  text: z.object({
    changes: z.array(TextChange),
    inserted: z.number().int(),
    deleted: z.number().int(),
    authors: z.array(
      z.object({ id: z.string().nullable(), name: z.string(), inserted: z.number().int() }),
    ),
    blocks: z.array(z.string()),
  }),
  annotations: z.array(AnnotationChange),
  notes: z.array(z.string()),
});

export const ToaEntry = z.object({
  key: z.string(),
  label: z.string(),
  alsoCitedAs: z.array(z.string()),
  display: z.string(),
  caseName: z.string().optional(),
  paragraphs: z.array(z.number().int()),
  passim: z.boolean(),
  refs: z.string(),
  url: z.string().optional(),
  known: z.boolean(),
});
export const TableOfAuthorities = z.object({
  title: z.string(),
  document: z.object({ id: z.string(), title: z.string() }),
  passimAfter: z.number().int(),
  groups: z.array(z.object({ id: z.string(), heading: z.string(), entries: z.array(ToaEntry) })),
  omitted: z.array(z.object({ from: z.string(), key: z.string(), reason: z.string() })),
});

export const Invite = z.object({
  id: z.string(),
  role: Role,
  email: z.string().nullable(),
  createdAt: Iso,
  expiresAt: Iso.nullable(),
  uses: z.number().int(),
  maxUses: z.number().int().nullable(),
  active: z.boolean(),
});
export const InviteCreated = z.object({
  invite: Invite,
  path: z.string().meta({ description: "The link's path; its code is shown only here" }),
});
export const Share = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: Role,
  expiresAt: Iso.nullable(),
});
export const ShareList = z.object({
  shares: z.array(Share.extend({ grantedAt: Iso, you: z.boolean() })),
  invites: z.array(Invite),
});
export const ShareGiven = z.object({ invited: z.literal(false), share: Share });
export const ShareInvited = InviteCreated.extend({ invited: z.literal(true) });

export const Session = z.object({
  id: z.string(),
  createdAt: Iso,
  lastSeenAt: Iso,
  expiresAt: Iso,
  userAgent: z.string(),
  current: z.boolean(),
});
export const SessionList = z.object({ sessions: z.array(Session) });
export const Account = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  admin: z.boolean(),
  hasPassword: z.boolean(),
});
export const UserList = z.object({ users: z.array(Account.extend({ createdAt: Iso })) });

const Authority = z.looseObject({
  key: z.string(),
  kind: z.string(),
  title: z.string(),
  canonical: z.string(),
  origin: z.enum(["builtin", "team"]),
});
export const SourceSearch = z.object({ query: z.string().optional(), results: z.array(Authority) });
export const SourceDetail = z.looseObject({ authority: Authority });
export const CitationList = z.object({
  paragraphs: z.number().int(),
  citations: z.array(
    z.looseObject({
      block: z.number().int(),
      paragraph: z.number().int().nullable(),
      start: z.number().int(),
      end: z.number().int(),
      kind: z.string(),
      text: z.string(),
      key: z.string().nullable(),
    }),
  ),
});
export const Review = z.object({
  items: z.array(z.looseObject({})),
  summary: z.object({
    claimsWithoutSource: z.number().int(),
    unknownAuthorities: z.number().int(),
    quotationMismatches: z.number().int(),
    quotationsUnchecked: z.number().int(),
    quotationsChecked: z.number().int(),
  }),
});

export type VersionBody = z.infer<typeof Version>;
export type VersionDocumentBody = z.infer<typeof VersionDocument>;
export type ComparisonBody = z.infer<typeof Comparison>;
export type TableOfAuthoritiesBody = z.infer<typeof TableOfAuthorities>;
export type ToaEntryBody = z.infer<typeof ToaEntry>;
