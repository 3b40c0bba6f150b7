import { fail, ok, type Result } from '../result';
import { normalizeText } from '../text/normalize';
import { toSimplified } from '../text/simplified';
import type { EvalFailure, Expr, ParseFailure } from './types';

/**
 * KPI formulas such as "付费订单/访客数" or "Paid orders / Visitors": four operators,
 * parentheses, numbers and metric names. Parsed into an Expr and evaluated by walking it,
 * never by `eval`, so a formula cell can do nothing but arithmetic.
 */

type Op = '+' | '-' | '*' | '/';

type Token =
  | { readonly kind: 'number'; readonly value: number; readonly pos: number }
  | { readonly kind: 'name'; readonly name: string; readonly pos: number }
  | { readonly kind: 'op'; readonly op: Op; readonly pos: number }
  | { readonly kind: '(' | ')' | 'end'; readonly pos: number };

// NFKC already folds the full-width forms (＋ － ＊ ／ （ ）); these survive it.
const OPERATORS: Readonly<Record<string, Op>> = { '+': '+', '-': '-', '\u2212': '-', '*': '*', '×': '*', '/': '/', '÷': '/' };

/**
 * Evaluation and formatting recurse over the tree, whose depth is bounded by the token count;
 * the bound keeps a pasted pathological formula from overflowing the stack.
 */
const MAX_TOKENS = 1000;
/** The parser recurses once per open parenthesis. */
const MAX_NESTING = 100;

const NUMBER = /^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?\s*(%?)$/i;

/**
 * Parses a formula. With `knownNames`, the longest known name that fits at a position wins
 * (compared ignoring case, spaces and Traditional/Simplified script), so "e-commerce GMV" or
 * "A/B 测试数" stays one name, written in the Expr as the known spelling. Failure positions
 * count code points in the normalised text, a leading "=" included.
 */
export function parseFormula(text: string, knownNames?: readonly string[]): Result<Expr, ParseFailure> {
  const normalized = normalizeText(text);
  const chars = Array.from(normalized);
  const start = chars[0] === '=' ? 1 : 0;
  if (chars.slice(start).join('').trim() === '') return fail({ code: 'empty', input: normalized });
  const tokens = tokenize(chars, start, knownIndex(knownNames ?? []));
  if (!Array.isArray(tokens)) return fail({ code: 'formula-syntax', input: normalized, position: tokens.pos });
  if (tokens.length > MAX_TOKENS) {
    return fail({ code: 'formula-syntax', input: normalized, position: tokens[MAX_TOKENS]!.pos });
  }
  const parsed = new Parser(tokens).parseFormula();
  return 'pos' in parsed ? fail({ code: 'formula-syntax', input: normalized, position: parsed.pos }) : ok(parsed);
}

/** Every name the formula reads, once each, in order of appearance. */
export function formulaNames(expr: Expr): string[] {
  const names: string[] = [];
  const visit = (e: Expr): void => {
    if (e.type === 'name') {
      if (!names.includes(e.name)) names.push(e.name);
    } else if (e.type === 'negate') visit(e.operand);
    else if (e.type === 'binary') {
      visit(e.left);
      visit(e.right);
    }
  };
  visit(expr);
  return names;
}

/** Evaluates left to right; the first missing name or zero divisor is the answer. A NaN from lookup counts as missing. */
export function evaluateFormula(expr: Expr, lookup: (name: string) => number | undefined): Result<number, EvalFailure> {
  switch (expr.type) {
    case 'number':
      return ok(expr.value);
    case 'name': {
      const v = lookup(expr.name);
      return v === undefined || Number.isNaN(v) ? fail({ code: 'missing', name: expr.name }) : ok(v);
    }
    case 'negate': {
      const v = evaluateFormula(expr.operand, lookup);
      return v.ok ? ok(-v.value) : v;
    }
    case 'binary': {
      const l = evaluateFormula(expr.left, lookup);
      if (!l.ok) return l;
      const r = evaluateFormula(expr.right, lookup);
      if (!r.ok) return r;
      switch (expr.op) {
        case '+':
          return ok(l.value + r.value);
        case '-':
          return ok(l.value - r.value);
        case '*':
          return ok(l.value * r.value);
        case '/':
          return r.value === 0 ? fail({ code: 'division-by-zero' }) : ok(l.value / r.value);
      }
    }
  }
}

/**
 * Writes a formula with only the parentheses it needs, so that parseFormula reads back the same
 * tree (names that hold operator characters need the same knownNames to be read back whole).
 */
export function formatFormula(expr: Expr): string {
  return format(expr);
}

const PRECEDENCE: Readonly<Record<Op, number>> = { '+': 1, '-': 1, '*': 2, '/': 2 };

function format(e: Expr): string {
  switch (e.type) {
    case 'number':
      // "a * -2" reads back as a * negate(2): the same value, and the same text once more.
      return String(e.value);
    case 'name':
      return e.name;
    case 'negate': {
      const simple = e.operand.type === 'name' || (e.operand.type === 'number' && e.operand.value >= 0);
      return simple ? `-${format(e.operand)}` : `-(${format(e.operand)})`;
    }
    case 'binary': {
      const p = PRECEDENCE[e.op];
      const left = format(e.left);
      const right = format(e.right);
      // Same-precedence right operands keep their parentheses: a - (b - c) is not a - b - c.
      const l = e.left.type === 'binary' && PRECEDENCE[e.left.op] < p ? `(${left})` : left;
      const r = e.right.type === 'binary' && PRECEDENCE[e.right.op] <= p ? `(${right})` : right;
      return `${l} ${e.op} ${r}`;
    }
  }
}

interface KnownIndex {
  readonly byKey: ReadonlyMap<string, string>;
  readonly maxKeyLength: number;
}

/** Per code point, so a key can be grown one character at a time while scanning. */
function keyChar(c: string): string {
  return c === ' ' ? '' : toSimplified(c).toLowerCase();
}

function nameKey(name: string): string {
  return Array.from(normalizeText(name)).map(keyChar).join('');
}

function knownIndex(names: readonly string[]): KnownIndex {
  const byKey = new Map<string, string>();
  let maxKeyLength = 0;
  for (const name of names) {
    const key = nameKey(name);
    if (key === '' || byKey.has(key)) continue;
    byKey.set(key, name.trim());
    maxKeyLength = Math.max(maxKeyLength, key.length);
  }
  return { byKey, maxKeyLength };
}

function isBreak(c: string | undefined): boolean {
  return c === undefined || c in OPERATORS || c === '(' || c === ')';
}

/** End (exclusive) of the longest known name at `i` that is followed by an operator, ")" or the end. */
function matchKnown(chars: readonly string[], i: number, known: KnownIndex): number | null {
  let best: number | null = null;
  let key = '';
  for (let j = i; j < chars.length && key.length <= known.maxKeyLength; j++) {
    const c = chars[j]!;
    key += keyChar(c);
    if (c === ' ' || !known.byKey.has(key)) continue;
    let k = j + 1;
    while (chars[k] === ' ') k++;
    if (isBreak(chars[k]) && chars[k] !== '(') best = j + 1;
  }
  return best;
}

function tokenize(chars: readonly string[], start: number, known: KnownIndex): Token[] | { pos: number } {
  const tokens: Token[] = [];
  let i = start;
  while (i < chars.length && tokens.length <= MAX_TOKENS) {
    const c = chars[i]!;
    if (c === ' ') {
      i++;
      continue;
    }
    const op = OPERATORS[c];
    if (op) tokens.push({ kind: 'op', op, pos: i++ });
    else if (c === '(' || c === ')') tokens.push({ kind: c, pos: i++ });
    else {
      const end = matchKnown(chars, i, known);
      if (end !== null) {
        const key = chars.slice(i, end).map(keyChar).join('');
        tokens.push({ kind: 'name', name: known.byKey.get(key)!, pos: i });
        i = end;
        continue;
      }
      let j = i;
      while (j < chars.length && !(isBreak(chars[j]) && !isExponentSign(chars, i, j))) j++;
      const run = chars.slice(i, j).join('').trim();
      const token = runToken(run, i);
      if (!token) return { pos: i };
      tokens.push(token);
      i = j;
    }
  }
  tokens.push({ kind: 'end', pos: chars.length });
  return tokens;
}

// "1e-3" is one number, not "1e" minus 3.
function isExponentSign(chars: readonly string[], runStart: number, j: number): boolean {
  const c = chars[j];
  if (c !== '+' && c !== '-') return false;
  return /^(\d+\.?\d*|\.\d+)e$/i.test(chars.slice(runStart, j).join('')) && /\d/.test(chars[j + 1] ?? '');
}

function runToken(run: string, pos: number): Token | null {
  const m = NUMBER.exec(run);
  if (m) {
    const exponent = (m[2] === undefined ? 0 : Number(m[2])) - (m[3] === '%' ? 2 : 0);
    const value = Number(`${m[1]!.replace(/,/g, '')}e${exponent}`);
    return Number.isFinite(value) ? { kind: 'number', value, pos } : null;
  }
  // A name needs a letter or digit; "=" means someone wrote a comparison or a second formula.
  if (!/[\p{L}\p{N}]/u.test(run) || run.includes('=')) return null;
  return { kind: 'name', name: run, pos };
}

class Parser {
  private i = 0;
  private nesting = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  parseFormula(): Expr | { pos: number } {
    const e = this.expression();
    if ('pos' in e) return e;
    const t = this.peek();
    return t.kind === 'end' ? e : { pos: t.pos };
  }

  private peek(): Token {
    return this.tokens[this.i] ?? this.tokens[this.tokens.length - 1]!;
  }

  private expression(): Expr | { pos: number } {
    return this.binary(['+', '-'], () => this.term());
  }

  private term(): Expr | { pos: number } {
    return this.binary(['*', '/'], () => this.unary());
  }

  private binary(ops: readonly Op[], operand: () => Expr | { pos: number }): Expr | { pos: number } {
    let left = operand();
    if ('pos' in left) return left;
    for (let t = this.peek(); t.kind === 'op' && ops.includes(t.op); t = this.peek()) {
      this.i++;
      const right = operand();
      if ('pos' in right) return right;
      left = { type: 'binary', op: t.op, left, right };
    }
    return left;
  }

  private unary(): Expr | { pos: number } {
    let negations = 0;
    for (let t = this.peek(); t.kind === 'op' && (t.op === '-' || t.op === '+'); t = this.peek()) {
      if (t.op === '-') negations++;
      this.i++;
    }
    let e = this.primary();
    if ('pos' in e) return e;
    for (; negations > 0; negations--) e = { type: 'negate', operand: e };
    return e;
  }

  private primary(): Expr | { pos: number } {
    const t = this.peek();
    if (t.kind === 'number') {
      this.i++;
      return { type: 'number', value: t.value };
    }
    if (t.kind === 'name') {
      this.i++;
      return { type: 'name', name: t.name };
    }
    if (t.kind === '(') {
      if (++this.nesting > MAX_NESTING) return { pos: t.pos };
      this.i++;
      const e = this.expression();
      if ('pos' in e) return e;
      const close = this.peek();
      if (close.kind !== ')') return { pos: close.pos };
      this.i++;
      this.nesting--;
      return e;
    }
    return { pos: t.pos };
  }
}
