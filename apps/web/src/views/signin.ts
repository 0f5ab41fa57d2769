import type { RouteAnswer } from "@glossa/api";
import { type ApiError, api, auth } from "../api.ts";
import { h } from "../dom.ts";
import { errorText, t } from "../i18n/index.ts";
import { languageSwitch } from "./language.ts";

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
          error.textContent = errorText(err);
        }
      },
    },
    h("h1", {}, t("signin.title")),
    h("label", {}, t("signin.email"), email),
    h("label", {}, t("signin.password"), password),
    error,
    h("button", { type: "submit" }, t("signin.submit")),
    h("p", { class: "gl-hint" }, t("signin.hint")),
  );
  root.append(h("main", { class: "gl-center" }, form, languageSwitch()));
  email.focus();
  return () => {};
}

type InviteInfo = RouteAnswer<"POST /api/invites/lookup">;

const field = (label: string, input: HTMLInputElement) => h("label", {}, label, input);
const input = (attrs: Record<string, string | boolean>) => h("input", { required: true, ...attrs });

/// Accepting an invitation (`/#invite=<code>`): a new person chooses a name
/// and password; someone signed in accepts with one click. The code stays
/// in memory only (the fragment is removed from the address bar). The
/// language switch works as on the sign-in page (kept for the account).
export function showInvite(
  root: HTMLElement,
  code: string,
  navigate: (path: string) => void,
): () => void {
  const box = h(
    "div",
    { class: "gl-signin", "data-testid": "invite" },
    h("p", { class: "gl-muted" }, t("invite.checking")),
  );
  root.append(h("main", { class: "gl-center" }, box, languageSwitch()));
  const error = h("p", { class: "gl-form-error", role: "alert" });
  const ctx: InviteForm = { code, error, open: (documentId) => navigate(`/d/${documentId}`) };

  api("POST /api/invites/lookup", { body: { code } }).then(
    (info) => {
      const intro = [
        h("h1", {}, t("invite.title", { title: info.documentTitle })),
        h(
          "p",
          { "data-testid": "invite-role" },
          t("invite.role", {
            who: info.invitedBy ?? t("invite.theOwner"),
            role: t(`roles.${info.role}`).toLowerCase(),
            help: t(`roleHelp.${info.role}`),
          }),
        ),
      ];
      const me = auth.me;
      if (me) {
        box.replaceChildren(...intro, error, acceptButton(ctx, me.name));
        return;
      }
      const signup = signupForm(ctx, info);
      box.replaceChildren(...intro, signup.form);
      signup.focus();
    },
    (err: Error) =>
      box.replaceChildren(
        h("h1", {}, t("invite.heading")),
        h("p", { class: "gl-banner gl-banner-error", role: "alert" }, errorText(err)),
      ),
  );
  return () => {};
}

/// What the invitation's forms share: its code, the error line and the way
/// into the document once accepted.
interface InviteForm {
  code: string;
  error: HTMLElement;
  open: (documentId: string) => void;
}

/// Accepting as the person already signed in.
function acceptButton(o: InviteForm, name: string): HTMLElement {
  return h(
    "button",
    {
      type: "button",
      onclick: async () => {
        o.error.textContent = "";
        try {
          const r = await api("POST /api/invites/accept", { body: { code: o.code } });
          o.open(r.documentId);
        } catch (err) {
          o.error.textContent = errorText(err);
        }
      },
    },
    t("invite.accept", { name }),
  );
}

/// Creating an account to accept (the email fixed when the invitation names
/// one); an email that already has an account turns the form into signing in.
function signupForm(o: InviteForm, info: InviteInfo): { form: HTMLElement; focus: () => void } {
  const { code, error } = o;
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
          const r = await api("POST /api/invites/accept", {
            body: { code, name: name.value, email: email.value, password: password.value },
          });
          if ("token" in r) auth.adopt(r);
          o.open(r.documentId);
        } catch (err) {
          error.textContent = errorText(err);
          if ((err as ApiError).code === "account_exists")
            signup.replaceWith(signInForm(o, email.value));
        }
      },
    },
    field(t("invite.name"), name),
    field(t("signin.email"), email),
    field(t("invite.choosePassword"), password),
    error,
    h("button", { type: "submit" }, t("invite.create")),
  );
  return { form: signup, focus: () => name.focus() };
}

/// Signing in as the account that already has this email, then accepting.
function signInForm(o: InviteForm, email: string): HTMLElement {
  const pw = input({ type: "password", autocomplete: "current-password" });
  return h(
    "form",
    {
      class: "gl-form",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          await auth.signIn(email, pw.value);
          const r = await api("POST /api/invites/accept", { body: { code: o.code } });
          o.open(r.documentId);
        } catch (err) {
          o.error.textContent = errorText(err);
        }
      },
    },
    h("p", {}, t("invite.signInAs", { email })),
    field(t("signin.password"), pw),
    o.error,
    h("button", { type: "submit" }, t("invite.signInAccept")),
  );
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
          error.textContent = t("reset.mismatch");
          return;
        }
        try {
          auth.adopt(
            await api("POST /api/password/reset", { body: { code, password: password.value } }),
          );
          navigate("/");
        } catch (err) {
          error.textContent = errorText(err);
        }
      },
    },
    h("h1", {}, t("reset.title")),
    field(t("reset.newPassword"), password),
    field(t("reset.repeat"), again),
    error,
    h("button", { type: "submit" }, t("reset.submit")),
  );
  root.append(h("main", { class: "gl-center" }, form, languageSwitch()));
  password.focus();
  return () => {};
}
