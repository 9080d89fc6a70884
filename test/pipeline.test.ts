import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnterprise } from '../src/pipeline.js';

const demo = new URL('../fixtures/demo/', import.meta.url).pathname;

describe('readEnterprise', () => {
  it('counts every issue and says when the list was cut by --max-issues', async () => {
    const reading = await readEnterprise({ dir: demo, explicit: {}, sheet: null, encoding: null, headers: {}, maxIssues: 1 });
    expect(reading.dataQuality.count).toBe(4);
    expect(reading.dataQuality.issues).toHaveLength(1);
    expect(reading.dataQuality.truncated).toBe(true);
  });

  it('hands every data row to the visitor, broken fields removed', async () => {
    const seen: Record<string, number> = {};
    let brokenDate: Record<string, string> | null = null;
    await readEnterprise({ dir: demo, explicit: {}, sheet: null, encoding: null, headers: {}, maxIssues: 100 }, (record, source, row, issues) => {
      seen[source.dataset] = (seen[source.dataset] ?? 0) + 1;
      if (issues.some((i) => i.code === 'invalid-date')) brokenDate = { ...record, row: String(row) };
    });
    expect(seen).toEqual({ staff: 6, units: 360, complaints: 264, callbacks: 301 });
    expect(brokenDate).not.toBeNull();
    expect(brokenDate!['row']).toBe('154');
    expect(brokenDate!['receivedAt']).toBeUndefined();
    expect(brokenDate!['id']).toBe('TS2025-0151');
  });

  it.each([
    ['gbk.yaml', 'gb18030'],
    ['utf-16le.yaml', 'utf-16le'],
    ['utf-8-bom.yaml', 'utf-8-bom'],
  ])('names the encoding of a profile saved as %s in its inputs', async (name, encoding) => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-profile-encoding-'));
    copyFileSync(new URL(`../fixtures/profile-encodings/${name}`, import.meta.url), join(dir, 'profile.yaml'));
    const reading = await readEnterprise({ dir, explicit: {}, sheet: null, encoding: null, headers: {}, maxIssues: 100 });
    expect(reading.inputs.map((i) => [i.dataset, i.file, i.encoding])).toEqual([['profile', 'profile.yaml', encoding]]);
    expect(reading.profile?.enterprise?.name).toBe('青岛海岸置业有限公司');
  });
});
