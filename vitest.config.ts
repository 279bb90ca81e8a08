import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/support/isolate-user.ts'],
    testTimeout: 20000,
    hookTimeout: 30000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
