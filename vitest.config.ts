import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['apps/server/test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    // Playwright's journeys (*.spec.ts under apps/web/e2e) are not Vitest's
    exclude: ['**/node_modules/**', 'apps/web/e2e/**'],
    globalSetup: ['apps/server/test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
  },
});
