import { auth } from "../api.ts";
import { h } from "../dom.ts";
import { t } from "../i18n/index.ts";
import { unsavedWork } from "../state/unsavedWork.ts";

/// Signs out, first asking, when changes of the open document have not
/// reached the server, whether to go on. Their copy in this browser's
/// storage is kept either way (never deleted here): it is sent the next
/// time the same person signs in on this browser and opens the document.
export async function signOutAsking(navigate: (path: string) => void): Promise<void> {
  if (unsavedWork.count() > 0 && !(await confirmSignOut())) return;
  await auth.signOut();
  navigate("/");
}

/// A modal dialog in words a lawyer reads once; resolves true to sign out.
function confirmSignOut(): Promise<boolean> {
  const stay = h("button", { type: "button", class: "gl-signout-stay" }, t("signOutDialog.stay"));
  const leave = h(
    "button",
    { type: "button", class: "gl-danger gl-signout-leave" },
    t("signOutDialog.leave"),
  );
  const dialog = h(
    "dialog",
    { class: "gl-signout-dialog", "aria-labelledby": "gl-signout-title" },
    h("h2", { id: "gl-signout-title" }, t("signOutDialog.title")),
    h("p", {}, t("signOutDialog.body")),
    h("p", {}, t("signOutDialog.kept")),
    h("div", { class: "gl-signout-actions" }, stay, leave),
  );
  document.body.append(dialog);
  return new Promise((resolve) => {
    const done = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    stay.addEventListener("click", () => done(false));
    leave.addEventListener("click", () => done(true));
    // Escape cancels.
    dialog.addEventListener("cancel", (e) => {
      e.preventDefault();
      done(false);
    });
    dialog.showModal();
    stay.focus();
  });
}
