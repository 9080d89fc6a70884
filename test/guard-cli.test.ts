// The command line guards its user (#15): a mistake is refused with one clear line in the user's
// language, never turned silently into a result. Through the real binary, as a user runs it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = new URL('../bin/aftersales-audit.js', import.meta.url).pathname;
const fixtures = new URL('../fixtures/', import.meta.url).pathname;
const demo = join(fixtures, 'demo');

function run(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', AFTERSALES_AUDIT_TODAY: '2026-03-01', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A usage error: exit 2, nothing on stdout, one line on stderr. */
function usageError(args: string[]): string {
  const { code, stdout, stderr } = run(args);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  return stderr;
}

describe('usage errors are one line with the fix (#15.3)', () => {
  it('a bad choice names the allowed values and points to --help', () => {
    const format = usageError(['audit', demo, '--format', 'xlsx']);
    expect(format).toContain('--format 不能取「xlsx」，可选：text、json、md、html、junit');
    expect(format).toContain('-o 报告.xlsx');
    expect(format).toContain('aftersales-audit audit --help');
    expect(format).not.toMatch(/Usage:|error:/);
    const failOn = usageError(['audit', demo, '--fail-on', 'warning']);
    expect(failOn).toContain('可选：fail、warn、no-data');
    expect(failOn).toContain('是否要用 --fail-on warn？');
  });

  it('an unknown option suggests the near one, in English with --lang en', () => {
    expect(usageError(['audit', demo, '--form', '2025-01-01'])).toContain('未知选项 --form，是否要用 --from？');
    const en = usageError(['--lang', 'en', 'audit', demo, '--form', '2025-01-01']);
    expect(en).toContain('unknown option --form: did you mean --from?');
    expect(en).toContain('aftersales-audit audit --help');
  });

  it('an unknown command, a missing argument, a missing value', () => {
    expect(usageError(['audti'])).toContain('是否要用 audit？');
    expect(usageError(['deadline'])).toContain('缺少参数 <date>');
    expect(usageError(['audit', demo, '--from'])).toContain('--from 后面缺少取值');
  });
});

describe('--only and --skip take only the standard\'s ids (#15.1)', () => {
  it('an unknown clause is a usage error naming the valid ids, not an audit of nothing', () => {
    const only = usageError(['audit', demo, '--only', '4.9']);
    expect(only).toContain('--only：标准中没有条款 4.9');
    expect(only).toContain('4, 4.1, 4.2, 4.3, 4.4, 4.5, 4.6, 4.7, 4.8');
    expect(only).not.toContain('符合');
    const skip = usageError(['--lang', 'en', 'audit', demo, '--skip', '4.7,7']);
    expect(skip).toContain('--skip: the standard has no clause 7; valid ids: 1, 2, 3, 4, 5');
  });

  it('a chapter id selects its clauses, and rules explains a chapter as --only selects it', () => {
    const { code, stdout } = run(['audit', demo, '--only', '4', '--format', 'json']);
    expect(code).toBe(1);
    const ids = (JSON.parse(stdout) as { chapters: { clauses: { id: string }[] }[] }).chapters.flatMap((c) => c.clauses.map((k) => k.id));
    expect(ids).toEqual(['4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8']);
    const rules = run(['rules', '4']);
    expect(rules.code).toBe(0);
    const listed = rules.stdout.split('\n').filter((l) => /^ {2}\d/.test(l)).map((l) => l.trim().split(/\s+/)[0]);
    expect(listed).toEqual(ids);
    expect(rules.stdout).toContain('--only 4 选中以上 8 条');
    expect(run(['--lang', 'en', 'rules', '3.1']).stdout).toContain('--only 3.1 selects these 7 clauses');
    expect(usageError(['rules', '4.9'])).toContain('没有条款 4.9；可用：4, 4.1');
  });
});

describe('the period guards its user (#15.2)', () => {
  it('a period that ends before it starts, an as-of before its start, an invalid date: one-line usage errors', () => {
    expect(usageError(['audit', demo, '--from', '2025-06-30', '--to', '2025-01-01'])).toContain('审计期间结束 2025-01-01 早于开始 2025-06-30');
    expect(usageError(['audit', demo, '--as-of', '2024-12-01'])).toContain('--as-of 2024-12-01 早于审计期间开始 2025-01-01');
    expect(usageError(['--lang', 'en', 'audit', demo, '--as-of', '2024-12-01'])).toContain('is before the period starts (2025-01-01)');
    expect(usageError(['audit', demo, '--from', '2025-02-30'])).toContain('--from 不是有效日期："2025-02-30"');
  });

  it('an as-of after today is warned in every report, today read from the clock only at the edge', () => {
    const text = run(['audit', demo, '--as-of', '2026-06-01']);
    expect(text.stdout.split('\n')[3]).toBe('⚠ 审计日晚于今天（2026-03-01）：之后的记录尚不存在，本报告不是该审计日的完整结果');
    const json = JSON.parse(run(['audit', demo, '--as-of', '2026-06-01', '--format', 'json']).stdout) as { period: Record<string, string> };
    expect(json.period).toEqual({ from: '2025-01-01', to: '2025-12-31', asOf: '2026-06-01', source: 'profile', today: '2026-03-01' });
    expect(run(['--lang', 'en', 'audit', demo, '--as-of', '2026-06-01', '--format', 'md']).stdout).toContain('The audit date is after today (2026-03-01)');
    expect(run(['audit', demo, '--as-of', '2026-06-01', '--format', 'html']).stdout).toContain('审计日晚于今天（2026-03-01）');
    // An as-of that is not after today: no warning, and no `today` key.
    const past = run(['audit', demo, '--as-of', '2026-01-10', '--format', 'json']);
    expect((JSON.parse(past.stdout) as { period: Record<string, string> }).period).not.toHaveProperty('today');
    expect(run(['audit', demo, '--as-of', '2026-01-10']).stdout).not.toContain('晚于今天');
  });
});

describe('validate marks a file that cannot serve ✖ (#15.6)', () => {
  it('a file with missing required columns, or with no data row, is ✖ with the reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-validate-mark-'));
    writeFileSync(join(dir, '投诉.csv'), '客诉单号,项目名称\nK1,海岸\n');
    writeFileSync(join(dir, '投诉台账2.csv'), '编号,项目名称,受理渠道,类别,受理时间,处理状态,经办人\n');
    const { stdout } = run(['validate', dir]);
    const lines = stdout.split('\n');
    expect(lines).toContain('  ✖ 投诉台账  投诉.csv (utf-8)  没有数据行，文件本身有问题（见下）');
    expect(lines).toContain('  ✖ 投诉台账  投诉台账2.csv (utf-8)  表头第 1 行，没有数据行');
    expect(stdout).not.toContain('✔ 投诉台账');
    const en = run(['--lang', 'en', 'validate', dir]).stdout;
    expect(en).toContain('no data rows, the file itself has a problem (below)');
    // A good file stays ✔.
    expect(run(['validate', demo]).stdout).toContain('  ✔ 人员花名册  人员花名册.csv (utf-8-bom)  表头第 1 行，6 行数据');
  });
});

describe('with -o the terminal still gets the verdict (#15.7)', () => {
  it('audit: the one-line verdict and counts on stdout, the same with --format text, none with --quiet', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-o-verdict-'));
    const plain = run(['audit', demo, '-o', join(dir, 'a.json')]);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toBe('结论: 不符合   不符合 9 · 警告 2 · 无数据 0 · 人工核查 12 · 符合 8 · 不适用 6\n');
    expect(run(['audit', demo, '-o', join(dir, 'b.json'), '--format', 'text']).stdout).toBe(plain.stdout);
    expect(run(['--lang', 'en', 'audit', demo, '-o', join(dir, 'c.json')]).stdout).toMatch(/^Verdict: non-compliant {3}FAIL 9 · /);
    expect(run(['audit', demo, '-o', join(dir, 'd.json'), '-q']).stdout).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json', 'c.json', 'd.json']);
  });

  it('validate: the count of issues on stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-o-validate-'));
    const r = run(['validate', demo, '-o', join(dir, 'q.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('共 4 个数据质量问题，涉及 4 行。\n');
  });
});

describe('deadline and the calendar say what they rest on (#15.11)', () => {
  it('a make-up working day is marked as such', () => {
    const zh = run(['deadline', '2025-09-26']).stdout.split('\n');
    expect(zh).toContain('  2025-09-28 周日  第 1 个工作日（调休上班）');
    expect(zh).toContain('  2025-09-29 周一  第 2 个工作日');
    expect(run(['--lang', 'en', 'deadline', '2025-09-26']).stdout).toContain('  2025-09-28 Sun  working day 1 (make-up working day)\n');
  });

  it('a --calendar file that gives some days of a year makes that year placed, and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-calendar-'));
    const calendar = join(dir, 'cal.csv');
    writeFileSync(calendar, '2027-01-01,休\n2003-01-01,休\n');
    const later = run(['deadline', '2027-03-05', '--calendar', calendar]);
    expect(later.code).toBe(0);
    expect(later.stdout).toContain('处理时限：2027-03-10 周三 当日结束前');
    expect(later.stdout).toContain('日历：2003、2027 年取自 --calendar 文件');
    // A year before the official schedule, given by the file, is placed too.
    const earlier = run(['--lang', 'en', 'deadline', '2003-01-01', '--calendar', calendar]);
    expect(earlier.code).toBe(0);
    expect(earlier.stdout).toContain('deadline: end of 2003-01-06 Mon');
    const report = run(['audit', demo, '--calendar', calendar]).stdout;
    expect(report).toContain('工作日日历：2003、2027 年取自 --calendar 文件（该年未列出的日子按周一至周五上班）；2004–2026 年为国务院公布的安排');
    expect(run(['audit', demo, '--calendar', calendar, '--format', 'md']).stdout).toContain('| 工作日日历 | 2003、2027 年取自 --calendar 文件');
    expect(run(['audit', demo]).stdout).not.toContain('工作日日历');
  });
});

describe('folder mistakes get specific messages (#15.5)', () => {
  const root = mkdtempSync(join(tmpdir(), 'aa-folders-'));
  mkdirSync(join(root, '企业资料'));
  copyFileSync(join(demo, '人员花名册.csv'), join(root, '人员花名册.csv'));
  mkdirSync(join(root, 'zipped'));
  writeFileSync(join(root, 'zipped', '资料.zip'), 'PK');
  writeFileSync(join(root, '资料.rar'), 'Rar!');

  it('a folder that does not exist says so and suggests a near name in its parent', () => {
    expect(usageError(['validate', join(root, '企业资科')])).toContain(`企业资科：文件夹不存在；是否是「${join(root, '企业资料')}」？`);
    expect(usageError(['--lang', 'en', 'audit', join(root, '企业资科')])).toContain(`no such folder; did you mean "${join(root, '企业资料')}"?`);
    expect(usageError(['validate', join(root, 'nope', 'deeper')])).toContain('文件夹不存在（上级文件夹');
  });

  it('a file given for a folder says so; a spreadsheet is named with its flag, an archive is unpacked', () => {
    const file = join(root, '人员花名册.csv');
    expect(usageError(['validate', file])).toContain(`这是文件，不是文件夹。要读取文件夹 ${root} 请写它；只读取这个表格请用 --complaints、--staff、--callbacks 或 --units 指定，如 ${root} --staff ${file}`);
    expect(usageError(['validate', join(root, '资料.rar')])).toContain('这是压缩包，不是文件夹：请先解压');
  });

  it('a folder that holds only an archive says to unpack it', () => {
    expect(usageError(['validate', join(root, 'zipped')])).toContain('文件夹中没有数据文件，只有压缩包 资料.zip：请先解压');
    expect(usageError(['--lang', 'en', 'audit', join(root, 'zipped')])).toContain('only the archive(s) 资料.zip: unpack them first');
  });
});
