import { describe, expect, it } from "vitest";
import { capabilities, ROLES } from "./roles.ts";

/// The rules that used to be written as `role === "owner" || role === "editor"`
/// in the server and the web app, now asked of `capabilities` (pnpm lint
/// refuses the comparison outside this package: scripts/check-layers.ts).
describe("capabilities", () => {
  it("lets owners and editors curate sources, import and moderate annotations; no one else", () => {
    const of = (pick: (c: ReturnType<typeof capabilities>) => boolean) =>
      [...ROLES, null].filter((r) => pick(capabilities(r)));
    expect(of((c) => c.curateSources)).toEqual(["owner", "editor"]);
    expect(of((c) => c.importAnnotations)).toEqual(["owner", "editor"]);
    expect(of((c) => c.moderateAnnotations)).toEqual(["owner", "editor"]);
    expect(of((c) => c.annotate)).toEqual(["owner", "editor", "annotator"]);
  });
});
