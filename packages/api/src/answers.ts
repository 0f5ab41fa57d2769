import { z } from "zod";
import { DocumentCreated, Me, Ok } from "./schemas.ts";
import { PersonRef, Version } from "./views.ts";

/// Response bodies of the sign-in, account, invitation, import, restore and
/// authority-writing endpoints (the rest are in `schemas.ts` and `views.ts`).
/// tests/api/openapi.test.ts validates a real answer of every endpoint.

const Iso = z.string().meta({ description: "ISO 8601 time" });
const Role = z.enum(["owner", "editor", "annotator", "viewer"]);

/// The OpenAPI 3.1 description itself.
export const OpenApiDescription = z.looseObject({
  openapi: z.literal("3.1.0"),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.looseObject({})),
});

/// Every answer that signs someone in (a new session, or renewing one).
export const SignedIn = z.object({
  token: z.string(),
  expiresAt: z.number().int().meta({ description: "Unix seconds" }),
  user: Me,
});

export const PasswordChanged = Ok.extend({ otherSessionsSignedOut: z.number().int() });
export const SessionsEnded = Ok.extend({ revoked: z.number().int() });
export const ResetLink = z.object({
  path: z.string().meta({ description: "/#reset=<code>; shown once" }),
  expiresAt: Iso,
});

export const DocumentContent = z.object({
  doc: z.unknown().meta({ description: "ProseMirror JSON" }),
  text: z.string(),
});
export const Duplicated = DocumentCreated.extend({ duplicateOf: z.string() });
/// A new document; made from a file, also what the import read.
export const DocumentMade = DocumentCreated.extend({
  format: z.string().optional().meta({ description: "The file's format (a file imported)" }),
  annotations: z
    .number()
    .int()
    .optional()
    .meta({ description: "Word comments made annotations (a file imported)" }),
  warnings: z
    .array(z.string())
    .optional()
    .meta({ description: "What the import could not keep (a file imported)" }),
});
export const Restored = z.object({ id: z.string(), title: z.string(), role: Role });
export const FileImported = z.object({
  id: z.string(),
  title: z
    .string()
    .nullable()
    .meta({ description: "The new title, when the document still had the default one" }),
  format: z.string(),
  annotations: z.number().int().meta({ description: "Word comments made annotations" }),
  warnings: z.array(z.string()),
});

export const InviteInfo = z.object({
  documentTitle: z.string(),
  role: Role,
  email: z.string().nullable(),
  invitedBy: z.string().nullable(),
  expiresAt: Iso.nullable(),
});
const Joined = z.object({ documentId: z.string(), role: Role });
export const InviteAccepted = z.union([
  SignedIn.extend(Joined.shape).meta({ description: "Signed out: the new account, signed in" }),
  Joined.meta({ description: "Signed in: the role now held" }),
]);

const Problem = z.object({ path: z.string(), message: z.string() });
export const W3CImported = z.object({
  placed: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      quote: z.string(),
      from: z.number().int(),
      to: z.number().int(),
      exact: z.boolean(),
      paragraph: z.number().int().nullable(),
    }),
  ),
  unplaced: z.array(
    z.looseObject({ id: z.string(), kind: z.string(), quote: z.string(), reason: z.string() }),
  ),
  rejected: z.array(z.object({ index: z.number().int(), problems: z.array(Problem) })),
  notes: z.array(z.string()),
});

export const AuthorityDeleted = z.object({ key: z.string(), deletedBy: PersonRef, deletedAt: Iso });
export const CslImported = z.object({
  added: z.array(z.object({ key: z.string(), kind: z.string(), title: z.string() })),
  errors: z.array(
    z.object({
      index: z.number().int(),
      id: z.string().optional(),
      message: z.string(),
      issues: z.array(Problem).optional(),
    }),
  ),
});
export const CitationForms = z.object({
  forms: z.array(
    z.object({
      form: z.string(),
      key: z.string(),
      canonical: z.string().optional(),
      urls: z.array(z.string()).optional(),
    }),
  ),
});

export const VersionRestored = z.object({
  restored: Version,
  checkpoint: Version,
  annotations: z.object({
    kept: z.array(z.string()),
    detached: z.array(z.string()),
    reattached: z.array(z.string()),
  }),
});
