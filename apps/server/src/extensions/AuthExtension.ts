import {
  CloseEvents,
  capabilities,
  parseDocumentName,
  SCHEMA_VERSION_PARAM,
} from "@glossa/protocol";
import { SCHEMA_VERSION } from "@glossa/schema";
import type { Extension, onAuthenticatePayload } from "@hocuspocus/server";
import type { TokenService } from "../auth/tokens.ts";
import { type GlossaContext, colorFor } from "../context.ts";
import type { Store } from "../storage/index.ts";

export interface AuthConfiguration {
  store: Store;
  tokens: TokenService;
}

const deny = (event: { code: number; reason: string }) =>
  Object.assign(new Error(event.reason), event);

/// Authenticates every document connection with a sign-in token and sets its
/// role (DESIGN §6). Someone without access learns nothing — a missing
/// document and a forbidden one get the same answer. Text connections are
/// read-only unless the role may edit text; annotation documents are always
/// read-only for clients, whose annotation changes go through server commands.
export class AuthExtension implements Extension {
  extensionName = "glossa-auth";
  priority = 1000;

  constructor(private readonly config: AuthConfiguration) {}

  async onAuthenticate(payload: onAuthenticatePayload): Promise<GlossaContext> {
    const { documentName, token, requestParameters, connectionConfig } = payload;
    const parsed = parseDocumentName(documentName);
    if (!parsed) throw deny(CloseEvents.Forbidden);
    if (requestParameters.get(SCHEMA_VERSION_PARAM) !== String(SCHEMA_VERSION)) {
      throw deny(CloseEvents.SchemaMismatch);
    }
    const claims = await this.config.tokens.verify(token);
    if (!claims) throw deny(CloseEvents.Unauthorized);
    const role = await this.config.store.getRole(parsed.id, claims.userId);
    if (!role) throw deny(CloseEvents.Forbidden);
    connectionConfig.readOnly = parsed.part === "annotations" || !capabilities(role).editText;
    return {
      user: {
        id: claims.userId,
        name: claims.name,
        email: claims.email,
        color: colorFor(claims.userId),
      },
      role,
      documentId: parsed.id,
      part: parsed.part,
    };
  }
}
