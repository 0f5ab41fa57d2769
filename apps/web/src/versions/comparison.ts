import { colorFor } from "@glossa/protocol";
import { BLOCK_SEPARATOR } from "@glossa/schema";
import { h } from "../dom.ts";
import { fmt, t } from "../i18n/index.ts";
import { kindLabel, statusLabel, when } from "./labels.ts";
import type { AnnotationChange, Comparison, TextChange } from "./wire.ts";

/// What changed between two versions (or one and now), as History shows it:
/// a heading with the counts and authors, the text with insertions and
/// deletions, and the annotations' changes beside it.
export function comparisonView(c: Comparison): HTMLElement[] {
  const title = `${c.from?.name ?? "?"} → ${c.to ? c.to.name : t("history.nowLower")}`;
  const authors = fmt.list(
    c.text.authors.map(
      (a) => `${a.name || t("history.unknownAuthorLower")} (${fmt.number(a.inserted)})`,
    ),
  );
  const summary =
    c.text.inserted || c.text.deleted
      ? `${
          authors
            ? t("history.insertedBy", {
                count: c.text.inserted,
                n: fmt.number(c.text.inserted),
                authors,
              })
            : t("history.inserted", { count: c.text.inserted, n: fmt.number(c.text.inserted) })
        }; ${t("history.deleted", { count: c.text.deleted, n: fmt.number(c.text.deleted) })}`
      : t("history.same");
  // The server's notes are English sentences for API clients; the same
  // facts are said here in the person's language.
  const notes = [
    t("history.noteAuthors"),
    ...(c.text.authors.some((a) => a.id === null) ? [t("history.noteUnknown")] : []),
    t("history.noteMarks"),
  ];
  return [
    h(
      "div",
      { class: "gl-versions-head" },
      h("h3", {}, title),
      h("p", { class: "gl-diff-summary" }, summary),
      ...notes.map((n) => h("p", { class: "gl-muted gl-diff-note" }, n)),
    ),
    h(
      "div",
      { class: "gl-versions-columns" },
      h(
        "article",
        { class: "gl-paper gl-diff-paper", "aria-label": t("history.changes") },
        diff(c.text.changes, c.text.blocks),
      ),
      annotationChanges(c.annotations),
    ),
  ];
}

/// The text with insertions (coloured by author, named) and deletions, in
/// paragraphs.
function diff(changes: TextChange[], blocks: string[]): HTMLElement {
  const root = h("div", { class: "gl-diff", "data-testid": "diff" });
  // Block separators of the newer text (in equal and inserted stretches)
  // move to its next block; those of deleted stretches open a paragraph
  // of deleted text.
  let block = 0;
  const open = (type: string | undefined) => {
    const p = h("p", { class: `gl-diff-block gl-diff-${type ?? "deleted"}` });
    root.append(p);
    return p;
  };
  let p = open(blocks[0]);
  let lastAuthor: string | null | undefined;
  for (const c of changes) {
    const pieces = c.text.split(BLOCK_SEPARATOR);
    pieces.forEach((piece, i) => {
      if (i > 0) {
        if (c.op !== "delete") block++;
        p = open(c.op === "delete" ? undefined : blocks[block]);
        lastAuthor = undefined;
      }
      if (!piece) return;
      if (c.op === "equal") {
        p.append(piece);
        lastAuthor = undefined;
      } else if (c.op === "delete") {
        p.append(h("del", { class: "gl-del", title: t("history.delTitle") }, piece));
      } else {
        const name = c.author?.name ?? t("history.unknownAuthor");
        const ins = h(
          "ins",
          {
            class: "gl-ins",
            title: t("history.insTitle", { name }),
            "data-author": name,
          },
          piece,
        );
        const colour = c.author ? colorFor(c.author.id) : "#888888";
        ins.style.borderBottomColor = colour;
        const id = c.author?.id ?? null;
        if (lastAuthor !== id) {
          const tag = h("span", { class: "gl-ins-author", "aria-hidden": "true" }, name);
          tag.style.backgroundColor = colour;
          p.append(tag);
        }
        lastAuthor = id;
        p.append(ins);
      }
    });
  }
  for (const el of [...root.children]) if (!el.textContent) el.remove();
  return root;
}

function annotationChanges(list: AnnotationChange[]): HTMLElement {
  if (!list.length)
    return h(
      "aside",
      { class: "gl-version-annotations" },
      h("p", { class: "gl-hint" }, t("history.noChanges")),
    );
  return h(
    "aside",
    { class: "gl-version-annotations" },
    h("h4", {}, t("annotations.title")),
    h(
      "ol",
      { class: "gl-annotation-changes" },
      ...list.map((c) =>
        h(
          "li",
          { class: `gl-annotation-change gl-change-${c.type}`, "data-change": c.type },
          h(
            "p",
            {},
            h("strong", {}, t(`history.change.${c.type}`)),
            ` · ${kindLabel(c.annotation.kind)}`,
            c.by ? ` · ${c.by.name}` : "",
            c.at ? h("span", { class: "gl-muted" }, ` · ${when(c.at)}`) : null,
          ),
          h("blockquote", {}, c.annotation.quote),
          c.detail
            ? h("p", {}, c.type === "status" ? statusChange(c.detail) : c.detail)
            : c.type === "added" && c.annotation.body
              ? h("p", {}, c.annotation.body)
              : null,
        ),
      ),
    ),
  );
}

/// A claim-status change ("sourced → verified") in the person's words.
function statusChange(detail: string): string {
  return detail
    .split(" → ")
    .map((s) => (s === "none" ? t("history.noStatus") : statusLabel(s)))
    .join(" → ");
}
