import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ATTACKS, type Attack, type HostileResult, percentile, runHostile } from "./hostile.ts";

/// The hostile-tenant suite (issue 10): an attacker account runs each attack
/// from its own raw client while an honest editor types on another document.
/// `pnpm test` (hostile.test.ts): 6 s per attack; `pnpm test:fuzz`
/// (hostile.fuzz.test.ts): 60 s. GLOSSA_HOSTILE_MS overrides either.
/// The honest saved-acknowledgement percentiles are printed (figures for
/// docs/security.md), not asserted: timings flake on a shared machine; so
/// are the server's event-loop stalls over 50 ms per attack (written to
/// GLOSSA_STALLS_FILE when set, to be matched with a profile taken with
/// GLOSSA_WORKER_CPU_PROF).
/// 99,000 empty paragraphs in one update used to stall the event loop for
/// seconds; such updates are applied in slices (docs/security.md, "Session
/// 8"), and one of more than 20,000 new blocks is refused (4414, "Session
/// 10"): the paragraphs attack is refused, the blocks attack sends the
/// largest allowed; both run in every variant. Every variant asserts the
/// issue's RSS bar (back within 10 % once everyone has left) and its
/// liveness bar (/healthz never misses). The delete set that splits held
/// text 99,000 times is refused for its split work (4413).
const HEAVY: Attack[] = [];
const REFUSED: Attack[] = ["paragraphs", "deletes", "oversized", "forged", "shape", "flood"];
const attacks = (
  process.env.GLOSSA_HOSTILE_HEAVY ? ATTACKS : ATTACKS.filter((a) => !HEAVY.includes(a))
).filter((a) => !process.env.GLOSSA_HOSTILE_ONLY || a === process.env.GLOSSA_HOSTILE_ONLY);

export function hostileSuite(defaultMs: number, long = false): void {
  const perAttackMs = Number(process.env.GLOSSA_HOSTILE_MS ?? defaultMs);
  describe.skipIf(long && process.env.GLOSSA_FUZZ !== "long")(
    `hostile tenant: ${attacks.join(", ")}, ${perAttackMs / 1000} s each`,
    () => {
      let r: HostileResult;

      it(
        "the honest editor loses nothing, the attacker is refused with the right codes, every document unloads once everyone has left, and the heap and RSS come back",
        async () => {
          r = await runHostile({
            perAttackMs,
            attacks,
            progress: (m) => process.env.GLOSSA_HOSTILE_VERBOSE && console.log(m),
          });
          const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
          if (process.env.GLOSSA_STALLS_FILE)
            writeFileSync(
              process.env.GLOSSA_STALLS_FILE,
              JSON.stringify(r.attacks.map((a) => ({ attack: a.attack, stalls: a.stalls }))),
            );
          console.log(
            [
              `hostile tenant (${perAttackMs / 1000} s per attack): honest saved p50 ${percentile(r.acks, 50).toFixed(0)} ms, p99 ${percentile(r.acks, 99).toFixed(0)} ms, max ${Math.max(...r.acks).toFixed(0)} ms over ${r.acks.length} edits`,
              ...r.attacks.map(
                (a) =>
                  `  ${a.attack}: ${a.sent} sent, closes ${JSON.stringify(a.closes)}, server CPU ${a.cpuMs.toFixed(0)} ms, honest p50 ${percentile(a.acks, 50).toFixed(0)} / p99 ${percentile(a.acks, 99).toFixed(0)} / max ${Math.max(0, ...a.acks).toFixed(0)} ms; server loop stalls > 50 ms: ${a.stalls.length}, longest ${Math.max(0, ...a.stalls.map((s) => s.ms)).toFixed(0)} ms; /healthz misses ${a.healthMisses.length}${a.healthMisses.length ? ` (${a.healthMisses.join("; ")})` : ""}`,
              ),
              `  honest editor disconnected ${r.honestDisconnects.length} times: ${JSON.stringify([...new Set(r.honestDisconnects)])}`,
              `  /healthz ${r.healthChecks} checks, ${r.healthMisses} misses${r.healthMisses ? ` (${r.healthWhy.join("; ")})` : ""}; RSS ${mb(r.rssStart)} → ${mb(r.rssEnd)} ${(r.settleMs / 1000).toFixed(0)} s after the full GCs (anonymous ${mb(r.rssAnonStart)} → ${mb(r.rssAnonEnd)}), heap ${mb(r.heapStart)} → ${mb(r.heapEnd)} (code ${mb(r.codeStart)} → ${mb(r.codeEnd)}, committed ${mb(r.heapTotalStart)} → ${mb(r.heapTotalEnd)}), external ${mb(r.externalStart)} → ${mb(r.externalEnd)} (array buffers ${mb(r.arrayBuffersStart)} → ${mb(r.arrayBuffersEnd)}), ${r.docsLoadedAtEnd} documents loaded at the end, ${r.trims} malloc trims`,
            ].join("\n"),
          );
          expect(r.lost).toBe(0);
          expect(r.unacknowledged).toBe(0);
          for (const a of r.attacks) {
            expect(a.unexpected, a.attack).toEqual([]);
            // Refused every time: each of these met its defence at least once.
            if (REFUSED.includes(a.attack))
              expect(Object.keys(a.closes).length, a.attack).toBeGreaterThan(0);
          }
          // The JS heap comes back (no retained attack document), less the
          // code V8 compiled meanwhile (optimised code, feedback: +4.7 MB of
          // the heap's +6.1 MB after a 20 s-per-attack run, by heap snapshot)
          // and plus 4 MiB of caches warmed; one retained attack document
          // alone would be 2–20 MB.
          const code = Math.max(0, r.codeEnd - r.codeStart);
          expect(r.heapEnd - code).toBeLessThanOrEqual(r.heapStart * 1.1 + 4 * 2 ** 20);
          // Memory JavaScript holds (heap + external, array buffers
          // included) comes back the same way: no retained Buffer either.
          expect(r.heapEnd - code + r.externalEnd).toBeLessThanOrEqual(
            (r.heapStart + r.externalStart) * 1.1 + 4 * 2 ** 20,
          );
          // Everyone has left: every document has unloaded and stays unloaded.
          expect(r.docsLoadedAtEnd).toBe(0);
          // Issue 10's bar: the server's RSS after full GCs is back within 10 %
          // of its start (read after one API request: the API's schemas load
          // with the first). Met since the server gives malloc's free pages
          // back after unloads (apps/server/src/mallocTrim.ts).
          expect(r.rssEnd).toBeLessThanOrEqual(r.rssStart * 1.1);
          // Issue 10's liveness bar: every `/healthz` check answered 200
          // within 5 s, each on a connection of its own (hostileClients.ts).
          expect(r.healthWhy).toEqual([]);
          expect(r.healthMisses).toBe(0);
        },
        30 * 60_000,
      );
    },
  );
}
