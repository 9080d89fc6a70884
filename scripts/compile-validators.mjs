#!/usr/bin/env node
// Part of `npm run build`: compiles every schema validator to plain code with ajv's standalone mode,
// into dist/validate/validators.cjs, so the CLI starts without loading ajv or generating code.
// src/validate/schemas.ts uses it only while its fingerprint matches the schemas in schemas/.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Ajv, _ } = require('ajv');
const standaloneCode = require('ajv/dist/standalone').default;
const { schemaSources, schemasFingerprint, configure, RECORD_OPTIONS, PROFILE_OPTIONS } = await import('../dist/validate/schemas.js');

const sources = schemaSources();
/** The validators of one ajv configuration, as the body of a function of `formats` that returns them. */
function factory(options, schemas) {
  // Formats are the functions of src/validate/formats.ts, passed in at load time.
  const ajv = configure(new Ajv({ ...options, code: { source: true, formats: _`formats` } }));
  const refs = {};
  for (const [name, schema] of Object.entries(schemas)) {
    ajv.addSchema(schema);
    refs[name] = schema.$id;
  }
  const code = standaloneCode(ajv, refs);
  return `function (formats) {\n  const exports = {};\n${code}\n  return exports;\n}`;
}

const out = new URL('../dist/validate/validators.cjs', import.meta.url);
writeFileSync(
  out,
  `"use strict";
// Generated at build time by scripts/compile-validators.mjs from schemas/*.json: do not edit.
exports.fingerprint = ${JSON.stringify(schemasFingerprint(sources))};
exports.records = ${factory(RECORD_OPTIONS, sources.records)};
exports.profiles = ${factory(PROFILE_OPTIONS, sources.profiles)};
`,
);
