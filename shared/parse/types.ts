/**
 * The values that the small parsers in this folder produce. Every parser takes a raw cell
 * value (`CellValue`) or text and returns a `Result<T, ParseFailure>`; none throws on bad input.
 */

/** Why a value did not parse: a stable code plus what the user typed, for the message. */
export interface ParseFailure {
  readonly code:
    | 'empty'
    | 'not-a-number'
    | 'not-a-period'
    | 'not-a-date'
    | 'not-a-target'
    | 'not-a-weight'
    | 'formula-syntax';
  /** The offending text, normalised, for messages. */
  readonly input: string;
  /** For formula-syntax: zero-based position (in code points) in the normalised text. */
  readonly position?: number;
}

/** Units a quantity may carry. `percent` values are stored as fractions (3% → 0.03). */
export type Unit = 'percent' | 'hour' | 'day' | 'yuan' | 'none';

export interface Quantity {
  readonly value: number;
  readonly unit: Unit;
}

export type PeriodKind = 'year' | 'quarter' | 'month' | 'week';

/** `index` is the quarter 1-4, month 1-12, ISO week 1-53, or 0 for a year. */
export interface Period {
  readonly kind: PeriodKind;
  readonly year: number;
  readonly index: number;
}

/** higher: `≥X`; lower: `≤X`; range: `X-Y`; trend: better than the previous period. */
export type Target =
  | { readonly kind: 'higher'; readonly value: number; readonly unit: Unit }
  | { readonly kind: 'lower'; readonly value: number; readonly unit: Unit }
  | { readonly kind: 'range'; readonly low: number; readonly high: number; readonly unit: Unit }
  | { readonly kind: 'trend' };

/** A parsed KPI formula. Names keep the text as written (trimmed), for lookups and messages. */
export type Expr =
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'name'; readonly name: string }
  | { readonly type: 'negate'; readonly operand: Expr }
  | { readonly type: 'binary'; readonly op: '+' | '-' | '*' | '/'; readonly left: Expr; readonly right: Expr };

/** Why a formula has no value for one period and department. */
export type EvalFailure =
  | { readonly code: 'missing'; readonly name: string }
  | { readonly code: 'division-by-zero' };
