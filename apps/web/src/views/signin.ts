import { auth } from "../api.ts";
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
