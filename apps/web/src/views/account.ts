import { auth, request } from "../api.ts";
import { h } from "../dom.ts";
import { apiTokensSection } from "./apiTokens.ts";
import { topBar } from "./topbar.ts";
import { webhooksSection } from "./webhooks.ts";

interface Account {
  id: string;
  name: string;
  email: string;
  admin: boolean;
  hasPassword: boolean;
}

interface SessionItem {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string;
  current: boolean;
}

interface UserItem {
  id: string;
  name: string;
  email: string;
  admin: boolean;
  hasPassword: boolean;
}

const when = (iso: string) => new Date(iso).toLocaleString();

function device(ua: string): string {
  if (!ua) return "Unknown device";
  const browser = /Firefox\//.test(ua)
    ? "Firefox"
    : /Edg\//.test(ua)
      ? "Edge"
      : /Chrome\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : ua.slice(0, 40);
  const os = /Windows/.test(ua)
    ? "Windows"
    : /Mac OS/.test(ua)
      ? "macOS"
      : /Android/.test(ua)
        ? "Android"
        : /Linux/.test(ua)
          ? "Linux"
          : "";
  return os ? `${browser} on ${os}` : browser;
}

/// Adds "Account" and "Sign out" to the top bar of whatever view is shown.
export function mountAccountMenu(root: HTMLElement, navigate: (path: string) => void): void {
  const bar = root.querySelector(".gl-topbar");
  if (!bar || !auth.me || bar.querySelector(".gl-account-menu")) return;
  bar.append(
    h(
      "span",
      { class: "gl-account-menu" },
      h(
        "a",
        {
          href: "/account",
          "data-testid": "account-link",
          onclick: (e: Event) => {
            e.preventDefault();
            navigate("/account");
          },
        },
        "Account",
      ),
      h(
        "button",
        {
          type: "button",
          class: "gl-link-button",
          onclick: async () => {
            await auth.signOut();
            navigate("/");
          },
        },
        "Sign out",
      ),
    ),
  );
}

/// The account page: password, sessions (each can be signed out), and for
/// the administrator, password-reset links for other accounts.
export function showAccount(root: HTMLElement, navigate: (path: string) => void): () => void {
  const page = h("main", { class: "gl-page gl-account" }, h("h1", {}, "Account"));
  root.append(
    h("div", { class: "gl-shell" }, topBar(navigate, h("span", { class: "gl-spacer" })), page),
  );
  const fail = (err: Error) =>
    page.append(h("p", { class: "gl-banner gl-banner-error", role: "alert" }, err.message));

  request<Account>("GET", "/api/account").then((account) => {
    page.append(
      h("p", {}, `${account.name} · ${account.email}${account.admin ? " · administrator" : ""}`),
      passwordSection(account),
      sessionsSection(),
      apiTokensSection(),
      webhooksSection(),
    );
    if (account.admin) page.append(usersSection());
  }, fail);
  return () => {};
}

function passwordSection(account: Account): HTMLElement {
  const note = h("p", { class: "gl-form-note", role: "status" });
  const current = h("input", { type: "password", autocomplete: "current-password" });
  const next = h("input", {
    type: "password",
    autocomplete: "new-password",
    minlength: "10",
    required: true,
  });
  const again = h("input", { type: "password", autocomplete: "new-password", required: true });
  return h(
    "section",
    { class: "gl-section", "data-testid": "password" },
    h("h2", {}, account.hasPassword ? "Change password" : "Set a password"),
    account.hasPassword
      ? null
      : h(
          "p",
          { class: "gl-hint" },
          "You signed in with a one-time link. Set a password to sign in with your email next time.",
        ),
    h(
      "form",
      {
        class: "gl-form",
        onsubmit: async (e: Event) => {
          e.preventDefault();
          note.textContent = "";
          if (next.value !== again.value) {
            note.textContent = "The two new passwords are not the same.";
            return;
          }
          try {
            const r = await request<{ otherSessionsSignedOut: number }>(
              "POST",
              "/api/account/password",
              { currentPassword: current.value, newPassword: next.value },
            );
            note.textContent = `Password saved.${r.otherSessionsSignedOut ? ` ${r.otherSessionsSignedOut} other session(s) were signed out.` : ""}`;
            for (const i of [current, next, again]) i.value = "";
          } catch (err) {
            note.textContent = (err as Error).message;
          }
        },
      },
      account.hasPassword ? h("label", {}, "Current password", current) : null,
      h("label", {}, "New password (at least 10 characters)", next),
      h("label", {}, "Repeat the new password", again),
      note,
      h("button", { type: "submit" }, "Save password"),
    ),
  );
}

function sessionsSection(): HTMLElement {
  const list = h("ul", { class: "gl-list", "data-testid": "sessions" });
  const load = () =>
    request<{ sessions: SessionItem[] }>("GET", "/api/sessions").then(({ sessions }) =>
      list.replaceChildren(
        ...sessions.map((s) =>
          h(
            "li",
            {},
            h(
              "span",
              {},
              `${device(s.userAgent)}${s.current ? " — this browser" : ""}`,
              h(
                "span",
                { class: "gl-muted" },
                ` · signed in ${when(s.createdAt)} · last active ${when(s.lastSeenAt)}`,
              ),
            ),
            s.current
              ? null
              : h(
                  "button",
                  {
                    type: "button",
                    onclick: async () => {
                      await request("DELETE", `/api/sessions/${encodeURIComponent(s.id)}`);
                      void load();
                    },
                  },
                  "Sign out",
                ),
          ),
        ),
      ),
    );
  void load();
  return h(
    "section",
    { class: "gl-section" },
    h("h2", {}, "Where you are signed in"),
    list,
    h(
      "button",
      {
        type: "button",
        onclick: async () => {
          await request("DELETE", "/api/sessions");
          void load();
        },
      },
      "Sign out everywhere else",
    ),
  );
}

function usersSection(): HTMLElement {
  const list = h("ul", { class: "gl-list", "data-testid": "users" });
  request<{ users: UserItem[] }>("GET", "/api/users").then(({ users }) =>
    list.replaceChildren(
      ...users.map((u) => {
        const out = h("span", { class: "gl-muted" });
        return h(
          "li",
          {},
          h("span", {}, `${u.name} · ${u.email}${u.hasPassword ? "" : " · no password yet"}`),
          out,
          h(
            "button",
            {
              type: "button",
              onclick: async () => {
                const r = await request<{ path: string }>(
                  "POST",
                  `/api/users/${encodeURIComponent(u.id)}/reset-link`,
                );
                out.replaceChildren(
                  h("input", {
                    class: "gl-link-output",
                    readonly: true,
                    value: `${location.origin}${r.path}`,
                    "aria-label": `Password reset link for ${u.name}`,
                  }),
                );
              },
            },
            "Password reset link",
          ),
        );
      }),
    ),
  );
  return h(
    "section",
    { class: "gl-section" },
    h("h2", {}, "Accounts"),
    h(
      "p",
      { class: "gl-hint" },
      "A reset link lets its holder choose a new password once, within 24 hours. Send it privately.",
    ),
    list,
  );
}
