// The schemas are the single source of the dataset definitions: check they say what SPEC §2 says.
import { describe, expect, it } from 'vitest';
import { datasets, normaliseHeader } from '../src/datasets.js';
import { DATASETS } from '../src/model.js';
import { buildHeaderIndex } from '../src/read/table.js';

const SPEC_KEYS = {
  complaints: ['id', 'project', 'unit', 'customer', 'phone', 'channel', 'kind', 'category', 'description', 'receivedAt', 'opinionAt', 'opinion', 'closedAt', 'result', 'status', 'handler', 'warranty', 'referralNo', 'referralDue', 'repliedInPersonAt', 'writtenReport', 'escalated', 'escalationCause'],
  staff: ['id', 'name', 'role', 'department', 'employment', 'reportsTo', 'startDate', 'endDate', 'phone'],
  callbacks: ['id', 'project', 'unit', 'date', 'method', 'caller', 'reached', 'satisfaction', 'complaintId', 'comment'],
  units: ['project', 'unit', 'soldAt', 'deliveredAt', 'owner'],
};
const SPEC_REQUIRED = {
  complaints: ['id', 'project', 'channel', 'kind', 'receivedAt', 'status', 'handler'],
  staff: ['name', 'role', 'department', 'employment', 'startDate'],
  callbacks: ['id', 'project', 'unit', 'date', 'method', 'caller'],
  units: ['project', 'unit', 'soldAt'],
};

describe.each(DATASETS)('dataset %s', (name) => {
  const def = datasets[name];

  it('has the keys and required keys of SPEC §2', () => {
    expect(def.columns.map((c) => c.key)).toEqual(SPEC_KEYS[name]);
    expect(def.columns.filter((c) => c.required).map((c) => c.key)).toEqual(SPEC_REQUIRED[name]);
  });

  it('gives every column a Chinese header, a kind, and enumerations their values', () => {
    for (const column of def.columns) {
      expect(column.header).toMatch(/[\u4e00-\u9fff]/);
      expect(['id', 'text', 'freetext', 'enum', 'date', 'datetime', 'phone']).toContain(column.kind);
      expect(column.kind === 'enum').toBe(column.enumValues !== null);
      for (const target of column.enumAliases.values()) expect(column.enumValues).toContain(target);
    }
  });

  it('never lets one header name two keys', () => {
    const seen = new Map<string, string>();
    for (const column of def.columns) {
      for (const text of [column.header, column.key, ...column.aliases]) {
        const key = normaliseHeader(text);
        const owner = seen.get(key);
        expect(owner === undefined || owner === column.key, `${text} names ${owner} and ${column.key}`).toBe(true);
        seen.set(key, column.key);
      }
    }
    expect(buildHeaderIndex(def).byHeader.size).toBe(seen.size);
  });
});

/** The aliases SPEC §2 lists (issue 12.8), each recognised for its key. */
const SPEC_ALIASES: Record<string, Record<string, string[]>> = {
  complaints: {
    receivedAt: ['投诉时间', '登记时间', '来电时间', '投诉日期', '来电日期', '反映时间', '登记日期', '受理日期'],
    opinionAt: ['答复时间', '回复时间', '答复日期', '处理日期'],
    closedAt: ['结案时间', '完成时间', '完成日期', '结案日期'],
  },
  callbacks: { satisfaction: ['满意程度', '评价', '回访结果'] },
};

describe('SPEC §2 aliases', () => {
  it.each(Object.entries(SPEC_ALIASES))('%s: every alias names its key', (name, byKey) => {
    const index = buildHeaderIndex(datasets[name as keyof typeof datasets]);
    for (const [key, aliases] of Object.entries(byKey)) for (const alias of aliases) expect(index.byHeader.get(normaliseHeader(alias))?.column.key, alias).toBe(key);
  });
});
