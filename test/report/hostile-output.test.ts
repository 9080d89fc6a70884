// Outputs that broke on hostile data (issue 13.13, 13.14): characters XML forbids made the XLSX
// report's sharedStrings.xml ill-formed, and terminal control sequences in names (file, header,
// evidence path, profile fields) reached the terminal, the .txt and the Markdown report.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { terminalOutput, xmlChars } from '../../src/report/present.js';

const bin = new URL('../../bin/aftersales-audit.js', import.meta.url).pathname;

/** ESC ] 0 ; title BEL retitles the window; ESC [ 2 J clears the screen. */
const ESCAPES = '\u001b]0;pwned\u0007\u001b[2J';
/** Every control character but the line feed (tab included: no report of ours writes one). */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function hostileFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aa-hostile-out-'));
  const header = ['编号', '项目名称', '受理渠道', '类别', '受理时间', '处理意见时间', '处理状态', '经办人', `备注${ESCAPES}`].join(',');
  const rows = [
    // Late (20 working days to an opinion), so it is a finding carrying the project's name.
    `A1,海岸\uFFFE华庭\uFFFF,来电,投诉,2025-03-05 09:00,2025-04-20 10:00,已办结,李娜,x`,
    `A2,海岸华庭,来电,投诉,2025-03-06 09:00,2025-03-06 10:00,已办结,李娜,y`,
    // A date that is not one: a data-quality issue whose value carries U+FFFF.
    `A3,海岸华庭,来电,投诉,2025-13-45\uFFFF,2025-03-06 10:00,已办结,李娜,z`,
  ];
  writeFileSync(join(dir, `投诉台账${ESCAPES}.csv`), `${[header, ...rows].join('\n')}\n`);
  mkdirSync(join(dir, 'evidence'));
  writeFileSync(join(dir, 'evidence', `承诺书${ESCAPES}.pdf`), 'x');
  writeFileSync(
    join(dir, 'profile.yaml'),
    [
      'enterprise:',
      '  name: "青岛\\e]0;pwned\\a\\e[2J置业\\uFFFF"',
      '  qualification: 二级',
      'organization:',
      '  hotline: "0532-8888\\e[31m6666"',
      'evidence:',
      '  "4.1": ["evidence/承诺书\\e]0;pwned\\a\\e[2J.pdf", "evidence/缺失\\uFFFE\\e[2J.pdf"]',
      '',
    ].join('\n'),
  );
  return dir;
}

function parseXml(text: string, name: string): void {
  const parser = new SaxesParser({ xmlns: true });
  let failure: Error | null = null;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.write(text).close();
  expect(failure, `${name}: ${String(failure)}`).toBeNull();
}

function zipParts(path: string): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const parts = new Map<string, string>();
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            parts.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(parts));
      zip.readEntry();
    });
  });
}

describe('hostile characters in the data', () => {
  const dir = hostileFolder();
  const out = mkdtempSync(join(tmpdir(), 'aa-hostile-reports-'));
  const files = ['r.txt', 'r.md', 'r.html', 'r.xml', 'r.xlsx', 'r.json'];
  const env = { ...process.env, CI: 'true', AFTERSALES_AUDIT_TODAY: '2026-01-10' };
  const audit = spawnSync(process.execPath, [bin, 'audit', dir, '--no-mask', ...files.flatMap((f) => ['-o', join(out, f)])], { encoding: 'utf8', env });
  const auditStdout = spawnSync(process.execPath, [bin, 'audit', dir, '--no-mask'], { encoding: 'utf8', env });
  const validate = spawnSync(process.execPath, [bin, 'validate', dir, '--no-mask'], { encoding: 'utf8', env });
  const text = (f: string): string => readFileSync(join(out, f), 'utf8');

  it('the runs end normally, and the data did reach the reports', () => {
    expect([audit.status, auditStdout.status, validate.status]).toEqual([1, 1, 1]);
    expect(audit.stderr).not.toMatch(/内部错误|internal error/);
    const json = text('r.json');
    expect(json).toContain('\\u001b]0;pwned\\u0007'); // JSON escapes it: kept as data
    expect(json).toContain('\uFFFF');
  });

  it('no control character reaches the terminal, the .txt or the Markdown report (names included)', () => {
    for (const [name, output] of [
      ['audit stdout', auditStdout.stdout],
      ['audit stderr', audit.stderr + auditStdout.stderr],
      ['validate stdout', validate.stdout],
      ['validate stderr', validate.stderr],
      ['r.txt', text('r.txt')],
      ['r.md', text('r.md')],
    ] as const) {
      expect(output, name).not.toMatch(CONTROL);
    }
    // The names are shown, their escapes replaced.
    expect(validate.stdout).toContain('投诉台账\uFFFD]0;pwned\uFFFD\uFFFD[2J.csv');
    expect(auditStdout.stdout).toContain('青岛\uFFFD]0;pwned\uFFFD\uFFFD[2J置业');
    expect(text('r.md')).toContain('承诺书\uFFFD\\]0;pwned\uFFFD\uFFFD\\[2J.pdf');
  });

  it('JUnit XML and every XML part of the XLSX report are well-formed; HTML holds no character XML forbids', async () => {
    parseXml(text('r.xml'), 'r.xml');
    const parts = await zipParts(join(out, 'r.xlsx'));
    // The strings are inline in the sheets (the streaming writer keeps no shared-string table).
    expect([...parts.keys()].filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))).toHaveLength(4);
    for (const [name, part] of parts) if (name.endsWith('.xml') || name.endsWith('.rels')) parseXml(part, name);
    expect(text('r.html')).not.toMatch(XML_FORBIDDEN);
    expect(text('r.html')).not.toMatch(/[\u007f-\u009f]/);
    // The workbook opens, and the project's name is there with U+FFFD for what XML cannot hold.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(out, 'r.xlsx'));
    const values: string[] = [];
    for (const sheet of book.worksheets) sheet.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && values.push(cell.value))));
    expect(values.some((v) => v.includes('海岸\uFFFD华庭\uFFFD'))).toBe(true);
  });
});

describe('the safety functions', () => {
  it('xmlChars replaces what XML 1.0 forbids, lone surrogates included, and keeps the rest', () => {
    expect(xmlChars('a\u0000b\u0008c\u000bd\u001fe\uFFFEf\uFFFFg\uD800h\uDC00i\u0085j')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh\uFFFDi\uFFFDj');
    expect(xmlChars('\t\n\r 中文 😀 \uFFFD')).toBe('\t\n\r 中文 😀 \uFFFD');
  });

  it('terminalOutput keeps line feeds and colour codes, replaces every other control', () => {
    expect(terminalOutput('\u001b[31mred\u001b[39m\n')).toBe('\u001b[31mred\u001b[39m\n');
    expect(terminalOutput(`a${ESCAPES}b\tc\r\n`)).toBe('a\uFFFD]0;pwned\uFFFD\uFFFD[2Jb\uFFFDc\uFFFD\n');
  });
});
