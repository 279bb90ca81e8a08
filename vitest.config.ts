import { defineConfig } from 'vitest/config';

/** Tests that spawn the built bin (a real process, a pipe, a pseudo-terminal, tmux) or read
 * the bundle: they need `npm run build` first. Everything else runs in-process. */
const E2E = ['test/e2e/**/*.test.{ts,tsx}'];

export default defineConfig({
  test: {
    setupFiles: ['test/support/isolate-user.ts'],
    testTimeout: 20000,
    hookTimeout: 30000,
    reporters: ['default', './test/support/summary-reporter.ts'],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.{ts,tsx}'],
      // The terminal summary for people and CI; the per-file table and HTML with `npm run coverage`.
      reporter: ['text-summary'],
      reportsDirectory: 'coverage',
      // A failing test must not hide how much the rest covers.
      reportOnFailure: true,
    },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.{ts,tsx}'], exclude: E2E } },
      // A spawned node starts in a second or so, many times over on a loaded machine: these
      // wait for what they expect (an exit, a screen), and the timeout only ends a hang.
      { extends: true, test: { name: 'e2e', include: E2E, testTimeout: 90_000, hookTimeout: 90_000 } },
    ],
  },
});
