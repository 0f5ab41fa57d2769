import { BUILTIN_AUTHORITIES } from "@glossa/sources";

/// docs/sources.md, generated from the catalog's provenance so that the page
/// cannot drift from what the source pane shows (checked by provenance.test.ts;
/// `UPDATE_SOURCES_DOC=1` rewrites it).
export function sourcesDoc(): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const rows = BUILTIN_AUTHORITIES.filter((a) => a.text).map((a) => {
    const p = a.text!.provenance!;
    const status =
      p.status === "verified"
        ? `verified (fixture \`${p.fixture}\`)`
        : `unverified${p.mayBeOutdated ? "; may be out of date" : ""}`;
    const source = p.url ? `[${cell(p.source)}](${p.url})` : cell(p.source);
    return `| ${cell(a.canonical)} | ${a.text!.scope} | ${source} | ${cell(p.version)} | ${status} | ${cell(p.note ?? "")} |`;
  });
  const verified = BUILTIN_AUTHORITIES.filter((a) => a.text?.provenance?.status === "verified");
  return `# Stored texts and where they come from

Generated from \`packages/sources/src/builtin/provenance.ts\` by \`tests/sources/sourcesDoc.ts\`
(\`UPDATE_SOURCES_DOC=1 pnpm vitest run tests/sources/provenance.test.ts\`); the test fails when this
page is out of date. The source pane shows the same facts beside every text.

A text is **verified** only when \`tests/sources/provenance.test.ts\` compares it word for word
(line breaks, quote and dash glyphs aside) with a copy of the official text kept in
\`tests/sources/fixtures/official\`, whose origin is noted in the \`SOURCES.md\` beside it. Every other
text is **unverified**: the source pane says "Not yet checked against the official text". Texts that
a later amendment may have changed are marked "may be out of date".

**${verified.length} of ${rows.length} stored texts are verified.** The verified texts are checked against
verbatim excerpts of the Office of the Law Revision Counsel's USLM XML for Title 8 (release point
119-102). No other official text could be obtained on the machine this was built on (no access to
uscode.house.gov, ecfr.gov, treaties.un.org, oas.org or diputados.gob.mx, and no public copy of
those publications found; see \`tests/sources/fixtures/official/SOURCES.md\`). The manual audit of
issue 17 compared 32 passages with the official publications and found them exact; that is recorded
in each note but does not count as verified, because nothing in the repository checks it.

Authorities without a stored text (cases, most regulations, the Mexican statutes, which are stored
as summaries in Glossa's words) show no wording, only links and a summary.

| authority | scope | official source | version | status | note |
|---|---|---|---|---|---|
${rows.join("\n")}
`;
}
