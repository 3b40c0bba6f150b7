import type { LinkType } from '../../engine/schedule';
import { parseQuantity } from '../../parse/number';
import { fail, ok, type Result } from '../../result';
import type { CellValue } from '../../table/grid';
import { matchKey, normalizeText } from '../../text/normalize';

/** Cell syntax is documented with the columns, in spec.ts. */

const LINK_WORDS: ReadonlyMap<string, LinkType> = new Map(
  (
    [
      ['FS', 'FS'],
      ['SS', 'SS'],
      ['FF', 'FF'],
      ['SF', 'SF'],
      ['完成-开始', 'FS'],
      ['开始-开始', 'SS'],
      ['完成-完成', 'FF'],
      ['开始-完成', 'SF'],
      ['finish-to-start', 'FS'],
      ['start-to-start', 'SS'],
      ['finish-to-finish', 'FF'],
      ['start-to-finish', 'SF'],
    ] as const
  ).map(([word, type]) => [matchKey(word), type]),
);

/** FS, SS, FF, SF (any case), 完成-开始…, finish-to-start…; an empty cell is FS. */
export function parseLinkType(input: CellValue | undefined): Result<LinkType, string> {
  if (input === undefined || input === null) return ok('FS');
  const text = normalizeText(String(input));
  if (text === '') return ok('FS');
  // "完成-开始(FS)": a gloss in brackets must agree with the words before it.
  const parts = text.split(/[()]/).filter((p) => p.trim() !== '');
  const types = parts.map((p) => LINK_WORDS.get(matchKey(p)));
  const first = types[0];
  if (first === undefined || types.some((t) => t !== first)) return fail(text);
  return ok(first);
}

/** Whole days, possibly negative: 2, -1, "3天", "2d", "+2". An empty cell is 0. */
export function parseLag(input: CellValue | undefined): Result<number, string> {
  if (input === undefined || input === null) return ok(0);
  const shown = normalizeText(String(input));
  if (shown === '') return ok(0);
  const q = parseQuantity(input);
  if (!q.ok || (q.value.unit !== 'none' && q.value.unit !== 'day') || !Number.isInteger(q.value.value)) return fail(shown);
  return ok(q.value.value === 0 ? 0 : q.value.value);
}

/** One entry of a Depends-on cell: the name, and the type and lag written after it, if any. */
export interface DependencyRef {
  readonly name: string;
  /** The entry as written, for exact matches of names that hold brackets. */
  readonly written: string;
  readonly type?: LinkType;
  readonly lag?: number;
}

const NONE = /^(?:-|—|–|无|無|none|n\/a)$/i;
// "名称(SS+2)", "名称（FS-1天）", "名称(+3)": at least a type or a lag inside the brackets.
const SUFFIX = /^(.*?)\s*\(\s*(FS|SS|FF|SF)?\s*(?:([+-])\s*(\d+)\s*(?:d|days?|天|工作日)?)?\s*\)$/i;

/** The entries of a Depends-on cell, in the order written. */
export function parseDependencies(input: CellValue | undefined): DependencyRef[] {
  if (input === undefined || input === null) return [];
  const out: DependencyRef[] = [];
  // Line breaks separate entries, so split before normalising (which turns them into spaces).
  for (const raw of String(input).split(/[、，,;；\r\n]+/)) {
    const written = normalizeText(raw);
    if (written === '' || NONE.test(written)) continue;
    const m = SUFFIX.exec(written);
    if (m && m[1] !== '' && (m[2] !== undefined || m[4] !== undefined)) {
      const ref: { name: string; written: string; type?: LinkType; lag?: number } = { name: m[1]!, written };
      if (m[2] !== undefined) ref.type = m[2].toUpperCase() as LinkType;
      // `|| 0`: "-0" is no lead, and -0 would print as 0 anyway but compare oddly in tests.
      if (m[4] !== undefined) ref.lag = (m[3] === '-' ? -1 : 1) * Number(m[4]) || 0;
      out.push(ref);
    } else {
      out.push({ name: written, written });
    }
  }
  return out;
}
