import { parseQuantity } from '../../parse/number';
import type { CellValue } from '../../table/grid';
import type { Tolerance } from './types';

export const EXACT: Tolerance = { kind: 'absolute', amount: 0 };

/**
 * A 容差 / Tolerance cell: empty is exact agreement; a number is an amount (0.01, "1元"); a
 * percent is a share of the larger of the two values ("0.5%"). Read by the project's one number
 * parser, so "1,000", "1万" and full-width digits mean what they mean everywhere else. null for
 * anything else, negative amounts included.
 */
export function parseTolerance(input: CellValue | undefined): Tolerance | null {
  if (input === undefined || input === null || (typeof input === 'string' && input.trim() === '')) return EXACT;
  const parsed = parseQuantity(input);
  if (!parsed.ok || parsed.value.value < 0) return null;
  return parsed.value.unit === 'percent' ? { kind: 'relative', share: parsed.value.value } : { kind: 'absolute', amount: parsed.value.value };
}

/**
 * Whether two numbers agree within the tolerance. A tiny allowance for binary fractions keeps
 * 0.1 + 0.2 from differing from 0.3 by more than a tolerance of 0.
 */
export function withinTolerance(a: number, b: number, tolerance: Tolerance): boolean {
  const difference = Math.abs(a - b);
  const scale = Math.max(Math.abs(a), Math.abs(b));
  const allowed = tolerance.kind === 'absolute' ? tolerance.amount : tolerance.share * scale;
  return difference <= allowed + scale * 1e-12;
}
