#!/usr/bin/env node
// Thin launcher: all logic lives in src/cli.ts, which returns the exit code.
let cli;
try {
  cli = await import('../dist/cli.js');
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist')) {
    process.stderr.write('aftersales-audit: the compiled program is missing; run `npm ci` or `npm run build` first.\n');
    process.exit(2);
  }
  throw error;
}
process.exitCode = await cli.main(process.argv.slice(2));
