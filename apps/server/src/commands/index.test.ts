import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Command } from "./command.ts";
import { commands } from "./index.ts";

describe("the command list", () => {
  it("names every command file of the folder, once", async () => {
    const dir = fileURLToPath(new URL("./", import.meta.url));
    const found: string[] = [];
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith(".ts") || file.endsWith(".test.ts") || file === "index.ts") continue;
      const mod = (await import(`./${file}`)) as { default?: Command };
      if (mod.default?.name) found.push(mod.default.name);
    }
    expect(found.length).toBeGreaterThan(0);
    expect(commands.map((c) => c.name).sort()).toEqual(found.sort());
  });

  it("loads each command under its own name and summary", async () => {
    for (const entry of commands) {
      const command = await entry.load();
      expect(command.name).toBe(entry.name);
      expect(command.summary).toBe(entry.summary);
    }
  });
});
