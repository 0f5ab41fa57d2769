/// `pnpm docs:api`: writes the "Endpoint index" of docs/api.md from the
/// OpenAPI description (packages/api); tests/api/docs.test.ts checks it.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { endpointIndex, openApiDocument, withEndpointIndex } from "../packages/api/src/index.ts";

const file = path.resolve(import.meta.dirname, "../docs/api.md");
const page = readFileSync(file, "utf8");
const next = withEndpointIndex(page, endpointIndex(openApiDocument("docs")));
if (next !== page) writeFileSync(file, next);
console.log(next === page ? "docs/api.md: up to date" : "docs/api.md: endpoint index written");
