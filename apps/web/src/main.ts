import { auth } from "./api.ts";
import { h } from "./dom.ts";
import { errorText, onLanguageChanged } from "./i18n/index.ts";
import "./styles.css";
import { mountAccountMenu, showAccount } from "./views/account.ts";
import { showDocuments } from "./views/documents.ts";
import { showEditor } from "./views/editor.ts";
import { adoptAccountLanguage } from "./views/language.ts";
import { showSharePage } from "./views/share.ts";
import { showInvite, showReset, showSignIn } from "./views/signin.ts";

const root = document.getElementById("app")!;
let teardown: (() => void) | null = null;
/// The invitation or password-reset page being shown: its code leaves the
/// address bar at once but is kept here, so a language switch can render
/// the same page again; forgotten when the person moves on.
let linkPage: { show: typeof showInvite; code: string } | null = null;

/// Client-side routing: `/` lists documents, `/d/<id>` opens one. A
/// `#signin=<code>` fragment (the one-time link printed at start) signs in
/// first; fragments never reach the server or its logs.
async function route(): Promise<void> {
  teardown?.();
  teardown = null;
  root.replaceChildren();
  // Invitation and password-reset links carry their code in the fragment.
  const link = new URLSearchParams(location.hash.slice(1));
  const linkCode = link.get("invite") ?? link.get("reset");
  if (linkCode) {
    history.replaceState(null, "", location.pathname);
    linkPage = { show: link.has("invite") ? showInvite : showReset, code: linkCode };
  }
  if (linkPage) {
    teardown = linkPage.show(root, linkPage.code, navigate);
    return;
  }
  const code = new URLSearchParams(location.hash.slice(1)).get("signin");
  if (code) {
    history.replaceState(null, "", location.pathname);
    try {
      await auth.signInWithCode(code);
    } catch (err) {
      root.append(h("p", { class: "gl-banner gl-banner-error", role: "alert" }, errorText(err)));
    }
  }
  if (!auth.me) {
    teardown = showSignIn(root, () => void route());
    return;
  }
  // The account's language, read once: changing it renders the page again.
  if (await adoptAccountLanguage()) return;
  const m = /^\/d\/([a-z0-9-]+)\/?$/.exec(location.pathname);
  const share = /^\/d\/([a-z0-9-]+)\/share\/?$/.exec(location.pathname);
  if (location.pathname === "/account") teardown = showAccount(root, navigate);
  else if (share) teardown = showSharePage(root, share[1]!, navigate);
  else teardown = m ? showEditor(root, m[1]!, navigate) : showDocuments(root, navigate);
  mountAccountMenu(root, navigate);
}

export function navigate(path: string): void {
  linkPage = null;
  history.pushState(null, "", path);
  void route();
}

window.addEventListener("popstate", () => {
  linkPage = null;
  void route();
});
// A new interface language re-renders the page in it.
onLanguageChanged(() => void route());
void route();
