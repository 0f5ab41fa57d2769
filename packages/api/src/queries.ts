import { z } from "zod";

/// Query strings of the endpoints that read one. The server's schema layer
/// (apps/server/src/http/http.ts `validateQuery`) checks a request's query
/// against its endpoint's schema before the handler runs: an unknown
/// parameter, one given twice or a malformed value is a 400 in the one error
/// shape, as bodies are; `/api/openapi.json` lists them as `in: query`
/// parameters and the web app's `api()` types its `query` from them. Every
/// value is a string here (a query string holds nothing else); handlers turn
/// it into a number or a flag and keep the checks that need the store.

/// A whole number from `min` to `max`, as the handlers' `intParam` reads it
/// (empty: the default).
const whole = (name: string, min: number, max: number, def: number) =>
  z
    .string()
    .regex(/^\d*$/, `"${name}" must be a whole number from ${min} to ${max}.`)
    .refine((v) => v === "" || (Number(v) >= min && Number(v) <= max), {
      message: `"${name}" must be a whole number from ${min} to ${max}.`,
    })
    .meta({ description: `A whole number from ${min} to ${max} (default ${def})` })
    .optional();

/// One of `values` (the sentence the handlers always said when it is not).
const oneOf = <const T extends readonly [string, ...string[]]>(name: string, values: T) =>
  z
    .enum(values, {
      error: `"${name}" must be ${values
        .map((v) => `"${v}"`)
        .join(", ")
        .replace(/, ([^,]*)$/, " or $1")}.`,
    })
    .optional();

/// At most `max` characters.
const short = (name: string, max: number, description: string) =>
  z
    .string()
    .max(max, `"${name}" may have at most ${max} characters.`)
    .meta({ description })
    .optional();

/// A yes/no flag: 1/0, true/false, yes/no, on/off.
const yesNo = (name: string, description: string) =>
  z
    .string()
    .regex(
      /^(|1|0|true|false|yes|no|on|off|True|False|Yes|No|On|Off|TRUE|FALSE|YES|NO|ON|OFF)$/,
      `"${name}" must be 1 (yes) or 0 (no).`,
    )
    .meta({ description })
    .optional();

/// A version id (or `current`, where the text of now is meant).
const version = (name: string, description: string) => short(name, 100, description);

/// `GET /api/documents`.
export const DocumentListQuery = z.strictObject({
  scope: oneOf("scope", ["all", "mine", "shared"]),
  q: short("q", 200, "Words to find in titles and text"),
});

/// `POST /api/documents` and `POST /api/documents/:id/import` with raw bytes.
export const UploadQuery = z.strictObject({
  filename: short("filename", 1000, "The uploaded file's name (raw uploads)"),
});

/// `GET /api/documents/:id/annotations`.
export const AnnotationListQuery = z.strictObject({
  format: oneOf("format", ["glossa", "w3c"]),
  deleted: oneOf("deleted", ["true", "false"]),
  audit: oneOf("audit", ["true", "false"]),
  limit: whole("limit", 1, 1000, 500),
  cursor: short("cursor", 2000, 'The "next" value of the previous page'),
});

/// `GET /api/documents/:id/audit`.
export const AuditQuery = z.strictObject({ format: oneOf("format", ["json", "csv"]) });

/// `GET /api/sources`.
export const SourceSearchQuery = z.strictObject({
  q: short("q", 400, "Words, a citation or a name to find"),
  kind: short("kind", 400, "Kinds of authority, comma-separated"),
  format: oneOf("format", ["json", "csl"]),
  scope: oneOf("scope", ["team", "all"]),
  limit: whole("limit", 1, 500, 50),
  offset: whole("offset", 0, 1_000_000, 0),
});

/// `GET /api/sources/:key`.
export const SourceQuery = z.strictObject({
  pinpoint: short("pinpoint", 200, "A pinpoint to locate in the authority"),
});

/// `GET /api/documents/:id/authorities`.
export const AuthoritiesQuery = z.strictObject({
  format: oneOf("format", ["json", "html", "docx"]),
  passim: whole("passim", 1, 1000, 5),
  lang: short("lang", 35, "Language of the fixed words (HTML, DOCX)"),
});

/// `GET /api/documents/:id/compare`.
export const CompareQuery = z.strictObject({
  from: version("from", "The older version's id"),
  to: version("to", 'The newer version\'s id, or "current"'),
});

/// `GET /api/documents/:id/export`.
export const ExportQuery = z.strictObject({
  format: oneOf("format", ["html", "md", "docx"]),
  version: version("version", "Export this version instead of the current text"),
  from: version("from", "Redline (DOCX tracked changes) from this version"),
  to: version("to", 'Redline to this version, or "current"'),
  highlight: z
    .enum(["", "yellow", "kind", "none"], {
      error:
        '"highlight" must be "yellow" (Word\'s highlighter), "kind" (the colour of each kind of annotation, as in the app) or "none".',
    })
    .optional(),
  footer: yesNo("footer", "A footer with the export's date (default yes)"),
  numbers: yesNo("numbers", "Number the annotations (default yes)"),
  lang: short("lang", 35, "Language of the fixed words"),
});
