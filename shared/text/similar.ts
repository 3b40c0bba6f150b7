import { matchKey } from './normalize';

/** Levenshtein distance over code points, O(n·m) with one row of memory. */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[y.length]!;
}

/** Length of the longest run of code points shared by both strings. */
export function longestCommonRun(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let best = 0;
  let prev = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    const cur = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j++) {
      if (x[i - 1] === y[j - 1]) {
        cur[j] = prev[j - 1]! + 1;
        if (cur[j]! > best) best = cur[j]!;
      }
    }
    prev = cur;
  }
  return best;
}

/** Names longer than this get no suggestion: nobody mistypes a paragraph, and comparing them costs n·m. */
export const MAX_SUGGESTED_NAME = 64;

/**
 * How much comparing one analysis may spend on suggestions, in code-point pairs (each pair is a
 * step of editDistance and of longestCommonRun). Shared by every suggestion of one sheet, so
 * that a sheet of many unresolved names stops suggesting instead of freezing: 2,000 tasks of 64
 * characters cost ~8 M pairs per suggestion; 50 M is a handful of them.
 */
export interface SuggestionBudget {
  pairs: number;
}

export function suggestionBudget(pairs = 50_000_000): SuggestionBudget {
  return { pairs };
}

/**
 * The candidate a user most probably meant, or null when nothing is close enough.
 * Chinese names are often shortened or reworded ("活动策划完成" for "联合促销活动策划"),
 * so a long shared run counts as much as a small edit distance. Long names, and candidates
 * once the budget is spent, are not compared.
 */
export function closestName(name: string, candidates: readonly string[], budget: SuggestionBudget = suggestionBudget()): string | null {
  const key = matchKey(name);
  if (key.length === 0 || key.length > MAX_SUGGESTED_NAME) return null;
  let best: string | null = null;
  let bestScore = 0;
  for (const candidate of candidates) {
    const other = matchKey(candidate);
    if (other.length === 0 || other.length > MAX_SUGGESTED_NAME) continue;
    const cost = 2 * key.length * other.length;
    if (budget.pairs < cost) break;
    budget.pairs -= cost;
    const longest = Math.max(Array.from(key).length, Array.from(other).length);
    const byEdits = 1 - editDistance(key, other) / longest;
    const byRun = longestCommonRun(key, other) / Math.min(Array.from(key).length, Array.from(other).length);
    const score = Math.max(byEdits, byRun * 0.9);
    if (score > bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return bestScore >= 0.5 ? best : null;
}
