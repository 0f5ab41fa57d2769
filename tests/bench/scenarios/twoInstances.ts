/// Two instances (issue 16): two Glossa processes on PostgreSQL + Redis
/// beside two bare Hocuspocus processes joined by extension-redis, clients
/// split across them (lib/multiInstance.ts).
import { startClients, stopClients } from "../lib/harness.ts";
import { multiInstance } from "../lib/multiInstance.ts";
import type { Scenario } from "../scenario.ts";

const scenario: Scenario = {
  name: "Two instances: PostgreSQL + Redis",
  async run(progress, { quick }) {
    const pool = await startClients(quick ? 4 : 10, progress, 0, quick ? 2 : 1);
    try {
      const r = await multiInstance(pool, progress, quick);
      return { markdown: r.markdown, figures: r.figures };
    } finally {
      await stopClients(pool);
    }
  },
};

export default scenario;
