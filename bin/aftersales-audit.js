#!/usr/bin/env node
// Thin launcher: src/launch.ts loads the bundled CLI (src/cli.ts), whose main returns the exit code.
let cli;
try {
  cli = (await import('../dist/launch.js')).loadCli();
} catch (error) {
  const missing = error && (error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'ENOENT') && String(error.message).includes('dist');
  if (missing) {
    process.stderr.write('aftersales-audit: the compiled program is missing; run `npm ci` or `npm run build` first.\n');
    process.exit(2);
  }
  throw error;
}
process.exitCode = await cli.main(process.argv.slice(2));
