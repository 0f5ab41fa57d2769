import { schema } from "@glossa/schema";
import { DOMSerializer, Node as PMNode } from "prosemirror-model";
import { h } from "../dom.ts";
import { t } from "../i18n/index.ts";
import type { ExportRequest } from "./exports.ts";
import { describe, kindLabel, statusLabel, when } from "./labels.ts";
import type { VersionAnnotation, VersionDocument } from "./wire.ts";

/// A version shown read-only: its name and what it is, its actions (compare
/// with now, exports, the redline since it, `restore` when offered), its text
/// and its annotations as they were.
export function versionDocumentView(
  v: VersionDocument,
  o: {
    compare: (from: string, to: string) => void;
    download: (what: ExportRequest) => void;
    restore: HTMLElement | null;
  },
): HTMLElement[] {
  const doc = PMNode.fromJSON(schema, v.doc);
  const body = h("div", { class: "gl-version-doc", "data-testid": "version-doc" });
  body.append(DOMSerializer.fromSchema(schema).serializeFragment(doc.content));
  const button = (label: string, onclick: () => void, attrs: Record<string, string> = {}) =>
    h("button", { type: "button", ...attrs, onclick }, label);
  const id = v.version.id;
  return [
    h(
      "div",
      { class: "gl-versions-head" },
      h("h3", {}, v.version.name),
      h("p", { class: "gl-muted" }, describe(v.version)),
      h(
        "div",
        { class: "gl-versions-actions" },
        button(t("history.compareNow"), () => o.compare(id, "current")),
        button("Word", () => o.download({ format: "docx", version: id })),
        button("HTML", () => o.download({ format: "html", version: id })),
        button(
          t("history.redlineSince"),
          () => o.download({ format: "docx", from: id, to: "current" }),
          {
            class: "gl-version-redline",
            title: t("history.redlineSinceTitle"),
          },
        ),
        o.restore,
      ),
    ),
    h(
      "div",
      { class: "gl-versions-columns" },
      h(
        "article",
        { class: "gl-paper gl-version-paper", "aria-label": t("history.versionText") },
        body,
      ),
      annotationList(v.annotations),
    ),
  ];
}

function annotationList(list: VersionAnnotation[]): HTMLElement {
  if (!list.length)
    return h(
      "aside",
      { class: "gl-version-annotations" },
      h("p", { class: "gl-hint" }, t("history.noAnnotations")),
    );
  return h(
    "aside",
    { class: "gl-version-annotations" },
    h("h4", {}, t("history.annotationsThen", { count: list.length })),
    h(
      "ol",
      {},
      ...list.map((a) =>
        h(
          "li",
          { class: "gl-version-annotation", "data-annotation": a.id },
          h(
            "p",
            { class: "gl-version-annotation-head" },
            h("strong", {}, kindLabel(a.kind)),
            a.status ? ` · ${statusLabel(a.status)}` : "",
            a.resolved ? ` · ${t("history.resolvedBy", { name: a.resolved.by.name })}` : "",
            a.detached || a.anchor.status === "detached" ? ` · ${t("history.detached")}` : "",
          ),
          h("blockquote", {}, a.selector.quote.exact),
          ...a.messages.map((m) =>
            h(
              "p",
              { class: "gl-version-message" },
              h("strong", {}, m.author.name),
              h("span", { class: "gl-muted" }, ` ${when(m.createdAt)} `),
              m.body,
            ),
          ),
        ),
      ),
    ),
  );
}
