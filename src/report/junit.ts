// JUnit XML for CI servers (GitLab, Jenkins): one test suite per chapter, one test case per clause.
// fail → <failure> with the finding count and the remedy; warn, manual, no-data, not-applicable →
// <skipped> with the reason. Pure: report in, string out.
import { STATUS_LABEL, fill, where, words, type Report } from './labels.js';

/** XML text and attribute values: escaped, and characters XML 1.0 forbids removed. */
export function xml(value: unknown): string {
  return String(value ?? '')
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export function junit(report: Report): string {
  const { lang } = report;
  const w = words(lang);
  const clauses = report.chapters.flatMap((c) => c.clauses);
  const count = (pred: (s: string) => boolean): number => clauses.filter((c) => pred(c.status)).length;
  const failures = count((s) => s === 'fail');
  // Each waived finding is a skipped test case of its own, the waiver its reason (#16.7).
  const waivedOf = (c: (typeof clauses)[number]) => c.findings.filter((f) => f.waiver !== null);
  const waiverReason = (f: (typeof clauses)[number]['findings'][number]): string => {
    const v = f.waiver!;
    return lang === 'zh'
      ? `已豁免：${v.justification}${v.approvedBy ? `；批准人 ${v.approvedBy}` : ''}；有效至 ${v.expires}（${v.entry}）`
      : `waived: ${v.justification}${v.approvedBy ? `; approved by ${v.approvedBy}` : ''}; until ${v.expires} (${v.entry})`;
  };
  const waivedTotal = clauses.reduce((n, c) => n + waivedOf(c).length, 0);
  // Files found and not read are skipped test cases of their own suite, so CI shows them.
  const files = report.skipped;
  const skipped = count((s) => s !== 'fail' && s !== 'pass') + files.length + waivedTotal;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="aftersales-audit" tests="${clauses.length + files.length + waivedTotal}" failures="${failures}" errors="0" skipped="${skipped}">`,
  ];
  if (files.length > 0) {
    out.push(`  <testsuite name="${xml(w.skipped)}" tests="${files.length}" failures="0" errors="0" skipped="${files.length}">`);
    for (const s of files) {
      out.push(`    <testcase classname="${xml(w.skipped)}" name="${xml(s.sheet ? `${s.file} [${s.sheet}]` : s.file)}">`, `      <skipped message="${xml(`${s.message} (${s.reason})`)}"/>`, '    </testcase>');
    }
    out.push('  </testsuite>');
  }
  for (const chapter of report.chapters) {
    const cf = chapter.clauses.filter((c) => c.status === 'fail').length;
    const cw = chapter.clauses.reduce((n, c) => n + waivedOf(c).length, 0);
    const cs = chapter.clauses.filter((c) => c.status !== 'fail' && c.status !== 'pass').length + cw;
    out.push(`  <testsuite name="${xml(chapter.title)}" tests="${chapter.clauses.length + cw}" failures="${cf}" errors="0" skipped="${cs}">`);
    for (const c of chapter.clauses) {
      const open = `    <testcase classname="${xml(chapter.title)}" name="${xml(`${c.id} ${c.title}`)}"`;
      for (const f of waivedOf(c)) {
        out.push(`    <testcase classname="${xml(chapter.title)}" name="${xml(`${c.id} ${f.record ?? f.key}`)}">`, `      <skipped message="${xml(waiverReason(f))}"/>`, '    </testcase>');
      }
      if (c.status === 'pass') {
        out.push(`${open}/>`);
        continue;
      }
      out.push(`${open}>`);
      if (c.status === 'fail') {
        const message = lang === 'zh' ? `${c.findingCount} 条发现。${c.remediation}` : `${c.findingCount} findings. ${c.remediation}`;
        const lines = c.findings.filter((f) => f.level !== 'info' && f.waiver === null).map((f) => `${f.record ?? ''} ${where(f, lang)}: ${f.message}`.trim());
        if (c.findingCount > c.findings.length) lines.push(fill(w.more, { n: c.findingCount - c.findings.length, total: c.findingCount }));
        out.push(`      <failure type="fail" message="${xml(message)}">${xml([c.requirement, ...lines].join('\n'))}</failure>`);
      } else {
        const reason = [STATUS_LABEL[c.status][lang], ...c.notes, ...c.findings.map((f) => f.message)].join(lang === 'zh' ? '；' : '; ');
        out.push(`      <skipped message="${xml(reason)}"/>`);
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}
