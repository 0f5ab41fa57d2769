/// HTTP request latency through the router (issue 15, ADR 0008): a real
/// Glossa (`startTestServer`, SQLite) in this process, requests sent one at
/// a time over a kept-alive connection with `fetch`: `GET /healthz` (the
/// cheapest route), `GET /api/me` (token check), `GET /api/documents` (a
/// list from the store), `POST …/annotations` (validation, anchoring, a
/// Yjs write) and an unknown path (the 404). Client time included; compare
/// rows of one run. CPU µs/request is this process's CPU time (client and
/// server together) per request: less disturbed by a loaded machine than
/// wall-clock latency.
import os from "node:os";
import { startTestServer } from "../../utils/server.ts";
import { ms, summary } from "../lib/stats.ts";
import type { Scenario } from "../scenario.ts";

/// Requests per route (`--quick`: 300, annotations 100) after a warm-up.
const rounds = (quick: boolean) =>
  Number(process.env.GLOSSA_BENCH_HTTP_ROUNDS ?? (quick ? 300 : 2000));

const scenario: Scenario = {
  name: "HTTP request latency (router)",
  async run(progress, { quick }) {
    const ROUNDS = rounds(quick);
    const WARMUP = quick ? 50 : 200;
    const server = await startTestServer();
    const auth = { Authorization: `Bearer ${server.ownerToken}` };
    const quotes = ["complementary protection", "non-refoulement"];
    const requests: { name: string; send: (i: number) => Promise<Response> }[] = [
      { name: "GET /healthz", send: () => fetch(`${server.url}/healthz`) },
      { name: "GET /api/me", send: () => fetch(`${server.url}/api/me`, { headers: auth }) },
      {
        name: "GET /api/documents",
        send: () => fetch(`${server.url}/api/documents`, { headers: auth }),
      },
      {
        name: "POST /api/documents/:id/annotations",
        send: (i) =>
          fetch(`${server.url}/api/documents/${server.letterId}/annotations`, {
            method: "POST",
            headers: { ...auth, "Content-Type": "application/json" },
            body: JSON.stringify({
              exact: quotes[i % quotes.length],
              kind: "comment",
              body: `note ${i}`,
            }),
          }),
      },
      { name: "GET /api/nothing (404)", send: () => fetch(`${server.url}/api/nothing`) },
    ];
    const rows: string[] = [];
    try {
      for (const r of requests) {
        const rounds = r.name.startsWith("POST") ? Math.min(ROUNDS, quick ? 100 : 500) : ROUNDS;
        const times: number[] = [];
        let cpu = { user: 0, system: 0 };
        for (let i = 0; i < WARMUP + rounds; i++) {
          if (i === WARMUP) cpu = process.cpuUsage();
          const t0 = performance.now();
          const res = await r.send(i);
          await res.arrayBuffer();
          if (res.status >= 500 || (res.status >= 400 && !r.name.includes("404")))
            throw new Error(`${r.name}: ${res.status}`);
          if (i >= WARMUP) times.push(performance.now() - t0);
        }
        const used = process.cpuUsage(cpu);
        const cpuUs = (used.user + used.system) / rounds;
        const s = summary(times);
        progress(`${r.name}: p50 ${ms(s.p50)} ms, p99 ${ms(s.p99)} ms`);
        rows.push(
          `| ${r.name} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} | ${Math.round(cpuUs)} |`,
        );
      }
    } finally {
      await server.destroy();
    }
    const load = os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ");
    return {
      markdown: `Load average at the end (1/5/15 min): ${load}.

| request | n | p50 ms | p95 ms | p99 ms | max ms | CPU µs/request |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join("\n")}
`,
    };
  },
};
export default scenario;
