import type { RouteAnswer } from "@glossa/api";
import { api, auth } from "../api.ts";
import { h } from "../dom.ts";
import { errorText, fmt, t } from "../i18n/index.ts";
import { apiTokensSection } from "./apiTokens.ts";
import { languageSwitch } from "./language.ts";
import { signOutAsking } from "./signOut.ts";
import { topBar } from "./topbar.ts";
import { webhooksSection } from "./webhooks.ts";

const when = (iso: string) => fmt.dateTime(iso);

function device(ua: string): string {
  if (!ua) return t("account.unknownDevice");
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
  return os ? t("account.device", { browser, os }) : browser;
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
        t("topbar.account"),
      ),
      h(
        "button",
        {
          type: "button",
          class: "gl-link-button",
          "data-testid": "sign-out",
          onclick: () => signOutAsking(navigate),
        },
        t("topbar.signOut"),
      ),
      languageSwitch(),
    ),
  );
}

/// The account page: password, sessions (each can be signed out), and for
/// the administrator, password-reset links for other accounts.
export function showAccount(root: HTMLElement, navigate: (path: string) => void): () => void {
  const page = h("main", { class: "gl-page gl-account" }, h("h1", {}, t("account.title")));
  root.append(
    h("div", { class: "gl-shell" }, topBar(navigate, h("span", { class: "gl-spacer" })), page),
  );
  const fail = (err: Error) =>
    page.append(h("p", { class: "gl-banner gl-banner-error", role: "alert" }, errorText(err)));

  api("GET /api/account").then((account) => {
    page.append(
      h(
        "p",
        {},
        `${account.name} · ${account.email}${account.admin ? ` · ${t("account.administrator")}` : ""}`,
      ),
      languageSection(),
      passwordSection(account),
      sessionsSection(),
      apiTokensSection(),
      webhooksSection(),
    );
    if (account.admin) page.append(usersSection());
  }, fail);
  return () => {};
}

function languageSection(): HTMLElement {
  const hint = h("p", { class: "gl-hint", id: "language-hint" }, t("account.languageHint"));
  const sw = languageSwitch();
  sw.querySelector("select")!.setAttribute("aria-describedby", "language-hint");
  return h(
    "section",
    { class: "gl-section", "data-testid": "language-section" },
    h("h2", {}, t("account.languageTitle")),
    hint,
    sw,
  );
}

function passwordSection(account: RouteAnswer<"GET /api/account">): HTMLElement {
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
    h("h2", {}, account.hasPassword ? t("account.changePassword") : t("account.setPassword")),
    account.hasPassword ? null : h("p", { class: "gl-hint" }, t("account.oneTimeHint")),
    h(
      "form",
      {
        class: "gl-form",
        onsubmit: async (e: Event) => {
          e.preventDefault();
          note.textContent = "";
          if (next.value !== again.value) {
            note.textContent = t("account.mismatch");
            return;
          }
          try {
            const r = await api("POST /api/account/password", {
              body: { currentPassword: current.value, newPassword: next.value },
            });
            note.textContent = r.otherSessionsSignedOut
              ? `${t("account.saved")} ${t("account.othersOut", { count: r.otherSessionsSignedOut })}`
              : t("account.saved");
            for (const i of [current, next, again]) i.value = "";
          } catch (err) {
            note.textContent = errorText(err);
          }
        },
      },
      account.hasPassword ? h("label", {}, t("account.current"), current) : null,
      h("label", {}, t("account.newPassword"), next),
      h("label", {}, t("account.repeat"), again),
      note,
      h("button", { type: "submit" }, t("account.savePassword")),
    ),
  );
}

function sessionsSection(): HTMLElement {
  const list = h("ul", { class: "gl-list", "data-testid": "sessions" });
  const load = () =>
    api("GET /api/sessions").then(({ sessions }) =>
      list.replaceChildren(
        ...sessions.map((s) =>
          h(
            "li",
            {},
            h(
              "span",
              {},
              `${device(s.userAgent)}${s.current ? ` — ${t("account.thisBrowser")}` : ""}`,
              h(
                "span",
                { class: "gl-muted" },
                ` · ${t("account.sessionTimes", { created: when(s.createdAt), seen: when(s.lastSeenAt) })}`,
              ),
            ),
            s.current
              ? null
              : h(
                  "button",
                  {
                    type: "button",
                    onclick: async () => {
                      await api("DELETE /api/sessions/:id", { id: s.id });
                      void load();
                    },
                  },
                  t("account.signOut"),
                ),
          ),
        ),
      ),
    );
  void load();
  return h(
    "section",
    { class: "gl-section" },
    h("h2", {}, t("account.whereSignedIn")),
    list,
    h(
      "button",
      {
        type: "button",
        onclick: async () => {
          await api("DELETE /api/sessions");
          void load();
        },
      },
      t("account.signOutOthers"),
    ),
  );
}

function usersSection(): HTMLElement {
  const list = h("ul", { class: "gl-list", "data-testid": "users" });
  api("GET /api/users").then(({ users }) =>
    list.replaceChildren(
      ...users.map((u) => {
        const out = h("span", { class: "gl-muted" });
        return h(
          "li",
          {},
          h(
            "span",
            {},
            `${u.name} · ${u.email}${u.hasPassword ? "" : ` · ${t("account.noPassword")}`}`,
          ),
          out,
          h(
            "button",
            {
              type: "button",
              onclick: async () => {
                const r = await api("POST /api/users/:id/reset-link", { id: u.id });
                out.replaceChildren(
                  h("input", {
                    class: "gl-link-output",
                    readonly: true,
                    value: `${location.origin}${r.path}`,
                    "aria-label": t("account.resetLinkFor", { name: u.name }),
                  }),
                );
              },
            },
            t("account.resetLink"),
          ),
        );
      }),
    ),
  );
  return h(
    "section",
    { class: "gl-section" },
    h("h2", {}, t("account.accounts")),
    h("p", { class: "gl-hint" }, t("account.resetHint")),
    list,
  );
}
