import { z } from "zod";

/// Request bodies of the account, sharing, invitation, annotation and
/// authority endpoints. The schema layer (apps/server/src/http/http.ts
/// `validateBody`) checks them before the handler runs and answers 400 with
/// the first problem; a message that is a whole sentence (ends in ".") is
/// sent as it is, so the sentences people and scripts rely on ("\"exact\" is
/// required.") are written here, once. Handlers keep what needs the store or
/// the clock (a role on the document, an expiry in the future) and what
/// normalises a value (an email lowercased, a title trimmed).

/// The domain's lists, spelt out for the API description: packages/api
/// imports no Glossa package; tests/api/requests.test.ts holds them equal to
/// `ROLES`, `ANNOTATION_KINDS`, `CLAIM_STATUSES`, `LINK_RELATIONS` and `LIMITS`.
export const REQUEST_ROLES = ["owner", "editor", "annotator", "viewer"] as const;
export const REQUEST_KINDS = ["comment", "claim", "question", "issue", "highlight"] as const;
export const REQUEST_STATUSES = ["unsupported", "sourced", "verified", "disputed"] as const;
export const REQUEST_RELATIONS = ["supports", "contradicts", "cites", "defines"] as const;
export const REQUEST_LIMITS = { quote: 20_000, body: 32 * 1024, sourceKey: 200, pinpoint: 200 };

const missing = (input: unknown) => input === undefined || input === null;

interface TextOptions {
  /// What a blank string is told (none: blank is allowed).
  blank?: string;
  /// What a value of another type is told (default: "is required" when
  /// missing, "must be a string" otherwise).
  wrong?: string;
}

/// A string field `name` of at most `max` characters, with the sentences the
/// handlers always said.
function text(name: string, max: number, o: TextOptions = {}) {
  let s = z
    .string({
      error: (i) =>
        missing(i.input) && !o.wrong
          ? `"${name}" is required.`
          : (o.wrong ?? `"${name}" must be a string.`),
    })
    .max(max, { error: `"${name}" may have at most ${max} characters.` });
  if (o.blank) s = s.refine((v) => v.trim() !== "", { error: o.blank });
  return s;
}

/// One of `values`; `sentence` for anything else (missing included, unless
/// `required` says otherwise).
function oneOf<T extends readonly [string, ...string[]]>(
  name: string,
  values: T,
  required?: string,
) {
  const sentence = `"${name}" must be one of ${values.join(", ")}.`;
  return z.enum(values, {
    error: (i) => (required && missing(i.input) ? required : sentence),
  });
}

const Role = oneOf("role", REQUEST_ROLES);
const Email = text("email", 320, { wrong: '"email" is required.', blank: '"email" is required.' });
const Password = (name: string) =>
  text(name, 1024, { wrong: `"${name}" is required.`, blank: `"${name}" is required.` });
/// A one-time code from a link: an unknown or missing one is the code's
/// refusal (401 / 410), not a malformed request.
const Code = z.string({ error: '"code" must be a string.' }).max(1000).optional();
const FutureTime = (name: string) =>
  z
    .string({ error: `"${name}" must be a date and time (ISO 8601).` })
    .nullish()
    .meta({ description: "ISO 8601 time in the future; null or absent for none" });

// ── Accounts ────────────────────────────────────────────────────────────

export const LoginRequest = z
  .strictObject({ email: Email, password: Password("password") })
  .meta({ example: { email: "ana@example.org", password: "correct horse battery" } });
export const CodeRequest = z.strictObject({ code: Code }).meta({ example: { code: "Jq3…" } });
export const ChangePasswordRequest = z
  .strictObject({
    currentPassword: z
      .string({ error: '"currentPassword" must be a string.' })
      .max(1024)
      .optional()
      .meta({ description: "Required when the account has a password" }),
    newPassword: Password("newPassword"),
  })
  .meta({ example: { currentPassword: "old one", newPassword: "a longer new one" } });
export const ResetPasswordRequest = z
  .strictObject({ code: Code, password: Password("password") })
  .meta({ example: { code: "Rk9…", password: "a longer new one" } });
export const DuplicateRequest = z
  .strictObject({
    title: z
      .string({ error: '"title" is required: the document needs a name.' })
      .nullish()
      .meta({ description: 'Default: "Copy of <title>"' }),
  })
  .meta({ example: { title: "Letter to the Secretary (draft 2)" } });

// ── Sharing and invitations ─────────────────────────────────────────────

export const ShareRequest = z
  .strictObject({
    email: Email,
    role: Role,
    expiresAt: FutureTime("expiresAt"),
  })
  .meta({ example: { email: "eli@example.org", role: "editor", expiresAt: null } });
export const InviteRequest = z
  .strictObject({
    role: Role,
    email: z.string({ error: '"email" must be a string.' }).max(320).nullish(),
    expiresAt: FutureTime("expiresAt").meta({ description: "At most 90 days ahead; default 7" }),
    maxUses: z
      .number({ error: '"maxUses" must be a whole number from 1 to 1000.' })
      .int({ error: '"maxUses" must be a whole number from 1 to 1000.' })
      .min(1, { error: '"maxUses" must be a whole number from 1 to 1000.' })
      .max(1000, { error: '"maxUses" must be a whole number from 1 to 1000.' })
      .nullish()
      .meta({ description: "Default: unlimited" }),
  })
  .meta({ example: { role: "viewer", maxUses: 5 } });
export const InviteLookupRequest = z
  .strictObject({ code: Code })
  .meta({ example: { code: "b3V…" } });
export const AcceptInviteRequest = z
  .strictObject({
    code: Code,
    name: z
      .string({ error: '"name" is required.' })
      .max(100, {
        error: '"name" may have at most 100 characters.',
      })
      .optional()
      .meta({ description: "To create an account (signed out)" }),
    password: z.string({ error: '"password" is required.' }).max(1024).optional(),
    email: z
      .string({ error: '"email" is required.' })
      .max(320)
      .optional()
      .meta({ description: "When the invitation is bound to no address" }),
  })
  .meta({ example: { code: "b3V…", name: "Paula Paralegal", password: "a long password" } });

// ── Annotations ─────────────────────────────────────────────────────────

const Tags = z
  .array(z.string({ error: "Invalid tags: every tag is a string." }), {
    error: "Invalid tags: a list of strings.",
  })
  .meta({ description: "At most 20 tags" });

export const CreateAnnotationRequest = z
  .strictObject({
    exact: text("exact", REQUEST_LIMITS.quote, { blank: '"exact" must not be empty.' }).meta({
      description: "The quoted words, found in the text by the server",
    }),
    prefix: text("prefix", 1000).nullish(),
    suffix: text("suffix", 1000).nullish(),
    kind: oneOf("kind", REQUEST_KINDS, '"kind" is required.'),
    body: text("body", REQUEST_LIMITS.body).nullish(),
    tags: Tags.optional(),
  })
  .meta({
    example: {
      exact: "section 235(b)(2)(C)",
      prefix: "implementation of ",
      kind: "claim",
      body: "The Secretary may return them to Mexico.",
      tags: ["ina"],
    },
  });

export const ChangeAnnotationRequest = z
  .strictObject({
    status: oneOf("status", REQUEST_STATUSES).optional().meta({ description: "Claims only" }),
    resolved: z
      .boolean({ error: '"resolved" must be true (resolve) or false (reopen).' })
      .optional(),
    tags: Tags.optional().meta({ description: "Replaces the tags" }),
  })
  .refine((b) => b.status !== undefined || b.resolved !== undefined || b.tags !== undefined, {
    error: 'Give at least one of "status", "resolved" or "tags".',
  })
  .meta({ example: { status: "disputed", resolved: true } });

export const ReplyRequest = z
  .strictObject({
    body: text("body", REQUEST_LIMITS.body, { blank: '"body" must not be empty.' }),
  })
  .meta({ example: { body: "Which treaty? @Ana Annotator" } });

export const LinkRequest = z
  .strictObject({
    key: text("key", REQUEST_LIMITS.sourceKey, { blank: '"key" must not be empty.' }).meta({
      description: "An authority's key (usc/8/1225) or a well-formed key of one not in the catalog",
    }),
    pinpoint: text("pinpoint", REQUEST_LIMITS.pinpoint).nullish(),
    relation: oneOf("relation", REQUEST_RELATIONS)
      .optional()
      .meta({ description: "Default: cites" }),
  })
  .meta({ example: { key: "usc/8/1225", pinpoint: "(b)(2)(C)", relation: "supports" } });

/// W3C Web Annotations to import: read whole by the importer, which reports
/// each item it cannot place (packages/annotations `importW3C`).
export const W3CImportRequest = z
  .union([z.array(z.unknown()), z.looseObject({})], {
    error:
      "Nothing was imported: the body is not a Web Annotation, a list of them, an AnnotationCollection or an AnnotationPage.",
  })
  .meta({
    description:
      "A Web Annotation, a list of them, an AnnotationCollection or AnnotationPage, or a Hypothesis search answer ({rows})",
    example: {
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "AnnotationCollection",
      first: {
        type: "AnnotationPage",
        items: [
          {
            type: "Annotation",
            body: { type: "TextualBody", value: "Which treaty?" },
            target: { selector: { type: "TextQuoteSelector", exact: "family unity" } },
          },
        ],
      },
    },
  });

// ── Authorities ─────────────────────────────────────────────────────────

/// The fields of a team authority, by JSON type. The catalog checks their
/// values and unknown fields, and names every problem at once
/// (packages/sources `validateAuthority`), so the object stays open here.
const AUTHORITY_FIELDS = {
  key: z.string(),
  kind: z.string().meta({ description: "statute, regulation, case, treaty, exhibit, …" }),
  title: z.string(),
  canonical: z.string(),
  citation: z.string().meta({ description: "A citation the key and canonical form come from" }),
  url: z.string().meta({ description: "One link (added to urls)" }),
  urls: z.array(z.unknown()),
  equivalents: z.array(z.unknown()),
  aliases: z.array(z.unknown()),
  citationForms: z.array(z.unknown()),
  parallel: z.array(z.unknown()),
  jurisdiction: z.string(),
  date: z.string(),
  asOf: z.string(),
  parent: z.string(),
  caseName: z.string(),
  court: z.string(),
  summary: z.string(),
  text: z.union([z.string(), z.looseObject({})]),
  sources: z.array(z.unknown()),
  csl: z.looseObject({}),
};
type Fields = typeof AUTHORITY_FIELDS;
/// Every field of an authority made optional (`clearable`: also null), each
/// keeping its own type.
function authority(clearable: false): { [K in keyof Fields]: z.ZodOptional<Fields[K]> };
function authority(clearable: true): {
  [K in keyof Fields]: z.ZodOptional<z.ZodNullable<Fields[K]>>;
};
function authority(clearable: boolean) {
  return Object.fromEntries(
    Object.entries(AUTHORITY_FIELDS).map(([k, s]) => [
      k,
      clearable ? s.nullable().optional() : s.optional(),
    ]),
  );
}

export const AddAuthorityRequest = z
  .looseObject(authority(false), {
    error: "The request body must be a JSON object describing one authority.",
  })
  .meta({
    example: { kind: "exhibit", title: "Declaration of A.B.", citationForms: ["A.B. Decl."] },
  });
export const EditAuthorityRequest = z
  .looseObject(authority(true), {
    error: "The request body must be a JSON object of the fields to change.",
  })
  .meta({
    description: "The fields to change; null clears an optional one",
    example: { title: "Declaration of A.B. (corrected)", url: null },
  });

/// A CSL-JSON export (Zotero): each item is read on its own, and a bad one
/// is reported by its index without stopping the others.
export const CslImportRequest = z
  .array(z.unknown(), {
    error: "The request body must be CSL-JSON: an array of items (a Zotero export).",
  })
  .meta({
    example: [
      {
        id: "item-1",
        type: "legal_case",
        title: "Matter of M-S-",
        "container-title": "I&N Dec.",
        volume: "27",
        page: "509",
        issued: { "date-parts": [[2019]] },
      },
    ],
  });

export type CreateAnnotationBody = z.infer<typeof CreateAnnotationRequest>;
export type ChangeAnnotationBody = z.infer<typeof ChangeAnnotationRequest>;
export type LinkBody = z.infer<typeof LinkRequest>;
export type ShareBody = z.infer<typeof ShareRequest>;
export type InviteBody = z.infer<typeof InviteRequest>;
export type AcceptInviteBody = z.infer<typeof AcceptInviteRequest>;
