import type { Store } from "../storage/Store.ts";
import type { ApiContext } from "./api.ts";
import { caller, type Handlers, readJson, sendJson } from "./http.ts";

/// The languages a person may choose (the web app's catalogues).
const LANGUAGES = new Set(["en", "es-MX"]);

/// Where a person's interface language is kept: the store's settings, so
/// it follows the account to every browser and every instance.
const languageKey = (userId: string) => `account-language:${userId}`;

/// The interface language `userId` chose, or null (the browser decides).
export async function preferredLanguage(store: Store, userId: string): Promise<string | null> {
  const value = await store.getSetting(languageKey(userId));
  return value && LANGUAGES.has(value) ? value : null;
}

/// Mounts the caller's own preferences (docs/api.md "Accounts"): read and
/// set the interface language. The body is checked by the schema layer
/// (packages/api `PreferencesRequest`) before the handler runs.
export function preferenceRoutes(router: Handlers<ApiContext>): Handlers<ApiContext> {
  return router
    .on("GET", "/api/account/preferences", async (ctx) => {
      const claims = await caller(ctx);
      sendJson(ctx.res, 200, { language: await preferredLanguage(ctx.store, claims.userId) });
    })
    .on("PATCH", "/api/account/preferences", async (ctx) => {
      const claims = await caller(ctx);
      const body = (await readJson(ctx.req, 64 * 1024)) as { language: string | null };
      // null forgets the choice: the browser's language applies again.
      await ctx.store.setSetting(languageKey(claims.userId), body.language ?? "");
      sendJson(ctx.res, 200, { language: await preferredLanguage(ctx.store, claims.userId) });
    });
}
