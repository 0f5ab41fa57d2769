import type { Role } from "@glossa/protocol";
import { type ApiError, auth, request } from "../api.ts";
import { h } from "../dom.ts";

/// The sign-in form (email and password).
export function showSignIn(root: HTMLElement, done: () => void): () => void {
  const error = h("p", { class: "gl-form-error", role: "alert" });
  const email = h("input", {
    type: "email",
    name: "email",
    autocomplete: "username",
    required: true,
  });
  const password = h("input", {
    type: "password",
    name: "password",
    autocomplete: "current-password",
    required: true,
  });
  const form = h(
    "form",
    {
      class: "gl-signin",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        error.textContent = "";
        try {
          await auth.signIn(email.value, password.value);
          done();
        } catch (err) {
          error.textContent = (err as Error).message;
        }
      },
    },
    h("h1", {}, "Sign in to Glossa"),
    h("label", {}, "Email", email),
    h("label", {}, "Password", password),
    error,
    h("button", { type: "submit" }, "Sign in"),
    h(
      "p",
      { class: "gl-hint" },
      "First time here? Use the one-time link printed when Glossa started, or ask the document's owner for an invitation.",
    ),
  );
  root.append(h("main", { class: "gl-center" }, form));
  email.focus();
  return () => {};
}

interface InviteInfo {
  documentTitle: string;
  role: Role;
  email: string | null;
  invitedBy: string | null;
  expiresAt: string;
}

interface Session {
  token: string;
  expiresAt: number;
  user: { id: string; name: string; email: string };
}

export const ROLE_HELP: Record<Role, string> = {
  owner: "can edit, annotate and share",
  editor: "can edit the text and annotate",
  annotator: "can annotate but not change the text",
  viewer: "can read",
};

const field = (label: string, input: HTMLInputElement) => h("label", {}, label, input);
const input = (attrs: Record<string, string | boolean>) => h("input", { required: true, ...attrs });

/// Accepting an invitation (`/#invite=<code>`): a new person chooses a name
/// and password; someone signed in accepts with one click. The code stays
/// in memory only (the fragment is removed from the address bar).
export function showInvite(
  root: HTMLElement,
  code: string,
  navigate: (path: string) => void,
): () => void {
  const box = h(
    "div",
    { class: "gl-signin", "data-testid": "invite" },
    h("p", { class: "gl-muted" }, "Checking the invitation…"),
  );
  root.append(h("main", { class: "gl-center" }, box));
  const error = h("p", { class: "gl-form-error", role: "alert" });
  const open = (documentId: string) => navigate(`/d/${documentId}`);

  request<InviteInfo>("POST", "/api/invites/lookup", { code }).then(
    (info) => {
      const intro = [
        h("h1", {}, `You are invited to “${info.documentTitle}”`),
        h(
          "p",
          { "data-testid": "invite-role" },
          `${info.invitedBy ?? "The owner"} invites you as ${info.role}: you ${ROLE_HELP[info.role]}.`,
        ),
      ];
      const me = auth.me;
      if (me) {
        const accept = h(
          "button",
          {
            type: "button",
            onclick: async () => {
              error.textContent = "";
              try {
                const r = await request<{ documentId: string }>("POST", "/api/invites/accept", {
                  code,
                });
                open(r.documentId);
              } catch (err) {
                error.textContent = (err as Error).message;
              }
            },
          },
          `Accept as ${me.name}`,
        );
        box.replaceChildren(...intro, error, accept);
        return;
      }
      const name = input({ name: "name", autocomplete: "name", maxlength: "100" });
      const email = input({
        type: "email",
        name: "email",
        autocomplete: "username",
        value: info.email ?? "",
        readonly: info.email !== null,
      });
      const password = input({
        type: "password",
        name: "password",
        autocomplete: "new-password",
        minlength: "10",
      });
      const signup = h(
        "form",
        {
          class: "gl-form",
          onsubmit: async (e: Event) => {
            e.preventDefault();
            error.textContent = "";
            try {
              const r = await request<Session & { documentId: string }>(
                "POST",
                "/api/invites/accept",
                { code, name: name.value, email: email.value, password: password.value },
              );
              auth.adopt(r);
              open(r.documentId);
            } catch (err) {
              error.textContent = (err as Error).message;
              if ((err as ApiError).code === "account_exists") signInFirst();
            }
          },
        },
        field("Your name", name),
        field("Email", email),
        field("Choose a password (at least 10 characters)", password),
        error,
        h("button", { type: "submit" }, "Create account and open"),
      );
      const signInFirst = () => {
        const pw = input({ type: "password", autocomplete: "current-password" });
        signup.replaceWith(
          h(
            "form",
            {
              class: "gl-form",
              onsubmit: async (e: Event) => {
                e.preventDefault();
                try {
                  await auth.signIn(email.value, pw.value);
                  const r = await request<{ documentId: string }>("POST", "/api/invites/accept", {
                    code,
                  });
                  open(r.documentId);
                } catch (err) {
                  error.textContent = (err as Error).message;
                }
              },
            },
            h("p", {}, `Sign in as ${email.value} to accept.`),
            field("Password", pw),
            error,
            h("button", { type: "submit" }, "Sign in and accept"),
          ),
        );
      };
      box.replaceChildren(...intro, signup);
      name.focus();
    },
    (err: Error) =>
      box.replaceChildren(
        h("h1", {}, "Invitation"),
        h("p", { class: "gl-banner gl-banner-error", role: "alert" }, err.message),
      ),
  );
  return () => {};
}

/// Choosing a new password from an administrator's reset link
/// (`/#reset=<code>`); every other session of the account is signed out.
export function showReset(
  root: HTMLElement,
  code: string,
  navigate: (path: string) => void,
): () => void {
  const error = h("p", { class: "gl-form-error", role: "alert" });
  const password = input({ type: "password", autocomplete: "new-password", minlength: "10" });
  const again = input({ type: "password", autocomplete: "new-password", minlength: "10" });
  const form = h(
    "form",
    {
      class: "gl-signin",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        error.textContent = "";
        if (password.value !== again.value) {
          error.textContent = "The two passwords are not the same.";
          return;
        }
        try {
          auth.adopt(
            await request<Session>("POST", "/api/password/reset", {
              code,
              password: password.value,
            }),
          );
          navigate("/");
        } catch (err) {
          error.textContent = (err as Error).message;
        }
      },
    },
    h("h1", {}, "Choose a new password"),
    field("New password (at least 10 characters)", password),
    field("Repeat it", again),
    error,
    h("button", { type: "submit" }, "Save and sign in"),
  );
  root.append(h("main", { class: "gl-center" }, form));
  password.focus();
  return () => {};
}
