// The registry covers the standard: every clause id once, in order, every text in both languages.
import { describe, expect, it } from 'vitest';
import { CHAPTERS, CHECKS } from '../../src/checks/index.js';
import { DEFAULT_PARAMETERS, PARAMETER_TEXT } from '../../src/checks/parameters.js';
import { runAudit } from '../../src/audit.js';
import { buildCalendar } from '../../src/calendar/calendar.js';

/** Every clause id of ../shared/standard/qingdao.zh.md. */
const STANDARD = [
  '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9',
  '2.1', '2.2', '2.3', '2.4', '2.5',
  '3.1.1', '3.1.2', '3.1.3', '3.1.4', '3.1.5', '3.1.6', '3.1.7', '3.2.1', '3.2.2', '3.2.3', '3.2.4',
  '4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8',
  '5.1', '5.2', '5.3', '5.4',
];

describe('the rule pack', () => {
  it('covers every clause of the standard once, in the standard\'s order', () => {
    expect(CHECKS.map((c) => c.id)).toEqual(STANDARD);
    expect(CHAPTERS.map((c) => c.id)).toEqual(['1', '2', '3', '4', '5']);
  });

  it.each(CHECKS.map((c) => [c.id, c] as const))('%s has every text in Chinese and English', (_id, check) => {
    for (const text of [check.title, check.requirement, check.method, check.remediation, ...Object.values(check.messages)]) {
      expect(text.zh.length).toBeGreaterThan(0);
      expect(text.en.length).toBeGreaterThan(0);
      expect(text.zh).toMatch(/[\u4e00-\u9fff]/);
      // Placeholders agree between the languages (English may use an -En variant of a list).
      const names = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!.replace(/En$/, '')).sort();
      expect(names(text.en)).toEqual(names(text.zh));
    }
    for (const name of check.parameters) expect(DEFAULT_PARAMETERS[name]).toBeDefined();
  });

  it('every parameter is described in both languages', () => {
    for (const name of Object.keys(DEFAULT_PARAMETERS) as (keyof typeof DEFAULT_PARAMETERS)[]) {
      expect(PARAMETER_TEXT[name].zh).toBeTruthy();
      expect(PARAMETER_TEXT[name].en).toBeTruthy();
    }
  });

  it('every message a check emits on the demo exists in its catalogue', async () => {
    const audit = await runAudit({
      dir: new URL('../../fixtures/demo/', import.meta.url).pathname,
      explicit: {}, sheet: null, encoding: null, headers: {}, maxIssues: 1000,
      from: null, to: null, asOf: null, today: '2026-06-30', only: null, skip: [],
      params: DEFAULT_PARAMETERS, calendar: buildCalendar(),
    });
    let emitted = 0;
    for (const { check, result } of audit.clauses) {
      for (const id of [...result.findings.map((f) => f.message), ...result.notes.map((n) => n.message)]) {
        emitted++;
        expect(check.messages[id], `${check.id}: ${id}`).toBeDefined();
      }
    }
    expect(emitted).toBeGreaterThan(50);
  });
});
