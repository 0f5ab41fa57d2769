import { defineConfig } from "vitest/config";

// Three suites: fast unit tests next to the code, integration/browser tests in
// tests/ that start real servers, and the long fuzz run (`pnpm test:fuzz`).
// The integration and fuzz suites' global setup finds or starts PostgreSQL and
// Redis (tests/setup/services.ts); in a run of both, the second takes what the
// first published.
//
// Two test files run at once (docs/testing.md): most integration files wait on
// servers, browsers and timers, so one file at a time left a 2-core machine
// half idle (vitest's default on 2 cores is one worker). The files below run
// afterwards, one at a time and alone: they measure memory or a cut-off time
// on this machine, or rebuild what the browser tests serve.
const ALONE = [
  // Heap and RSS of their own server, compared before and after.
  "tests/security/hostile.test.ts",
  "tests/security/rssReturn.test.ts",
  "tests/security/unloadMemory.test.ts",
  // "Cut off within a second": the revocation guarantee, timed.
  "tests/security/malicious.test.ts",
  "tests/security/cli.test.ts",
  // `pnpm start` rebuilds apps/web/dist when stale, which the browser tests serve.
  "tests/service/process.test.ts",
];

const integration = {
  environment: "node" as const,
  testTimeout: 120_000,
  hookTimeout: 120_000,
  globalSetup: ["tests/setup/services.ts"],
  setupFiles: ["tests/setup/conversions.ts"],
};

export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts"],
          environment: "node",
          maxWorkers: 2,
        },
      },
      {
        test: {
          ...integration,
          name: "integration",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/**/*.fuzz.test.ts", "**/node_modules/**", ...ALONE],
          maxWorkers: 2,
        },
      },
      {
        test: {
          ...integration,
          name: "alone",
          include: ALONE,
          fileParallelism: false,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: "fuzz",
          include: ["tests/**/*.fuzz.test.ts"],
          environment: "node",
          testTimeout: 1_800_000,
          globalSetup: ["tests/setup/services.ts"],
          setupFiles: ["tests/setup/conversions.ts"],
          maxWorkers: 2,
        },
      },
    ],
  },
});
