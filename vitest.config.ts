import { defineConfig } from "vitest/config";

// Three suites: fast unit tests next to the code, integration/browser tests in
// tests/ that start real servers, and the long fuzz run (`pnpm test:fuzz`).
// The integration and fuzz suites' global setup finds or starts PostgreSQL and
// Redis (tests/setup/services.ts); in a run of both, the second takes what the
// first published.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/**/*.fuzz.test.ts", "**/node_modules/**"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          globalSetup: ["tests/setup/services.ts"],
        },
      },
      {
        test: {
          name: "fuzz",
          include: ["tests/**/*.fuzz.test.ts"],
          environment: "node",
          testTimeout: 1_800_000,
          globalSetup: ["tests/setup/services.ts"],
        },
      },
    ],
  },
});
