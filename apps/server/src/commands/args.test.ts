import { describe, expect, it } from "vitest";
import { parseArgs, UsageError } from "./args.js";

describe("parseArgs", () => {
  it("reads positionals, options and flags", () => {
    const r = parseArgs(["a", "--role", "viewer", "b", "--force"], ["role"], ["force"]);
    expect(r.positional).toEqual(["a", "b"]);
    expect(r.opts).toEqual({ role: "viewer" });
    expect([...r.flags]).toEqual(["force"]);
  });

  it("takes a value that begins with '-' after --, and says so when it is read as an option", () => {
    expect(parseArgs(["me@x", "--", "-Cabc"], []).positional).toEqual(["me@x", "-Cabc"]);
    expect(() => parseArgs(["me@x", "-Cabc"], [])).toThrow(UsageError);
    expect(() => parseArgs(["me@x", "-Cabc"], [])).toThrow(/unknown option -C.*goes after --/);
    expect(() => parseArgs(["--nope"], [])).toThrow(/^unknown option --nope\.$/);
  });
});
