import type { BrowserContext, Page } from "playwright-core";
import type { TestUser } from "../utils/server.ts";

/// Signs a browser context in as `user` by placing a session the way the
/// web app stores it after signing in.
export async function signIn(
  context: BrowserContext,
  user: Pick<TestUser, "id" | "name" | "email" | "token">,
): Promise<void> {
  const session = {
    token: user.token,
    expiresAt: Math.floor(Date.now() / 1000) + 600,
    user: { id: user.id, name: user.name, email: user.email },
  };
  await context.addInitScript(
    (s) => localStorage.setItem("glossa.session", s),
    JSON.stringify(session),
  );
}

/// Collects page errors and CSP violations so a test can assert there were none.
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/.test(m.text()))
      errors.push(`csp: ${m.text()}`);
  });
  return errors;
}

/// The document text shown in the editor, without remote cursor labels.
export function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const clone = document.querySelector(".ProseMirror")!.cloneNode(true) as HTMLElement;
    for (const el of clone.querySelectorAll(".gl-remote-caret")) el.remove();
    return clone.textContent ?? "";
  });
}
