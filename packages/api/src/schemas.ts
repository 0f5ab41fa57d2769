import { z } from "zod";

/// Request and response bodies of the HTTP API, in one place: the server
/// validates requests with them, `/api/openapi.json` is generated from
/// them, and the web app's client takes its types from them (`z.infer`).

/// Every error: `{"error": {"code", "message", …}}` (docs/api.md "Error codes").
export const ErrorResponse = z
  .object({
    error: z.looseObject({
      code: z.string().regex(/^[a-z_]+$/),
      message: z.string().min(1),
    }),
  })
  .meta({ id: "Error" });

const Role = z.enum(["owner", "editor", "annotator", "viewer"]).meta({ id: "Role" });
const Person = z.object({ id: z.string(), name: z.string() }).nullable();
const Iso = z.string().meta({ description: "ISO 8601 time" });

export const Health = z.object({
  status: z.literal("ok"),
  version: z.string(),
  storage: z.enum(["sqlite", "postgres"]),
  uptimeSeconds: z.number().int(),
});

export const Ready = z.object({
  status: z.enum(["ready", "not ready"]),
  reason: z.string().optional(),
  checks: z.record(z.string(), z.enum(["ok", "failing"])),
});

export const Me = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const CreateDocumentRequest = z
  .strictObject({
    title: z.string().max(300).optional(),
    text: z.string().max(5_000_000),
    format: z.enum(["text", "letter"]).optional(),
  })
  .meta({ example: { title: "Memo", text: "Dear Secretary,\n\nWe write about…" } });

export const DocumentCreated = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: Iso,
  role: Role,
});

export const DocumentInfo = DocumentCreated.extend({
  capabilities: z.record(z.string(), z.boolean()),
});

export const DocumentListEntry = z.object({
  id: z.string(),
  title: z.string(),
  role: Role,
  mine: z.boolean(),
  createdAt: Iso,
  createdBy: Person,
  lastEditedAt: Iso.nullable(),
  lastEditedBy: Person,
  sharedBy: Person,
  match: z.enum(["title", "text"]).optional(),
  snippet: z.object({ text: z.string(), start: z.number(), end: z.number() }).optional(),
});

export const DocumentList = z.object({
  query: z.string().optional(),
  documents: z.array(DocumentListEntry),
});

export const RenameRequest = z
  .strictObject({ title: z.string() })
  .meta({ example: { title: "Letter to the Secretary" } });
export const Renamed = z.object({ id: z.string(), title: z.string() });

export const TrashEntry = z.object({
  id: z.string(),
  title: z.string(),
  deletedAt: Iso.nullable(),
  deletedBy: Person,
  purgeAt: Iso.nullable(),
  lastEditedAt: Iso.nullable(),
});
export const TrashList = z.object({ documents: z.array(TrashEntry) });

export const SaveVersionRequest = z
  .strictObject({ name: z.string() })
  .meta({ example: { name: "Sent to the client" } });

export const CreateTokenRequest = z
  .strictObject({
    name: z.string(),
    documents: z.array(z.string()).nullable().optional(),
    role: Role.optional(),
    expiresAt: Iso.nullable().optional(),
  })
  .meta({ example: { name: "docketing script", documents: null, role: "annotator" } });

export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  documents: z.array(z.string()).nullable(),
  ceiling: Role,
  createdAt: Iso,
  expiresAt: Iso.nullable(),
  lastUsedAt: Iso.nullable(),
  revokedAt: Iso.nullable(),
});
export const ApiTokenCreated = ApiToken.extend({ token: z.string().startsWith("glsa_") });
export const ApiTokenList = z.object({ tokens: z.array(ApiToken) });

export const CreateWebhookRequest = z
  .strictObject({
    url: z.string(),
    events: z.array(z.string()),
    documentId: z.string().nullable().optional(),
    description: z.string().optional(),
  })
  .meta({
    example: { url: "https://hooks.example.org/glossa", events: ["annotation.status_changed"] },
  });

export const Webhook = z.object({
  id: z.string(),
  url: z.string(),
  documentId: z.string().nullable(),
  events: z.array(z.string()),
  description: z.string(),
  createdAt: Iso,
});
export const WebhookCreated = Webhook.extend({ secret: z.string().startsWith("whsec_") });
export const WebhookList = z.object({ webhooks: z.array(Webhook), events: z.array(z.string()) });
export const Delivery = z.object({
  id: z.string(),
  event: z.string(),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  nextAttemptAt: Iso.nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: Iso,
  deliveredAt: Iso.nullable(),
  payload: z.unknown(),
});
export const DeliveryList = z.object({ deliveries: z.array(Delivery) });

export const Ok = z.object({ ok: z.literal(true) });

/// The interface languages of the web app (apps/web/src/i18n).
export const Language = z.enum(["en", "es-MX"]);
/// A person's own settings, kept with their account: the interface
/// language (null: follow the browser), also the exports' default language.
export const Preferences = z.object({ language: Language.nullable() });
export const PreferencesRequest = z
  .strictObject({ language: Language.nullable() })
  .meta({ example: { language: "es-MX" } });

export type ErrorBody = z.infer<typeof ErrorResponse>;
export type MeBody = z.infer<typeof Me>;
export type PreferencesBody = z.infer<typeof Preferences>;
export type ApiTokenBody = z.infer<typeof ApiToken>;
export type ApiTokenCreatedBody = z.infer<typeof ApiTokenCreated>;
export type CreateTokenBody = z.infer<typeof CreateTokenRequest>;
export type DocumentListBody = z.infer<typeof DocumentList>;
export type WebhookListBody = z.infer<typeof WebhookList>;
export type WebhookCreatedBody = z.infer<typeof WebhookCreated>;
export type DeliveryListBody = z.infer<typeof DeliveryList>;
