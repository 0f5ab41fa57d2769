import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GLIBC_TUNABLES, NODE_FLAGS } from "./runtime.ts";

const startScript = (manifest: string) =>
  (
    JSON.parse(readFileSync(new URL(manifest, import.meta.url), "utf8")) as {
      scripts: { start: string };
    }
  ).scripts.start;

describe("runtime settings", () => {
  it.each([
    ["the workspace", "../../../package.json", "apps/server/dist/main.js"],
    ["@glossa/server", "../package.json", "dist/main.js"],
  ])(
    "`pnpm start` of %s runs node with the tunables and V8 flags of runtime.ts",
    (_, manifest, main) => {
      const start = startScript(manifest);
      expect(start).toContain(`exec env GLIBC_TUNABLES="\${GLIBC_TUNABLES:-${GLIBC_TUNABLES}}"`);
      expect(start).toContain(`node ${NODE_FLAGS.join(" ")} ${main}`);
    },
  );
});
