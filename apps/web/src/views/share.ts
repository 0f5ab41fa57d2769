import { ROLES, type Role } from "@glossa/protocol";
import { request } from "../api.ts";
import { h } from "../dom.ts";
import { ROLE_HELP } from "./signin.ts";
import { topBar } from "./topbar.ts";

interface ShareItem {
  userId: string;
  name: string;
  email: string;
  role: Role;
  expiresAt: string | null;
  you: boolean;
}

interface InviteItem {
  id: string;
  role: Role;
  email: string | null;
  expiresAt: string;
  uses: number;
  maxUses: number | null;
}

interface Sharing {
  shares: ShareItem[];
  invites: InviteItem[];
}

const roleSelect = (value: Role, label: string) =>
  h(
    "select",
    { "aria-label": label },
    ...ROLES.map((r) => h("option", { value: r, selected: r === value }, r)),
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
    "aria-label": "Invitation link",
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
      "Copy",
    ),
    h(
      "p",
      { class: "gl-hint" },
      "Anyone with this link can join with that role until it expires. It is shown only now.",
    ),
  );
}

/// The sharing panel for a document: for its owners, who has which role
/// (change, remove), sharing by email, invitation links with a role and an
/// expiry, and withdrawing them. Others see nothing (the server would
/// refuse anyway). Returns a function that removes the panel.
export function mountSharing(container: HTMLElement, documentId: string, role: Role): () => void {
  if (role !== "owner") return () => {};
  const base = `/api/documents/${encodeURIComponent(documentId)}`;
  const people = h("ul", { class: "gl-list", "data-testid": "share-people" });
  const invites = h("ul", { class: "gl-list", "data-testid": "share-invites" });
  const note = h("p", { class: "gl-form-note", role: "status" });
  const created = h("div", {});
  const fail = (err: Error) => {
    note.textContent = err.message;
  };

  const load = async () => {
    const data = await request<Sharing>("GET", `${base}/shares`);
    people.replaceChildren(
      ...data.shares.map((s) => {
        const select = roleSelect(s.role, `Role of ${s.name}`);
        select.addEventListener("change", () => {
          note.textContent = "";
          request("POST", `${base}/shares`, {
            email: s.email,
            role: select.value,
            expiresAt: s.expiresAt,
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
            `${s.name}${s.you ? " (you)" : ""}`,
            h(
              "span",
              { class: "gl-muted" },
              ` · ${s.email}${s.expiresAt ? ` · until ${new Date(s.expiresAt).toLocaleDateString()}` : ""}`,
            ),
          ),
          select,
          h(
            "button",
            {
              type: "button",
              onclick: () => {
                note.textContent = "";
                request("DELETE", `${base}/shares/${encodeURIComponent(s.userId)}`).then(
                  load,
                  fail,
                );
              },
            },
            "Remove",
          ),
        );
      }),
    );
    invites.replaceChildren(
      ...data.invites.map((i) =>
        h(
          "li",
          {},
          h(
            "span",
            {},
            `${i.email ?? "Link"} · ${i.role}`,
            h(
              "span",
              { class: "gl-muted" },
              ` · until ${new Date(i.expiresAt).toLocaleDateString()} · used ${i.uses}${i.maxUses ? `/${i.maxUses}` : ""}`,
            ),
          ),
          h(
            "button",
            {
              type: "button",
              onclick: () =>
                request("DELETE", `${base}/invites/${encodeURIComponent(i.id)}`).then(load, fail),
            },
            "Withdraw",
          ),
        ),
      ),
    );
  };

  const email = h("input", {
    type: "email",
    required: true,
    "aria-label": "Email",
    placeholder: "name@example.org",
  });
  const emailRole = roleSelect("viewer", "Role for this person");
  const until = h("input", { type: "date", "aria-label": "Access until (optional)" });
  const byEmail = h(
    "form",
    {
      class: "gl-inline-form",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        note.textContent = "";
        created.replaceChildren();
        try {
          const r = await request<{ invited: boolean; path?: string }>("POST", `${base}/shares`, {
            email: email.value,
            role: emailRole.value,
            expiresAt: endOfDay(until.value),
          });
          if (r.invited && r.path) {
            note.textContent = `${email.value} has no account yet: send them this invitation.`;
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
    h("label", { class: "gl-muted" }, "until ", until),
    h("button", { type: "submit" }, "Share"),
  );

  const linkRole = roleSelect("viewer", "Role for the invitation link");
  const linkDays = h(
    "select",
    { "aria-label": "Link valid for" },
    ...[1, 7, 30].map((d) =>
      h("option", { value: String(d), selected: d === 7 }, `${d} day${d > 1 ? "s" : ""}`),
    ),
  );
  const byLink = h(
    "form",
    {
      class: "gl-inline-form",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        note.textContent = "";
        try {
          const r = await request<{ path: string }>("POST", `${base}/invites`, {
            role: linkRole.value,
            expiresAt: new Date(Date.now() + Number(linkDays.value) * 86_400_000).toISOString(),
          });
          created.replaceChildren(linkOutput(r.path));
          await load();
        } catch (err) {
          fail(err as Error);
        }
      },
    },
    h("span", {}, "Invitation link as "),
    linkRole,
    h("span", {}, " valid for "),
    linkDays,
    h("button", { type: "submit", "data-testid": "create-invite" }, "Create link"),
  );

  const panel = h(
    "section",
    { class: "gl-share-panel", "data-testid": "share-panel", "aria-label": "Sharing" },
    h("h2", {}, "Sharing"),
    h("p", { class: "gl-hint" }, ROLES.map((r) => `${r} ${ROLE_HELP[r]}`).join(" · ")),
    people,
    h("h3", {}, "Add people"),
    byEmail,
    byLink,
    note,
    created,
    h("h3", {}, "Open invitations"),
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
        if (!panel.hidden) load().catch(fail);
      },
    },
    "Share",
  );
  const wrap = h("div", { class: "gl-share" }, toggle, panel);
  container.append(wrap);
  return () => wrap.remove();
}

/// A page of its own for sharing a document (`/d/<id>/share`).
export function showSharePage(
  root: HTMLElement,
  documentId: string,
  navigate: (path: string) => void,
): () => void {
  const title = h("h1", {}, "Sharing");
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
          "Back to the document",
        ),
        h("span", { class: "gl-spacer" }),
      ),
      body,
    ),
  );
  let unmount = () => {};
  request<{ title: string; role: Role }>(
    "GET",
    `/api/documents/${encodeURIComponent(documentId)}`,
  ).then(
    (meta) => {
      title.textContent = `Sharing “${meta.title}”`;
      if (meta.role !== "owner") {
        body.append(
          h(
            "p",
            { class: "gl-banner" },
            `You are ${meta.role} of this document; only its owners can share it.`,
          ),
        );
        return;
      }
      unmount = mountSharing(body, documentId, meta.role);
      (body.querySelector(".gl-share-button") as HTMLButtonElement | null)?.click();
    },
    (err: Error) =>
      body.append(h("p", { class: "gl-banner gl-banner-error", role: "alert" }, err.message)),
  );
  return () => unmount();
}
