// A small hand-built report, the input of the formatter tests: every formatter is a pure function
// of it, so each test can state the exact output.
import { DEFAULT_PARAMETERS } from '../../src/checks/parameters.js';
import type { Report } from '../../src/report/labels.js';

export function sampleReport(lang: 'zh' | 'en' = 'zh', payload = ''): Report {
  return {
    schemaVersion: '1.1',
    tool: { name: 'aftersales-audit', version: '0.0.0-test' },
    lang,
    enterprise: { name: `示例置业${payload}`, uscc: null, qualification: '二级', registeredIn: '青岛' },
    verdict: 'non-compliant',
    summary: { fail: 1, warn: 0, 'no-data': 0, manual: 1, pass: 1, 'not-applicable': 0 },
    period: { from: '2025-01-01', to: '2025-12-31', asOf: '2025-12-31', source: 'profile' },
    inputs: [{ dataset: 'complaints', file: '投诉.csv', sheet: null, encoding: 'utf-8', sha256: 'a'.repeat(64), rows: 2, rejected: 0, withIssues: 0, headerRow: 1, skippedRows: 0, blankRows: 0, ignoredColumns: [] }],
    skipped: [],
    missingDatasets: [],
    unrecognisedFiles: [],
    parameters: DEFAULT_PARAMETERS,
    calendar: { officialYears: [2004, 2026], fileYears: [], unplacedDays: [] },
    dataQuality: {
      count: 1,
      truncated: false,
      issues: [{ dataset: 'complaints', file: '投诉.csv', sheet: null, row: 3, column: '经办人', value: `钱多多${payload}`, code: 'unknown-handler', message: '经办人不在人员花名册中' }],
    },
    chapters: [
      {
        id: '4',
        title: '第四章 售后服务质量标准',
        clauses: [
          {
            id: '4.1', title: '实行售后服务承诺制度', requirement: '实行售后服务承诺制度。', judged: 'manual', status: 'manual', statusBeforeWaivers: null, waived: 0, baseline: null, metrics: {}, findingCount: 0, findings: [],
            notes: ['查看承诺书。'], evidence: [{ path: 'evidence/承诺书.pdf', state: 'present' }], remediation: '制定并公开售后服务承诺。',
          },
          {
            id: '4.5', title: '满意率', requirement: '满意率达到90%以上。', judged: 'data', status: 'pass', statusBeforeWaivers: null, waived: 0, baseline: null, metrics: { satisfactionRate: 0.95, valid: 20 }, findingCount: 0, findings: [],
            notes: [], evidence: [], remediation: '整改。',
          },
          {
            id: '4.7', title: '三个工作日内做出处理意见', requirement: '三个工作日内做出处理意见。', judged: 'data', status: 'fail', statusBeforeWaivers: null, waived: 0, baseline: null, metrics: { onTimeRate: 0.5, late: 1 }, findingCount: 1,
            findings: [{ key: `4.7|A1${payload}|late`, waiver: null, baseline: null, record: `A1${payload}`, dataset: 'complaints', file: '投诉.csv', sheet: null, row: 2, level: 'fail', code: 'late', message: `A1${payload} 逾期` }],
            notes: [], evidence: [], remediation: '按时处理。',
          },
        ],
      },
    ],
    analysis: {
      cases: { total: 2, byKind: [{ key: '投诉', count: 2 }] },
      complaintsByMonth: [{ key: '2025-03', count: 2 }],
      complaintsByProject: [{ key: `海岸${payload}`, count: 2 }],
      complaintsByChannel: [{ key: '来电', count: 2 }],
      categories: [{ key: '渗漏', count: 2, share: 1, cumulative: 1 }],
      workingDaysToOpinion: { count: 2, median: 1, p90: 4, max: 4, histogram: [{ days: 1, count: 1 }, { days: 4, count: 1 }] },
      openByAge: [{ key: '0-3', count: 0 }],
      satisfactionByProject: [{ project: '海岸', valid: 20, satisfied: 19, rate: 0.95, interval95: [0.764, 0.991] }],
      callbackCoverageByProject: [{ project: '海岸', sold: 10, reached: 4, rate: 0.4 }],
    },
    waivers: null,
    baseline: null,
  };
}
