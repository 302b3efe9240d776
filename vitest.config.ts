import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // A private temporary folder for the run; the run fails if a test leaves anything in it.
    globalSetup: ['test/support/global-setup.ts'],
    // Model-based walks and end-to-end runs of the real CLI take seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
