// 4.6: no repair refused as "out of warranty" while inside the statutory minimum period.
import { dayOf, finding, note, result } from './helpers.js';
import type { Check, Finding } from './types.js';
import { warrantyClass, warrantyEnd } from './warranty.js';

const check: Check = {
  id: '4.6',
  title: { zh: '按质量保证书做好保修', en: 'Warranty service as guaranteed' },
  requirement: {
    zh: '严格按照《住宅质量保证书》和《住宅使用说明书》的要求，认真、及时做好售后服务工作。',
    en: 'After-sales service follows the Home Quality Guarantee and the Home Manual, carefully and in good time.',
  },
  judged: 'data',
  datasets: ['complaints', 'units'],
  parameters: ['warrantyMonths', 'heatingSeason'],
  method: {
    zh: '审计期间受理的报修或投诉，问题分类属于法定保修范围，受理日在自交付之日起的最低保修期内，却判定为"超出保修期"的，每件为一条不符合。保修期至交付日 N 个月后的对应日（无对应日的取当月最后一天），该日受理仍在期内，不因节假日顺延；供热供冷为交付日之后开始的第一个完整采暖季；交付之前受理的案件不属本条。需要已售房源台账的交付日期。',
    en: 'A repair or complaint received in the period whose category is a statutory warranty class, received within the minimum period after delivery, but marked 超出保修期, is a failure. The period ends on the corresponding day N months after delivery (the last day of the month when there is none); a receipt on that day is inside; no holiday extension; heating and cooling: the first full heating season that begins after the delivery day. A case received before delivery is outside this clause. Needs delivery dates from the units ledger.',
  },
  messages: {
    refused: {
      zh: '{id}（{unit}，{category}）{received} 受理，交付于 {delivered}，保修期至 {until}，却判定为超出保修期。',
      en: '{id} ({unit}, {category}) received {received}; delivered {delivered}, warranty until {until}, yet marked out of warranty.',
    },
    'no-delivery': { zh: '需要已售房源台账中的交付日期。', en: 'Needs delivery dates in the units ledger.' },
    'no-complaints': { zh: '未提供投诉台账。', en: 'No complaint register supplied.' },
    none: { zh: '审计期间没有受理报修或投诉。', en: 'No repair or complaint received in the period.' },
    unjudged: { zh: '{count} 件"超出保修期"的记录无法核对（无交付日期、房号不在台账或问题分类为"其他"）。', en: '{count} cases marked out of warranty could not be checked (no delivery date, unit not in the ledger, or category 其他).' },
  },
  remediation: { zh: '对保修期内的问题一律保修，纠正错判的案件并回访业主。', en: 'Repair everything inside the warranty period; correct the wrong decisions and call the owners back.' },
  start: (context) => {
    const findings: Finding[] = [];
    let deliveries = 0;
    let refusals = 0;
    let unjudged = 0;
    let cases = 0;
    return {
      units(record) {
        if (record.project && record.unit && record.deliveredAt) deliveries++;
      },
      complaints(record, at) {
        const received = dayOf(record.receivedAt);
        if ((record.kind !== '报修' && record.kind !== '投诉') || !received || !context.inPeriod(received)) return;
        cases++;
        if (record.warranty !== '超出保修期') return;
        const handedOver = record.project && record.unit ? context.units.deliveredAt(record.project, record.unit) : undefined;
        // A case received before the home was delivered is outside 4.6 (the warranty runs from delivery).
        if (handedOver && received < handedOver) return;
        refusals++;
        const cls = warrantyClass(record.category);
        const until = cls && handedOver ? warrantyEnd(cls, handedOver, context.params) : null;
        if (!until || !handedOver) return void unjudged++;
        if (received <= until) {
          findings.push(finding('4.6', 'fail', record.id ?? null, at, 'refused', {
            id: record.id ?? '', unit: `${record.project}/${record.unit}`, category: record.category ?? '', received, delivered: handedOver, until,
          }));
        }
      },
      finish(end) {
        if (!end.supplied.has('complaints')) return result('no-data', {}, [], [note('no-complaints')]);
        if (!end.supplied.has('units') || deliveries === 0) return result('no-data', { refusals }, [], [note('no-delivery')]);
        if (cases === 0) return result('not-applicable', { refusals: 0, wrongRefusals: 0, unjudged: 0 }, [], [note('none')]);
        const notes = unjudged > 0 ? [note('unjudged', { count: unjudged })] : [];
        return result(findings.length > 0 ? 'fail' : 'pass', { refusals, wrongRefusals: findings.length, unjudged }, findings, notes);
      },
    };
  },
};
export default check;
