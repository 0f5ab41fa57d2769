/// The "Endpoint index" of docs/api.md, written from the OpenAPI description
/// (`pnpm docs:api` puts it between the markers; tests/api/docs.test.ts
/// fails when the page and the description differ).

export const INDEX_START = "<!-- endpoint-index:start (pnpm docs:api) -->";
export const INDEX_END = "<!-- endpoint-index:end -->";

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema from the generator is read freely
type Json = any;

const METHODS = ["get", "post", "patch", "delete"] as const;

/// `:name` for `{name}`: the router's pattern, as the rest of the page writes it.
const routerPath = (p: string) => p.replace(/\{([A-Za-z]+)\}/g, ":$1");

/// A request body in a few words: an object's fields (`?` when optional, `…`
/// when it takes others too), or what the schema says it is.
function bodyCell(op: Json): string {
  const content = op.requestBody?.content;
  if (!content) return "—";
  const parts: string[] = [];
  const json = content["application/json"]?.schema;
  if (json?.type === "object" && json.properties) {
    const required = new Set<string>(json.required ?? []);
    const fields = Object.keys(json.properties).map((k) => `\`${k}\`${required.has(k) ? "" : "?"}`);
    if (json.additionalProperties !== false) fields.push("…");
    parts.push(`{${fields.join(", ")}}`);
  } else if (json?.type === "array") parts.push("[items]");
  else if (json) parts.push(json.description ? String(json.description) : "JSON");
  if (content["multipart/form-data"]) parts.push("a file");
  return parts.join(" or ");
}

/// The query parameters an operation reads, or "—".
function queryCell(op: Json): string {
  const names = (op.parameters ?? [])
    .filter((p: Json) => p.in === "query")
    .map((p: Json) => `\`${p.name}\``);
  return names.length ? names.join(", ") : "—";
}

/// The markdown table of every operation of `doc`: endpoint, summary, auth,
/// request body, success status, query parameters.
export function endpointIndex(doc: Json): string {
  const rows = ["| endpoint | what | auth | body | success | query |", "|---|---|---|---|---|---|"];
  for (const [path, ops] of Object.entries<Json>(doc.paths)) {
    for (const m of METHODS) {
      const op = ops[m];
      if (!op) continue;
      const ok = Object.keys(op.responses).filter((s) => s.startsWith("2"));
      const auth = op.security?.length ? "bearer" : "—";
      const endpoint = `\`${m.toUpperCase()} ${routerPath(path)}\``;
      const cells = [endpoint, op.summary, auth, bodyCell(op), ok.join(", "), queryCell(op)];
      rows.push(`| ${cells.join(" | ")} |`);
    }
  }
  return rows.join("\n");
}

/// `page` with its endpoint index replaced by `index`.
export function withEndpointIndex(page: string, index: string): string {
  const start = page.indexOf(INDEX_START);
  const end = page.indexOf(INDEX_END);
  if (start < 0 || end < start)
    throw new Error(`docs/api.md has no ${INDEX_START} … ${INDEX_END}.`);
  return `${page.slice(0, start + INDEX_START.length)}\n${index}\n${page.slice(end)}`;
}
