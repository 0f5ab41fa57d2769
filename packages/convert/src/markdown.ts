import MarkdownIt from "markdown-it";
import footnote from "markdown-it-footnote";
import { htmlToDoc } from "./html.ts";
import type { Converted } from "./types.ts";

/// CommonMark with footnotes ([^1]); raw HTML in the Markdown is shown as
/// text, never interpreted.
const md = new MarkdownIt("commonmark", { html: false, linkify: false }).use(
  // The plugin's types are written against an older markdown-it.
  footnote as unknown as (md: InstanceType<typeof MarkdownIt>) => void,
);

/// Converts Markdown: markdown-it renders it, the schema's parser reads the
/// result (the same path as HTML files, so both keep the same structure).
export function convertMarkdown(text: string, opts: { fallbackTitle: string }): Converted {
  // A YAML front matter "title:" is the document's own title.
  const front = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const title = front ? /^title:\s*["']?(.*?)["']?\s*$/m.exec(front[1]!)?.[1] : null;
  const body = front ? text.slice(front[0].length) : text;
  const result = htmlToDoc(md.render(body), {
    explicitTitle: title,
    fallbackTitle: opts.fallbackTitle,
  });
  return { format: "markdown", ...result, comments: [] };
}
