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
const AuthorityUrl = z.object({
  url: z.string(),
  label: z.string(),
  official: z.boolean().optional(),
  lang: z.string().optional(),
});
/// Who added a team authority and who last edited it.
const Provenance = {
  addedBy: PersonRef.optional(),
  addedAt: Iso.optional(),
  editedBy: PersonRef.optional(),
  editedAt: Iso.optional(),
};
/// The search ranks of packages/sources `SEARCH_TIERS` (tests/api/requests.test.ts holds them equal).
export const SOURCE_SEARCH_TIERS = ["citation", "name", "partial", "words"] as const;
export const SourceSearch = z.object({
  query: z.string().optional(),
  total: z.number().int().optional().meta({ description: "Without a query: all authorities" }),
  offset: z.number().int().optional(),
  results: z.array(
    Authority.extend({
      jurisdiction: z.string(),
      date: z.string().optional(),
      caseName: z.string().optional(),
      urls: z.array(AuthorityUrl),
      hasText: z.boolean(),
      ...Provenance,
      score: z.number().optional(),
      tier: z.enum(SOURCE_SEARCH_TIERS).optional(),
      matched: z.array(z.string()).optional().meta({ description: "What the query matched" }),
      pinpoint: z.array(z.string()).optional(),
      cite: z.string().optional().meta({ description: "The citation with the pinpoint" }),
    }),
  ),
});
/// An authority whole (packages/sources `Authority`; its text a tree).
const FullAuthority = Authority.extend({
  jurisdiction: z.string(),
  urls: z.array(AuthorityUrl),
  sources: z.array(
    z.object({
      about: z.string(),
      source: z.string(),
      mark: z.enum(["verified", "recollection", "concordance", "team"]),
      note: z.string().optional(),
    }),
  ),
});
/// A team authority as written (POST, PATCH), with who added and edited it.
export const AuthorityWritten = z.object({ authority: FullAuthority, ...Provenance });
export const SourceDetail = AuthorityWritten.extend({
  mayChange: z
    .boolean()
    .optional()
    .meta({ description: "A team authority: whether the caller may edit and delete it" }),
  deleted: z
    .object({ by: PersonRef, at: Iso })
    .optional()
    .meta({ description: "A deleted team authority: links to it still read" }),
  resolution: z.object({
    requested: z.string(),
    key: z.string(),
    via: z.enum(["exact", "equivalent", "parent"]),
    pinpoint: z.array(z.string()),
    canonical: z.string(),
    ina: z.string().optional(),
    urls: z.array(AuthorityUrl),
  }),
  text: z
    .string()
    .nullable()
    .meta({ description: "The authority's text, when the catalog has it" }),
  location: z
    .object({
      start: z.number().int(),
      end: z.number().int(),
      path: z.array(z.string()),
      found: z.array(z.string()),
      exact: z.boolean(),
      text: z.string(),
    })
    .nullable()
    .meta({ description: "Where the pinpoint is in `text`" }),
});
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
/// Where a review finding is: its block, ¶, positions and offsets.
const Place = {
  block: z.number().int(),
  paragraph: z.number().int().nullable(),
  from: z.number().int(),
  to: z.number().int(),
  start: z.number().int(),
  end: z.number().int(),
};
/// The same, null when the claim's words are gone (detached).
const NullablePlace = Object.fromEntries(
  Object.entries(Place).map(([k, v]) => [k, v.nullable()]),
) as { [K in keyof typeof Place]: z.ZodNullable<(typeof Place)[K]> };
export const ReviewItem = z.discriminatedUnion("check", [
  z.object({
    check: z.literal("claim-without-source"),
    message: z.string(),
    annotationId: z.string(),
    quote: z.string(),
    detached: z.boolean(),
    ...NullablePlace,
  }),
  z.object({
    check: z.literal("unknown-authority"),
    message: z.string(),
    citation: z.object({
      text: z.string(),
      key: z.string(),
      canonical: z.string(),
      kind: z.string(),
    }),
    ...Place,
  }),
  z.object({
    check: z.literal("quotation-mismatch"),
    message: z.string(),
    quotation: z.string(),
    annotationIds: z.array(z.string()),
    checkedAgainst: z.array(
      z.object({ key: z.string(), pinpoint: z.string().nullable(), canonical: z.string() }),
    ),
    ...Place,
  }),
]);
export const Review = z.object({
  items: z.array(ReviewItem),
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
