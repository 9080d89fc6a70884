// `rules`: the coverage matrix (clause → how it is judged → datasets), or one clause explained.
import { CHAPTERS, CHECKS, chapterOf, checksUnder, findCheck } from '../checks/index.js';
import { DEFAULT_PARAMETERS, PARAMETER_TEXT } from '../checks/parameters.js';
import { readingsOf } from '../checks/readings.js';
import type { Judged } from '../checks/types.js';
import { datasetTitles } from '../datasets.js';
import type { Lang } from '../model.js';

const JUDGED: Readonly<Record<Judged, Readonly<Record<Lang, string>>>> = {
  data: { zh: '数据判定', en: 'from records' },
  profile: { zh: '企业信息', en: 'from the profile' },
  manual: { zh: '人工核查', en: 'manual' },
  informative: { zh: '说明性条款', en: 'informative' },
};

export function rulesText(lang: Lang): string {
  const out: string[] = [];
  for (const chapter of CHAPTERS) {
    out.push(chapter.title[lang]);
    for (const check of CHECKS.filter((c) => chapterOf(c.id) === chapter.id)) {
      const data = check.datasets.map((d) => datasetTitles[d][lang]).join(lang === 'zh' ? '、' : ', ');
      out.push(`  ${check.id.padEnd(6)} ${check.title[lang]}  [${JUDGED[check.judged][lang]}]${data ? `  ${data}` : ''}`);
    }
    out.push('');
  }
  out.push(lang === 'zh' ? `共 ${CHECKS.length} 条；aftersales-audit rules <条款号> 查看说明。` : `${CHECKS.length} clauses; aftersales-audit rules <id> explains one.`);
  return `${out.join('\n')}\n`;
}

/** A chapter (4) or section (3.1): the clauses it holds, as `--only <id>` selects them. */
function groupText(id: string, lang: Lang): string | null {
  const checks = checksUnder(id);
  if (checks.length === 0) return null;
  const zh = lang === 'zh';
  const chapter = CHAPTERS.find((c) => c.id === id);
  const out = [chapter ? chapter.title[lang] : zh ? `第 ${id} 节` : `Section ${id}`];
  for (const check of checks) {
    const data = check.datasets.map((d) => datasetTitles[d][lang]).join(zh ? '、' : ', ');
    out.push(`  ${check.id.padEnd(6)} ${check.title[lang]}  [${JUDGED[check.judged][lang]}]${data ? `  ${data}` : ''}`);
  }
  out.push('');
  out.push(
    zh
      ? `--only ${id} 选中以上 ${checks.length} 条，--skip ${id} 跳过它们；aftersales-audit rules <条款号> 查看某条的说明。`
      : `--only ${id} selects these ${checks.length} clauses, --skip ${id} skips them; aftersales-audit rules <id> explains one.`,
  );
  return `${out.join('\n')}\n`;
}

export function ruleText(id: string, lang: Lang): string | null {
  const check = findCheck(id);
  if (!check) return groupText(id, lang);
  const zh = lang === 'zh';
  const out = [
    `${check.id} ${check.title[lang]}`,
    '',
    `${zh ? '条文' : 'Requirement'}: ${check.requirement[lang]}`,
    `${zh ? '判定方式' : 'Judged'}: ${JUDGED[check.judged][lang]}`,
    `${zh ? '方法' : 'Method'}: ${check.method[lang]}`,
  ];
  const readings = readingsOf(check.id);
  if (readings.length > 0) {
    out.push(`${zh ? '判定口径（SPEC §3）' : 'Readings (SPEC §3)'}:`);
    for (const reading of readings) out.push(`  - ${reading.text[lang]}`);
  }
  if (check.datasets.length > 0) out.push(`${zh ? '所用数据' : 'Data'}: ${check.datasets.map((d) => datasetTitles[d][lang]).join(zh ? '、' : ', ')}`);
  if (check.parameters.length > 0) {
    out.push(`${zh ? '参数（默认值，可在 --config 的 parameters 中修改）' : 'Parameters (defaults; change them under parameters in --config)'}:`);
    for (const name of check.parameters) out.push(`  ${name} = ${JSON.stringify(DEFAULT_PARAMETERS[name])}  ${PARAMETER_TEXT[name][lang]}`);
  }
  out.push(`${zh ? '整改建议' : 'Remedy'}: ${check.remediation[lang]}`);
  return `${out.join('\n')}\n`;
}
