// Payloads in the data (fixtures/injection): formulas, HTML, terminal escapes and personal data stay
// inert in every format: escaped, neutralised, masked.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

const bin = new URL('../../bin/aftersales-audit.js', import.meta.url).pathname;
const folder = new URL('../../fixtures/injection/', import.meta.url).pathname;

function audit(extra: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'aa-inject-'));
  const files = ['r.json', 'r.md', 'r.html', 'r.xml', 'r.xlsx', 'r.txt'];
  const result = spawnSync(process.execPath, [bin, 'audit', folder, ...files.flatMap((f) => ['-o', join(dir, f)]), ...extra], { encoding: 'utf8' });
  const text = (f: string): string => readFileSync(join(dir, f), 'utf8');
  return { result, dir, text };
}

describe('injection payloads', () => {
  const { result, dir, text } = audit([]);

  it('the audit runs and reports the payload-bearing records', () => {
    expect(result.status).toBe(1);
    expect(text('r.txt')).toContain('=HYPERLINK');
  });

  it('HTML: every tag from the data is escaped', () => {
    const html = text('r.html');
    expect(html).not.toMatch(/<script|<img|<b>李四/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('Markdown and JUnit: no raw markup from the data', () => {
    expect(text('r.md')).not.toMatch(/<script>|<img /);
    const xml = text('r.xml');
    expect(xml).not.toMatch(/<script>|<img /);
    expect(xml).toContain('=HYPERLINK(&quot;http://evil.invalid&quot;');
  });

  it('text: escape sequences from the data never reach the terminal', () => {
    expect(text('r.txt')).not.toContain('\u001b');
    expect(result.stdout).not.toContain('\u001b');
  });

  it('XLSX: text that would be a formula is neutralised, and no cell is a formula', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'r.xlsx'));
    const values: string[] = [];
    for (const sheet of book.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.formula).toBeUndefined();
          if (typeof cell.value === 'string') values.push(cell.value);
        }),
      );
    }
    const risky = values.filter((v) => /^[=+\-@\t\r]/.test(v));
    expect(risky).toEqual([]);
    expect(values.some((v) => v.startsWith("'=HYPERLINK") || v.includes('=HYPERLINK'))).toBe(true);
  });

  it('personal data is masked in every format by default, shown with --no-mask', () => {
    for (const f of ['r.json', 'r.md', 'r.html', 'r.xml', 'r.txt']) {
      expect(text(f), f).not.toContain('1390532');
      expect(text(f), f).not.toContain('张三丰');
    }
    const shown = audit(['--no-mask']);
    expect(shown.text('r.json')).toContain('1390532');
  });
});
