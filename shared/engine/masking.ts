import type { Locale } from '../i18n/locale';
import { normalizeText } from '../text/normalize';
import { toSimplified } from '../text/simplified';

/**
 * Masking of core fields before data leaves the service (handbook 四(二)3: address → province
 * only, age → band, ID → hash) and the vocabularies of the data-classification sheet.
 *
 * Pure: the keyed hash (HMAC-SHA256) needs node:crypto and lives in server/access/pseudonym.ts.
 * Every function here fails closed: what it cannot read is replaced by FIXED_MASK, never passed
 * through.
 */

/** What a masked value looks like when nothing of it may be shown. */
export const FIXED_MASK = '***';

/** The value replaced entirely. Neither the value nor its length shows through. */
export function fixedMask(_value?: unknown): string {
  return FIXED_MASK;
}

// ---------------------------------------------------------------------------------------------
// Provinces

/**
 * The 34 provincial-level divisions: official name, then the names people write without the
 * suffix. Traditional forms are folded to Simplified before matching (see TRADITIONAL).
 */
export const PROVINCES: readonly (readonly [official: string, ...short: string[]])[] = [
  // municipalities
  ['北京市', '北京'],
  ['天津市', '天津'],
  ['上海市', '上海'],
  ['重庆市', '重庆'],
  // provinces
  ['河北省', '河北'],
  ['山西省', '山西'],
  ['辽宁省', '辽宁'],
  ['吉林省', '吉林'],
  ['黑龙江省', '黑龙江'],
  ['江苏省', '江苏'],
  ['浙江省', '浙江'],
  ['安徽省', '安徽'],
  ['福建省', '福建'],
  ['江西省', '江西'],
  ['山东省', '山东'],
  ['河南省', '河南'],
  ['湖北省', '湖北'],
  ['湖南省', '湖南'],
  ['广东省', '广东'],
  ['海南省', '海南'],
  ['四川省', '四川'],
  ['贵州省', '贵州'],
  ['云南省', '云南'],
  ['陕西省', '陕西'],
  ['甘肃省', '甘肃'],
  ['青海省', '青海'],
  ['台湾省', '台湾'],
  // autonomous regions
  ['内蒙古自治区', '内蒙古', '内蒙'],
  ['广西壮族自治区', '广西壮族', '广西'],
  ['西藏自治区', '西藏'],
  ['宁夏回族自治区', '宁夏回族', '宁夏'],
  ['新疆维吾尔自治区', '新疆维吾尔', '新疆'],
  // special administrative regions
  ['香港特别行政区', '香港'],
  ['澳门特别行政区', '澳门'],
];

/** Traditional characters of the division names that shared/text/simplified does not fold. */
const TRADITIONAL: ReadonlyMap<string, string> = new Map(
  Array.from('慶庆遼辽寧宁龍龙蘇苏東东廣广貴贵雲云陝陕肅肃臺台灣湾內内區区壯壮維维爾尔別别門门').reduce<[string, string][]>(
    (pairs, ch, i, all) => (i % 2 === 0 ? [...pairs, [ch, all[i + 1]!]] : pairs),
    [],
  ),
);

function fold(text: string): string {
  let out = '';
  for (const ch of toSimplified(normalizeText(text))) out += TRADITIONAL.get(ch) ?? ch;
  return out.replace(/\s+/g, '');
}

interface Alias {
  readonly text: string;
  readonly official: string;
  /** A name without its suffix: also a common street name (北京路, 西藏中路), see below. */
  readonly short: boolean;
}

/** Longest first, so that 黑龙江省 wins over 黑龙江 at the same position. */
const ALIASES: readonly Alias[] = PROVINCES.flatMap(([official, ...short]) => [
  { text: official, official, short: false },
  ...short.map((text) => ({ text, official, short: true })),
]).sort((a, b) => b.text.length - a.text.length);

/**
 * Chinese cities name streets after provinces (上海 西藏中路, 广州 北京路). A short name
 * followed by a street word is a street, not a province.
 */
const STREET_AFTER = /^(?:[东西南北中]?[路街道巷弄里桥]|大街|大道)/;

/**
 * The official name of the province-level division an address names, or null. The division
 * named first wins ("吉林省吉林市" → 吉林省, "上海市黄浦区西藏中路" → 上海市). Simplified and
 * Traditional, with or without the suffix (广东 / 广东省 / 廣東). Addresses in Latin script
 * (pinyin, English) are not recognised.
 */
export function provinceOf(address: string): string | null {
  const text = fold(address);
  for (let i = 0; i < text.length; i++) {
    for (const alias of ALIASES) {
      if (!text.startsWith(alias.text, i)) continue;
      if (alias.short && STREET_AFTER.test(text.slice(i + alias.text.length, i + alias.text.length + 2))) continue;
      return alias.official;
    }
  }
  return null;
}

/** The address reduced to its province; an address naming no province is masked entirely. */
export function maskAddress(address: string | null | undefined): string {
  if (typeof address !== 'string') return FIXED_MASK;
  return provinceOf(address) ?? FIXED_MASK;
}

// ---------------------------------------------------------------------------------------------
// Ages

/** Oldest age taken as real; anything above is a typo and is masked. */
export const MAX_AGE = 130;

const AGE_TEXT = /^(\d{1,3})(?:\.\d+)?(?:岁|周岁|歲|週歲|years?old|years?|yrs?|y)?$/i;

/**
 * Five-year band starting at a multiple of 5: 24 → '20-24岁' (zh-CN) / '20–24' (en-US),
 * 25 → '25-29岁'. Fractions go down (24.9 is 24). Ages below 0, above MAX_AGE, or not a number
 * are masked entirely. (The handbook writes '25-30岁'; bands here do not overlap.)
 */
export function ageBand(age: number | string | null | undefined, locale: Locale): string {
  let value: number;
  if (typeof age === 'number') {
    value = age;
  } else if (typeof age === 'string') {
    const m = AGE_TEXT.exec(normalizeText(age).replace(/\s+/g, ''));
    if (!m) return FIXED_MASK;
    value = Number(normalizeText(age).replace(/[^\d.]/g, ''));
  } else {
    return FIXED_MASK;
  }
  if (!Number.isFinite(value) || value < 0 || value > MAX_AGE) return FIXED_MASK;
  const low = Math.floor(value / 5) * 5;
  const high = low + 4;
  return locale === 'zh-CN' ? `${low}-${high}岁` : `${low}–${high}`;
}

// ---------------------------------------------------------------------------------------------
// Vocabularies of the data-classification sheet

export type MaskingRule = 'province' | 'age-band' | 'hash' | 'fixed';

const RULE_WORDS: readonly (readonly [MaskingRule, RegExp])[] = [
  ['province', /省份|保留省|省级|province/],
  ['age-band', /年龄段|年龄区间|年龄范围|年龄分段|ageband|agerange|agegroup|agebracket/],
  ['hash', /哈希|散列|杂凑|雜湊|sha-?256|hmac|hash|pseudonym|假名/],
  ['fixed', /掩码|遮罩|遮蔽|屏蔽|\*{2,}|mask|redact|fixed/],
];

/**
 * The masking rule a cell names, or null when it names none. zh and en, Simplified and
 * Traditional: 只保留省份 / province → 'province'; 年龄段 / age band → 'age-band';
 * 哈希, SHA256, HMAC / hash → 'hash' (always applied as keyed HMAC-SHA256, never a bare
 * SHA-256); 掩码, *** / mask → 'fixed'. A cell naming several takes the first in that order.
 */
export function parseMaskingRule(text: string | null | undefined): MaskingRule | null {
  if (!text) return null;
  const t = toSimplified(normalizeText(text)).toLowerCase().replace(/[\s_-]+/g, '');
  for (const [rule, re] of RULE_WORDS) if (re.test(t)) return rule;
  return null;
}

export type DataClass = 'public' | 'internal' | 'core';

const CLASS_WORDS: ReadonlyMap<string, DataClass> = new Map([
  ['公开', 'public'],
  ['public', 'public'],
  ['内部', 'internal'],
  ['internal', 'internal'],
  ['核心', 'core'],
  ['敏感', 'core'],
  ['机密', 'core'],
  ['機密', 'core'],
  ['core', 'core'],
  ['sensitive', 'core'],
  ['confidential', 'core'],
  ['restricted', 'core'],
]);

const CLASS_SUFFIX = /(?:数据|级别|等级|级|信息|类|data|level|class|tier)$/;
const CLASS_FILLER = /^(?:数据|级别|等级|级|信息|类|data|level|class|tier)$/;

/**
 * 公开 / 公開 / public → 'public'; 内部 / 內部 / internal → 'internal'; 核心 / core / sensitive /
 * confidential (also 敏感, 机密, restricted) → 'core'. Suffixes such as 数据, 级 are allowed
 * ("核心数据"), and a gloss in another language ("核心 (core)") if it agrees. Anything else —
 * including "非公开" — is null, for the sheet check to report.
 */
export function parseDataClass(text: string | null | undefined): DataClass | null {
  if (!text) return null;
  const tokens = toSimplified(normalizeText(text))
    .replace(/內/g, '内')
    .toLowerCase()
    .split(/[\s()[\]{}/,，、:：;；|_\-（）【】]+/)
    .filter((t) => t !== '');
  let found: DataClass | null = null;
  for (const token of tokens) {
    if (CLASS_FILLER.test(token)) continue;
    const word = token.length > 2 ? token.replace(CLASS_SUFFIX, '') : token;
    const cls = CLASS_WORDS.get(word);
    if (!cls || (found && found !== cls)) return null;
    found = cls;
  }
  return found;
}
