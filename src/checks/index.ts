// The registry: every clause of the standard, in order, one file each. A test walks it.
import type { Bilingual } from '../errors.js';
import type { Check } from './types.js';
import c1_1 from './1.1-basis.js';
import c1_2 from './1.2-authority.js';
import c1_3 from './1.3-scope.js';
import c1_4 from './1.4-organization-and-fund.js';
import c1_5 from './1.5-definition.js';
import c1_6 from './1.6-filing-and-announcement.js';
import c1_7 from './1.7-hotline.js';
import c1_8 from './1.8-qualification-basis.js';
import c1_9 from './1.9-integrity-basis.js';
import c2_1 from './2.1-establishment.js';
import c2_2 from './2.2-own-department.js';
import c2_3 from './2.3-general-manager.js';
import c2_4 from './2.4-staffing.js';
import c2_5 from './2.5-out-of-town.js';
import c3_1_1 from './3.1.1-manager-reports.js';
import c3_1_2 from './3.1.2-coordination.js';
import c3_1_3 from './3.1.3-brand-and-satisfaction.js';
import c3_1_4 from './3.1.4-callback-plan.js';
import c3_1_5 from './3.1.5-escalations.js';
import c3_1_6 from './3.1.6-compliance.js';
import c3_1_7 from './3.1.7-forwarded-on-time.js';
import c3_2_1 from './3.2.1-standard-service.js';
import c3_2_2 from './3.2.2-record-keeping.js';
import c3_2_3 from './3.2.3-inquiries.js';
import c3_2_4 from './3.2.4-follow-up-callbacks.js';
import c4_1 from './4.1-commitment.js';
import c4_2 from './4.2-public-display.js';
import c4_3 from './4.3-courtesy.js';
import c4_4 from './4.4-handling-rate.js';
import c4_5 from './4.5-satisfaction.js';
import c4_6 from './4.6-warranty.js';
import c4_7 from './4.7-response-time.js';
import c4_8 from './4.8-forwarded-reply.js';
import c5_1 from './5.1-callback-rate.js';
import c5_2 from './5.2-statistics.js';
import c5_3 from './5.3-government-supervision.js';
import c5_4 from './5.4-public-supervision.js';

export const CHECKS: readonly Check[] = [
  c1_1, c1_2, c1_3, c1_4, c1_5, c1_6, c1_7, c1_8, c1_9,
  c2_1, c2_2, c2_3, c2_4, c2_5,
  c3_1_1, c3_1_2, c3_1_3, c3_1_4, c3_1_5, c3_1_6, c3_1_7, c3_2_1, c3_2_2, c3_2_3, c3_2_4,
  c4_1, c4_2, c4_3, c4_4, c4_5, c4_6, c4_7, c4_8,
  c5_1, c5_2, c5_3, c5_4,
];

export const CHAPTERS: readonly { readonly id: string; readonly title: Bilingual }[] = [
  { id: '1', title: { zh: '第一章 总则', en: 'Chapter 1 General provisions' } },
  { id: '2', title: { zh: '第二章 售后服务机构设置', en: 'Chapter 2 Setting up the organization' } },
  { id: '3', title: { zh: '第三章 售后服务机构人员岗位职责', en: 'Chapter 3 Duties of the staff' } },
  { id: '4', title: { zh: '第四章 售后服务质量标准', en: 'Chapter 4 Quality standards' } },
  { id: '5', title: { zh: '第五章 售后服务回访制度和质量监督', en: 'Chapter 5 Callbacks and supervision' } },
];

export const chapterOf = (clause: string): string => clause.split('.')[0]!;

export function findCheck(id: string): Check | undefined {
  return CHECKS.find((c) => c.id === id);
}

/** The clauses an id selects: the clause itself, or every clause of a chapter (4) or section (3.1). */
export function checksUnder(id: string): Check[] {
  return CHECKS.filter((c) => c.id === id || c.id.startsWith(`${id}.`));
}

/** The clause ids near an id that selects none: those of its chapter, or the chapters. */
export function validIdsNear(id: string): string {
  const chapter = CHAPTERS.find((c) => c.id === chapterOf(id));
  if (!chapter) return CHAPTERS.map((c) => c.id).join(', ');
  const ids = checksUnder(chapter.id).map((c) => c.id);
  return [chapter.id, ...ids].join(', ');
}
