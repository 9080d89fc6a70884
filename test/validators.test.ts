// The validators precompiled at build time (dist/validate/validators.cjs, ajv standalone) must judge
// every record exactly as the ones ajv compiles at run time, which the tests from sources use.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { FORMATS } from '../src/validate/formats.js';
import { configure, PROFILE_OPTIONS, RECORD_OPTIONS, schemaSources, schemasFingerprint } from '../src/validate/schemas.js';

const require = createRequire(import.meta.url);
const built = require('../dist/validate/validators.cjs') as {
  fingerprint: string;
  records(formats: typeof FORMATS): Record<string, (data: unknown) => boolean>;
  profiles(formats: typeof FORMATS): Record<string, (data: unknown) => boolean>;
};
const sources = schemaSources();

type Validate = ((data: unknown) => boolean) & { errors?: unknown };

/** Values a cell may hold: what each property allows, look-alikes, and noise. */
function valuesFor(property: Record<string, unknown>): fc.Arbitrary<unknown> {
  const known = [...((property['enum'] as string[] | undefined) ?? []), '2025-03-05', '2025-02-30', '2025-03-05T14:32', '2025-13-01T00:00', '13805321234', '0532-88886666', '123', '91370200MA3C5LN86W', '', '是', 'x'.repeat(300)];
  return fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: 20 }), fc.constant(undefined), fc.integer(), fc.boolean());
}

function records(schema: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  const shape = Object.fromEntries(Object.entries(properties).map(([key, p]) => [key, valuesFor(p)]));
  return fc.record(shape, { requiredKeys: [] });
}

describe('precompiled validators', () => {
  it('were built from the schemas in schemas/ (run `npm run build` after changing one)', () => {
    expect(built.fingerprint).toBe(schemasFingerprint(sources));
  });

  for (const [kind, options] of [['records', RECORD_OPTIONS], ['profiles', PROFILE_OPTIONS]] as const) {
    const runtime = configure(new Ajv(options));
    const precompiled = built[kind](FORMATS);
    for (const [name, schema] of Object.entries(sources[kind])) {
      it(`${name}: the same verdict and errors as ajv at run time`, () => {
        expect(typeof precompiled[name]).toBe('function');
        const atRunTime = runtime.compile(schema) as Validate;
        const ahead = precompiled[name] as Validate;
        fc.assert(
          fc.property(records(schema as Record<string, unknown>), (record) => {
            // Profile validation coerces types in place: each validator gets its own copy.
            const a = structuredClone(record);
            const b = structuredClone(record);
            expect(ahead(a)).toBe(atRunTime(b));
            expect(ahead.errors ?? null).toEqual(atRunTime.errors ?? null);
            expect(a).toEqual(b);
          }),
          { numRuns: 300 },
        );
      });
    }
  }

  it('profile: the demo profile and each of its values broken, judged alike', () => {
    const demo = parseYaml(readFileSync(new URL('../fixtures/demo/profile.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;
    const leaves: string[][] = [];
    const walk = (value: unknown, path: string[]): void => {
      if (value && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
      else leaves.push(path);
    };
    walk(demo, []);
    expect(leaves.length).toBeGreaterThan(10);
    const runtime = configure(new Ajv(PROFILE_OPTIONS)).compile(sources.profiles['profile']!) as Validate;
    const ahead = built.profiles(FORMATS)['profile'] as Validate;
    const variants: unknown[] = [demo];
    for (const path of leaves) {
      for (const replacement of ['x', '', -1, true, null, ['a'], { a: 1 }, undefined]) {
        const copy = structuredClone(demo);
        let node = copy as Record<string, unknown>;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
        if (replacement === undefined) delete node[path[path.length - 1]!];
        else node[path[path.length - 1]!] = replacement;
        variants.push(copy);
      }
    }
    let invalid = 0;
    for (const variant of variants) {
      const a = structuredClone(variant);
      const b = structuredClone(variant);
      const verdict = ahead(a);
      expect(verdict).toBe(runtime(b));
      expect(ahead.errors ?? null).toEqual(runtime.errors ?? null);
      if (!verdict) invalid++;
    }
    // The demo itself is valid, and most breakages are caught.
    expect(ahead(structuredClone(demo))).toBe(true);
    expect(invalid).toBeGreaterThan(variants.length / 2);
  });
});
