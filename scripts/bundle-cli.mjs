#!/usr/bin/env node
// Part of `npm run build`: bundles the CLI (dist/cli.js, as compiled by tsc, with the modules it
// imports, ours and the small libraries) into that one file. Node 20 loads a few hundred small
// module files at start-up, about a fifth of a small audit's time; one file loads in a third of
// that. exceljs's writer and ajv stay packages, loaded on first use as before; the modules
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
  // CommonJS libraries inside an ES module need a require of their own.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  sourcemap: true,
  logLevel: 'warning',
});
