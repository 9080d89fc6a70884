#!/usr/bin/env node
// Part of `npm run build`: bundles the CLI (dist/cli.js, as compiled by tsc, with the modules it
// imports, ours and the small libraries) into one CommonJS file, dist/cli.cjs, which
// src/launch.ts loads with V8's code cache (scripts/warm-code-cache.mjs). Node 20 loads a few
// hundred small module files at start-up, about a fifth of a small audit's time; one file loads in
// a third of that. CommonJS because a vm.Script, which takes a code cache, cannot be an ES module
// on Node 20; import.meta.url becomes the bundle's own file URL. exceljs's writer and ajv stay
// packages, loaded on first use as before; the modules that dist/cli.js imports only when a command
// needs them (the audit, the formatters, init) stay lazy (esbuild runs a dynamically imported
// module when it is first imported). The parsing worker (dist/read/parse-worker.js) and the
// precompiled validators stay separate files.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const entry = new URL('../dist/cli.js', import.meta.url).pathname;
const bundle = new URL('../dist/cli.cjs', import.meta.url).pathname;
// A code cache of an earlier bundle must not outlive it (src/launch.ts also checks its age).
rmSync(`${bundle}.cache`, { force: true });
await build({
  entryPoints: [entry],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // ajv only when a schema has no precompiled validator (loaded with createRequire).
  external: ['ajv', 'ajv/*'],
  plugins: [
    {
      name: 'exceljs-reader-only',
      setup(build) {
        // exceljs itself (its writer, for templates and XLSX reports) stays a package, loaded when
        // used; its streaming reader, which src/read/xlsx.ts imports by path, is bundled (lazily:
        // it runs on the first workbook) without unzipper, which that reader requires but never
        // uses here (parts come from yauzl).
        build.onResolve({ filter: /^exceljs$/ }, (args) => ({ path: args.path, external: true }));
        build.onResolve({ filter: /^unzipper$/ }, () => ({ path: 'unzipper', namespace: 'left-out' }));
        build.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
      },
    },
  ],
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "var __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  sourcemap: true,
  logLevel: 'warning',
});
// tsc's unbundled entry would be a second, different CLI in dist/: only the bundle remains.
rmSync(entry);
rmSync(`${entry}.map`, { force: true });
