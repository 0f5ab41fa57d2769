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

**${verified.length} of ${rows.length} stored texts are verified**, against:

- the Office of the Law Revision Counsel's USLM XML for Title 8 of the United States Code (release
  point 119-102), in verbatim excerpts;
- the eCFR text of 8 C.F.R. § 208.16 current through 3 August 2026, as a third-party project read it
  from the eCFR's XML (the annual official CFR edition was not compared);
- the English authentic texts of the Refugee Convention, its 1967 Protocol, the ICCPR and the
  Convention against Torture as the Government of the Netherlands publishes them in its official
  treaty database, through a Markdown copy of that database (the United Nations Treaty Series print
  itself was not compared);
- the consolidated texts of the Mexican Constitution, the Ley sobre Refugiados, Protección
  Complementaria y Asilo Político and the Ley de Migración published by the Cámara de Diputados, as
  of the last reform each names (text extracted from the published PDFs).

Each copy's origin (repository, path, commit, and the publication it reproduces) is in
\`tests/sources/fixtures/official/SOURCES.md\`. The rest could not be checked on the machine this
was built on (no access to treaties.un.org, oas.org, UNHCR or the National Archives, and no
public copy of those publications found): the American Convention, the Cartagena Declaration, the
Fifth Amendment and Refugee Convention art. 33, whose paragraph 2 reads "judgement" in the
Netherlands' text where Glossa has "judgment". The manual audit of issue 17 compared 32 passages
with the official publications and found them exact; that is recorded in the notes but does not
count as verified, because nothing in the repository checks it.

Authorities without a stored text (cases and most regulations) show no wording, only links and a
summary in Glossa's words.

| authority | scope | official source | version | status | note |
|---|---|---|---|---|---|
${rows.join("\n")}
`;
}
