import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // The CLI tests run the compiled binary; `npm test` builds first via pretest.
    pool: 'forks',
  },
});
