import { defineConfig } from 'vitest/config';

// Two suites split by what they need: `unit` runs anywhere with no Docker;
// `e2e` needs the test bed (scripts/testbed.sh up) and fails loudly without it.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['__tests__/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['__tests__/e2e/**/*.test.ts'],
          globalSetup: ['__tests__/e2e/global-setup.ts'],
          setupFiles: ['__tests__/e2e/leftovers.ts'],
          // Docker builds and container start-ups are slow; tests run one file at a time
          // because they share one engine and one 2-core machine.
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
