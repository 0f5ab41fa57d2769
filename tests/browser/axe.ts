import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/// Runs axe-core (every WCAG 2.x A/AA rule and best practice it has) on the
/// page as it is; its script is added by the test, so the page's CSP is
/// bypassed for this context only.
export async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const r = await (
      window as unknown as {
        axe: { run(d: Document, o: object): Promise<{ violations: Violation[] }> };
      }
    ).axe.run(document, { resultTypes: ["violations"] });
    return r.violations;
  });
  return violations.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join(" | ")}`,
  );
}
