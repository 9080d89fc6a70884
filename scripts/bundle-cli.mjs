#!/usr/bin/env node
// Part of `npm run build`: bundles the CLI (dist/cli.js, as compiled by tsc, with the modules it
// imports, ours and the small libraries) into that one file. Node 20 loads a few hundred small
// module files at start-up, about a fifth of a small audit's time; one file loads in a third of
// that. exceljs and ajv stay packages, loaded on first use as before; the modules
// that dist/cli.js imports only when a command needs them (the audit, the formatters, init) stay
// lazy (esbuild runs a dynamically imported module when it is first imported). The parsing worker
// (dist/read/parse-worker.js) and the precompiled validators stay separate files.
import { build } from 'esbuild';

const cli = new URL('../dist/cli.js', import.meta.url).pathname;
await build({
  entryPoints: [cli],
  outfile: cli,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Loaded with createRequire on first use: they stay in node_modules (exceljs's reader is driven
  // through its internals, pinned, and the parsing worker loads it too; ajv only when a schema has
  // no precompiled validator).
  external: ['exceljs', 'exceljs/*', 'ajv', 'ajv/*'],
  // CommonJS libraries inside an ES module need a require of their own.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  sourcemap: true,
  logLevel: 'warning',
});
