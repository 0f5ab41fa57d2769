import type { RouteAnswer } from "@glossa/api";
import { ROLES, type Role } from "@glossa/protocol";
import { api } from "../api.ts";
import { h } from "../dom.ts";
import { errorText, fmt, t } from "../i18n/index.ts";
import { topBar } from "./topbar.ts";

type Sharing = RouteAnswer<"GET /api/documents/:id/shares">;
type ShareItem = Sharing["shares"][number];
type InviteItem = Sharing["invites"][number];

const roleSelect = (value: Role, label: string) =>
  h(
    "select",
    { "aria-label": label },
    ...ROLES.map((r) => h("option", { value: r, selected: r === value }, t(`roles.${r}`))),
  );

/// A date input's value as the end of that day, local time (ISO), or null.
const endOfDay = (v: string) => (v ? new Date(`${v}T23:59:59`).toISOString() : null);

function linkOutput(path: string): HTMLElement {
  const url = `${location.origin}${path}`;
  const out = h("input", {
    class: "gl-link-output",
    readonly: true,
    value: url,
    "data-testid": "invite-link",
    "aria-label": t("share.inviteLink"),
  });
  return h(
    "div",
    { class: "gl-link-box" },
    out,
    h(
      "button",
      {
        type: "button",
        onclick: () => {
          out.select();
          void navigator.clipboard?.writeText(url).catch(() => {});
        },
      },
      t("share.copy"),
    ),
    h("p", { class: "gl-hint" }, t("share.linkHint")),
  );
}

/// What the parts of the sharing panel share: the document's API path, the
/// note for results and refusals, the place for a created link, and `load`,
/// which reads the shares and invitations again.
interface SharingPanel {
  /// The document's id.
  id: string;
  note: HTMLElement;
  created: HTMLElement;
  fail: (err: Error) => void;
  load: () => Promise<void>;
}

/// The sharing panel for a document: for its owners, who has which role
/// (change, remove), sharing by email, invitation links with a role and an
/// expiry, and withdrawing them. Others see nothing (the server would
/// refuse anyway). Returns a function that removes the panel.
export function mountSharing(container: HTMLElement, documentId: string, role: Role): () => void {
  if (role !== "owner") return () => {};
  const people = h("ul", { class: "gl-list", "data-testid": "share-people" });
  const invites = h("ul", { class: "gl-list", "data-testid": "share-invites" });
  const note = h("p", { class: "gl-form-note", role: "status" });
  const p: SharingPanel = {
    id: documentId,
    note,
    created: h("div", {}),
    fail: (err) => {
      note.textContent = errorText(err);
    },
    load: async () => {
      const data = await api("GET /api/documents/:id/shares", { id: p.id });
      people.replaceChildren(...data.shares.map((s) => shareRow(p, s)));
      invites.replaceChildren(...data.invites.map((i) => inviteRow(p, i)));
    },
  };
  const panel = h(
    "section",
    { class: "gl-share-panel", "data-testid": "share-panel", "aria-label": t("share.title") },
    h("h2", {}, t("share.title")),
    h(
      "p",
      { class: "gl-hint" },
      ROLES.map((r) => `${t(`roles.${r}`)}: ${t(`roleHelp.${r}`)}`).join(" · "),
    ),
    people,
    h("h3", {}, t("share.addPeople")),
    byEmailForm(p),
    byLinkForm(p),
    note,
    p.created,
    h("h3", {}, t("share.openInvites")),
    invites,
  );
  panel.hidden = true;
  const toggle = h(
    "button",
    {
      type: "button",
      class: "gl-share-button",
      "aria-expanded": "false",
      onclick: () => {
        panel.hidden = !panel.hidden;
        toggle.setAttribute("aria-expanded", String(!panel.hidden));
        if (!panel.hidden) p.load().catch(p.fail);
      },
    },
    t("share.share"),
  );
  const wrap = h("div", { class: "gl-share" }, toggle, panel);
  container.append(wrap);
  return () => wrap.remove();
}

/// One person with access: name, email, expiry, their role (a select that
/// changes it) and Remove.
function shareRow(p: SharingPanel, s: ShareItem): HTMLElement {
  const { id, note, fail, load } = p;
  const select = roleSelect(s.role, t("share.roleOf", { name: s.name }));
  select.addEventListener("change", () => {
    note.textContent = "";
    api("POST /api/documents/:id/shares", {
      id,
      body: { email: s.email, role: select.value as Role, expiresAt: s.expiresAt },
    }).then(load, (err: Error) => {
      fail(err);
      select.value = s.role;
    });
  });
  return h(
    "li",
    { "data-email": s.email },
    h(
      "span",
      {},
      s.you ? t("editor.peerSelf", { name: s.name }) : s.name,
      h(
        "span",
        { class: "gl-muted" },
        ` · ${s.email}${s.expiresAt ? ` · ${t("share.until", { date: fmt.date(s.expiresAt) })}` : ""}`,
      ),
    ),
    select,
    h(
      "button",
      {
        type: "button",
        onclick: () => {
          note.textContent = "";
          api("DELETE /api/documents/:id/shares/:userId", { id, userId: s.userId }).then(
            load,
            fail,
          );
        },
      },
      t("share.remove"),
    ),
  );
}

/// One open invitation: for whom, which role, until when, how used; Withdraw.
function inviteRow(p: SharingPanel, i: InviteItem): HTMLElement {
  return h(
    "li",
    {},
    h(
      "span",
      {},
      `${i.email ?? t("share.link")} · ${t(`roles.${i.role}`)}`,
      h(
        "span",
        { class: "gl-muted" },
        `${i.expiresAt ? ` · ${t("share.until", { date: fmt.date(i.expiresAt) })}` : ""} · ${t("share.used", { uses: i.maxUses ? `${i.uses}/${i.maxUses}` : String(i.uses) })}`,
      ),
    ),
    h(
      "button",
      {
        type: "button",
        onclick: () =>
          api("DELETE /api/documents/:id/invites/:inviteId", { id: p.id, inviteId: i.id }).then(
            p.load,
            p.fail,
          ),
      },
      t("share.withdraw"),
    ),
  );
}

/// Sharing with a person by email, with a role and an optional last day; a
/// person without an account gets an invitation link to pass on.
function byEmailForm(p: SharingPanel): HTMLFormElement {
  const { id, note, created, fail, load } = p;
  const email = h("input", {
    type: "email",
    required: true,
    "aria-label": t("signin.email"),
    placeholder: "name@example.org",
  });
  const emailRole = roleSelect("viewer", t("share.roleForPerson"));
  const until = h("input", { type: "date", "aria-label": t("share.accessUntil") });
  return h(
    "form",
    {
      class: "gl-inline-form",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        note.textContent = "";
        created.replaceChildren();
        try {
          const r = await api("POST /api/documents/:id/shares", {
            id,
            body: {
              email: email.value,
              role: emailRole.value as Role,
              expiresAt: endOfDay(until.value),
            },
          });
          if (r.invited) {
            note.textContent = t("share.noAccount", { email: email.value });
            created.replaceChildren(linkOutput(r.path));
          }
          email.value = "";
          await load();
        } catch (err) {
          fail(err as Error);
        }
      },
    },
    email,
    emailRole,
    h("label", { class: "gl-muted" }, `${t("share.untilLabel")} `, until),
    h("button", { type: "submit" }, t("share.share")),
  );
}

/// An invitation link with a role, valid for 1, 7 or 30 days.
function byLinkForm(p: SharingPanel): HTMLFormElement {
  const { id, note, created, fail, load } = p;
  const linkRole = roleSelect("viewer", t("share.roleForLink"));
  const linkDays = h(
    "select",
    { "aria-label": t("share.validFor") },
    ...[1, 7, 30].map((d) =>
      h("option", { value: String(d), selected: d === 7 }, t("share.days", { count: d })),
    ),
  );
  return h(
    "form",
    {
      class: "gl-inline-form",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        note.textContent = "";
        try {
          const r = await api("POST /api/documents/:id/invites", {
            id,
            body: {
              role: linkRole.value as Role,
              expiresAt: new Date(Date.now() + Number(linkDays.value) * 86_400_000).toISOString(),
            },
          });
          created.replaceChildren(linkOutput(r.path));
          await load();
        } catch (err) {
          fail(err as Error);
        }
      },
    },
    h("span", {}, `${t("share.linkAs")} `),
    linkRole,
    h("span", {}, ` ${t("share.validForInline")} `),
    linkDays,
    h("button", { type: "submit", "data-testid": "create-invite" }, t("share.createLink")),
  );
}

/// A page of its own for sharing a document (`/d/<id>/share`).
export function showSharePage(
  root: HTMLElement,
  documentId: string,
  navigate: (path: string) => void,
): () => void {
  const title = h("h1", {}, t("share.title"));
  const body = h("main", { class: "gl-page" }, title);
  root.append(
    h(
      "div",
      { class: "gl-shell" },
      topBar(
        navigate,
        h(
          "a",
          {
            href: `/d/${documentId}`,
            onclick: (e: Event) => {
              e.preventDefault();
              navigate(`/d/${documentId}`);
            },
          },
          t("share.back"),
        ),
        h("span", { class: "gl-spacer" }),
      ),
      body,
    ),
  );
  let unmount = () => {};
  api("GET /api/documents/:id", { id: documentId }).then(
    (meta) => {
      title.textContent = t("share.titleOf", { title: meta.title });
      if (meta.role !== "owner") {
        body.append(
          h(
            "p",
            { class: "gl-banner" },
            t("share.notOwner", { role: t(`roles.${meta.role}`).toLowerCase() }),
          ),
        );
        return;
      }
      unmount = mountSharing(body, documentId, meta.role);
      (body.querySelector(".gl-share-button") as HTMLButtonElement | null)?.click();
    },
    (err: Error) =>
      body.append(h("p", { class: "gl-banner gl-banner-error", role: "alert" }, errorText(err))),
  );
  return () => unmount();
}
