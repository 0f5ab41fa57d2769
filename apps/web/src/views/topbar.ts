import { h } from "../dom.ts";
import { t } from "../i18n/index.ts";

/// The bar at the top of every page: the Glossa link home, then `items`.
export function topBar(navigate: (path: string) => void, ...items: (Node | null)[]): HTMLElement {
  return h(
    "header",
    { class: "gl-topbar" },
    h(
      "a",
      {
        class: "gl-brand",
        href: "/",
        "aria-label": t("topbar.home"),
        onclick: (e: Event) => {
          e.preventDefault();
          navigate("/");
        },
      },
      "Glossa",
    ),
    ...items,
  );
}
