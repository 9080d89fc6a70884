// Every metric and parameter has a label in both languages, and a Chinese report shows no JSON and
// no English key to its reader (issue 15, item 8).
import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETERS } from '../../src/checks/parameters.js';
import { METRIC_LABEL, PARAMETER_KEYS, metricValueText, metricsText, parametersText } from '../../src/report/labels.js';

const checksDir = new URL('../../src/checks/', import.meta.url).pathname;

/** Metric keys written in the checks' sources: object literals passed to result(...) or named `metrics`. */
function metricKeysInSources(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const name of readdirSync(checksDir).filter((f) => /^\d.*\.ts$/.test(f) || f === 'helpers.ts')) {
    const source = ts.createSourceFile(name, readFileSync(checksDir + name, 'utf8'), ts.ScriptTarget.Latest, true);
    const take = (node: ts.Node | undefined): void => {
      if (!node || !ts.isObjectLiteralExpression(node)) return;
      for (const p of node.properties) {
        if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) keys.set(p.name.text, name);
      }
    };
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'result') take(node.arguments[1]);
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === 'metrics') take(node.initializer);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return keys;
}

function metricKeysInGolden(): Set<string> {
  const report = JSON.parse(readFileSync(new URL('../golden/demo.json', import.meta.url), 'utf8')) as { chapters: { clauses: { metrics: Record<string, unknown> }[] }[] };
  return new Set(report.chapters.flatMap((c) => c.clauses.flatMap((clause) => Object.keys(clause.metrics))));
}

describe('metric labels', () => {
  const fromSources = metricKeysInSources();

  it('finds the metric keys of the checks (the walk itself works)', () => {
    for (const key of ['handlingRate', 'satisfactionRate', 'onTimeRate', 'late', 'callbackRate', 'minFullTime', 'arrangement', 'scope', 'interval95']) expect(fromSources.has(key), key).toBe(true);
    expect(fromSources.size).toBeGreaterThan(40);
  });

  it('every key a check can produce, and every key of the demo, has a Chinese and an English label', () => {
    const keys = new Set([...fromSources.keys(), ...metricKeysInGolden()]);
    const unlabelled = [...keys].filter((k) => !METRIC_LABEL[k]?.zh || !METRIC_LABEL[k]?.en).map((k) => `${k} (${fromSources.get(k) ?? 'demo'})`);
    expect(unlabelled).toEqual([]);
    for (const k of keys) expect(METRIC_LABEL[k]!.zh, k).toMatch(/[\u4e00-\u9fff]/);
  });

  it('reads a metric line as a sentence: labels, units, percentages with one decimal, 是/否, lists', () => {
    expect(metricsText({ handlingRate: 2 / 3, due: 3, handled: 2, pending: 1 }, 'zh')).toBe('处理率 66.7%，应处理 3 件，已处理 2 件，未到时限 1 件');
    expect(metricsText({ handlingRate: 2 / 3, due: 3, handled: 2, pending: 1 }, 'en')).toBe('handling rate 66.7%; due 3; handled 2; not yet due 1');
    expect(metricsText({ independent: true, fundAmount: 800000 }, 'zh')).toBe('机构独立设置 是，专项资金 800000 元');
    expect(metricsText({ independent: false }, 'en')).toBe('independent organization no');
    expect(metricValueText('interval95', [0.858, 0.929], 'zh')).toBe('85.8%–92.9%');
    expect(metricValueText('projectRates', { 山语城: 0.608, 金沙湾: 0 }, 'zh')).toBe('山语城 60.8%、金沙湾 0.0%');
    expect(metricValueText('arrangement', 'entrusted', 'zh')).toBe('委托本地企业代管');
    expect(metricValueText('minFullTime', 2, 'zh')).toBe('2 人');
    expect(metricValueText('soldUnits', 360, 'zh')).toBe('360 套');
    expect(metricValueText('threshold', 0.9, 'zh')).toBe('≥ 90.0%');
    expect(metricValueText('due', null, 'zh')).toBe('—');
  });
});

describe('parameter texts', () => {
  it('every parameter of the rule pack is labelled, and none is shown as JSON', () => {
    expect([...PARAMETER_KEYS].sort()).toEqual(Object.keys(DEFAULT_PARAMETERS).sort());
    for (const lang of ['zh', 'en'] as const) {
      for (const p of parametersText(DEFAULT_PARAMETERS, lang)) {
        expect(p.label, p.key).not.toBe(p.key);
        expect(`${p.label} ${p.value} ${JSON.stringify(p.table ?? '')}`.replace(/"|\\|\[|\]|\{|\}|:|,|headers|rows/g, ''), p.key).not.toMatch(/[{}]|":/);
        expect(p.value).not.toMatch(/[{}[\]"]/);
      }
    }
  });

  it('writes the warranty months and the staffing rule as tables, the heating season as dates', () => {
    const zh = parametersText(DEFAULT_PARAMETERS, 'zh');
    const byKey = new Map(zh.map((p) => [p.key, p]));
    expect(byKey.get('staffing')!.table).toEqual({
      headers: ['资质等级', '专职人员要求'],
      rows: [['一级', '专职人员不少于 3 人'], ['二级', '专职人员不少于 3 人'], ['三级', '专职人员不少于 3 人'], ['四级', '设专职负责人（不少于 1 人）'], ['暂定', '设专职负责人（不少于 1 人）']],
    });
    const warranty = byKey.get('warrantyMonths')!.table!;
    expect(warranty.headers).toEqual(['问题分类', '最低保修期']);
    expect(warranty.rows).toContainEqual(['屋面防水', '36 个月（3 年）']);
    expect(warranty.rows).toContainEqual(['管道堵塞', '2 个月']);
    expect(warranty.rows).toContainEqual(['供热供冷', '1 个供暖期或供冷期']);
    expect(warranty.rows).toContainEqual(['其他', '按约定（无法定最低期限）']);
    expect(byKey.get('heatingSeason')!.value).toBe('每年 11 月 16 日至次年 4 月 5 日');
    expect(byKey.get('satisfactionRate')!.value).toBe('≥ 90.0%');
    expect(byKey.get('satisfiedGrades')!.value).toBe('非常满意、满意、较满意、基本满意、4 分、5 分');
    const en = new Map(parametersText(DEFAULT_PARAMETERS, 'en').map((p) => [p.key, p]));
    expect(en.get('heatingSeason')!.value).toBe('16 November to 5 April of the next year');
    expect(en.get('warrantyMonths')!.table!.rows).toContainEqual(['渗漏', '12 months (1 year)']);
  });
});
