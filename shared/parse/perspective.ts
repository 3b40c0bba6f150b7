import type { PerspectiveCode } from '../engine/scorecard-types';
import type { Locale } from '../i18n/locale';
import type { CellValue } from '../table/grid';
import { matchKey } from '../text/normalize';

const ALIASES: Readonly<Record<PerspectiveCode, readonly string[]>> = {
  financial: ['财务', '財務', '财务维度', '财务层面', 'finance', 'financial', 'financials'],
  customer: ['客户', '客戶', '顾客', '顧客', 'customer', 'customers', 'client', 'clients'],
  process: [
    '流程', '内部流程', '內部流程', '内部运营', '内部业务流程', '业务流程',
    'process', 'processes', 'internal process', 'internal processes', 'internal business process', 'operations',
  ],
  // "growth" alone is left out: it reads as a trend target or a financial aim as often as a perspective.
  learning: [
    '学习', '學習', '学习与成长', '學習與成長', '学习和成长', '学习成长', '成长',
    'learning', 'learning and growth', 'learning & growth', 'people',
  ],
};

// Characters the shared Traditional table does not fold but perspective names use.
const EXTRA_FOLD: Readonly<Record<string, string>> = { 學: '学', 內: '内', 顧: '顾', 運: '运' };
// Headings often say which kind of thing the cell names: "财务维度", "Customer perspective".
const DECORATION = /(?:维度|层面|视角|角度|方面|类|perspective|dimension)$/;

function key(text: string): string {
  return matchKey(text.replace(/[學內顧運]/g, (c) => EXTRA_FOLD[c] ?? c));
}

const BY_KEY: ReadonlyMap<string, PerspectiveCode> = (() => {
  const m = new Map<string, PerspectiveCode>();
  for (const [code, aliases] of Object.entries(ALIASES) as [PerspectiveCode, readonly string[]][]) {
    for (const alias of aliases) m.set(key(alias), code);
  }
  return m;
})();

/** A Balanced-Scorecard perspective from a cell, in either language and script; null when unknown. */
export function parsePerspective(input: CellValue): PerspectiveCode | null {
  if (typeof input !== 'string') return null;
  const k = key(input);
  if (k === '') return null;
  return BY_KEY.get(k) ?? BY_KEY.get(k.replace(DECORATION, '')) ?? null;
}

const LABELS: Readonly<Record<Locale, Readonly<Record<PerspectiveCode, string>>>> = {
  'zh-CN': { financial: '财务', customer: '客户', process: '流程', learning: '学习与成长' },
  'en-US': { financial: 'Financial', customer: 'Customer', process: 'Internal process', learning: 'Learning & growth' },
};

export function perspectiveLabel(code: PerspectiveCode, locale: Locale): string {
  return LABELS[locale][code];
}
