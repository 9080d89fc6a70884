import { defineConfig } from 'vitest/config';

// Every test runs twice: in UTC and in New York, so no result can depend on the machine's time zone.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    // In CI a JSON summary is written too; .ci/run prints its closing 'N passed, N failed' line.
    reporters: process.env['CI'] === 'true' ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results.json' },
    projects: [
      { extends: true, test: { name: 'tz-utc', env: { TZ: 'UTC' } } },
      { extends: true, test: { name: 'tz-new-york', env: { TZ: 'America/New_York' } } },
    ],
  },
});
