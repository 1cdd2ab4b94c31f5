import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["ts/test/**/*.test.ts", "registry/**/*.test.ts", "web/test/**/*.test.ts"],
    // The localnet and browser tests start real processes: one file at a time on two cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
