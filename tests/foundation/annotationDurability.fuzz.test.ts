import { describe, expect, it } from "vitest";
import { annotationKillRounds } from "./annotationKill.ts";

// Only in `pnpm test:fuzz`; `pnpm test` runs the short variant (*.test.ts beside it).
describe.skipIf(process.env.GLOSSA_FUZZ !== "long")(
  "annotations survive a kill right after 201 (long)",
  () => {
    for (const backend of ["sqlite", "postgres"] as const) {
      it(`${backend}: 20 rounds`, async () => {
        const report = await annotationKillRounds(backend, 20);
        console.log(
          `${backend}: ${report.rounds} rounds, ${report.acknowledged} annotations answered 201, ${report.lost.length} lost`,
        );
        expect(report.lost).toEqual([]);
      }, 1_800_000);
    }
  },
);
