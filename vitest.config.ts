import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // One copy of graphql (ESM and CJS copies otherwise meet: "another module or realm").
    alias: { graphql: "graphql/index.js" },
  },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["reflect-metadata"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
