// Preloaded (node --import) by tests that must see how the CLI ran, not only what it printed: at
// exit it writes to $AFTERSALES_AUDIT_OBSERVE how many worker threads were started and which
// packages were loaded.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let workers = 0;
process.on('worker', () => workers++);
process.on('exit', () => {
  const loaded = Object.keys(createRequire(import.meta.url).cache);
  // Files of packages as "package/path/in/it.js".
  const files = loaded.map((p) => /node_modules\/((?:@[^/]+\/)?[^/]+\/.*)$/.exec(p)?.[1]).filter(Boolean).sort();
  const packages = [...new Set(files.map((f) => f.split('/').slice(0, f.startsWith('@') ? 2 : 1).join('/')))];
  writeFileSync(process.env['AFTERSALES_AUDIT_OBSERVE'], JSON.stringify({ workers, packages, files }));
});
