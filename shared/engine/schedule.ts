import { fail, ok, type Result } from '../result';

/**
 * Critical path method (CPM) over a Gantt plan, on typed arrays.
 *
 * Model (what a caller must know):
 * - Tasks are day numbers (days since 1970-01-01), `end` inclusive: start 0, end 9 is 10 days.
 *   A task whose end is before its start (reported by `startAfterEnd` in schedule-checks) is
 *   scheduled as a one-day task rather than refused, so the rest of the plan still computes.
 * - The planned start is a lower bound ("start no earlier than"): a task never starts before
 *   the date the planner typed, and it moves later when its links demand it. Tasks without
 *   predecessors therefore start at their planned start, and the project starts at the earliest
 *   planned start.
 * - Links (`lag` in the calendar's days; a negative lag is a lead):
 *   FS: succ.ES ≥ pred.EF + 1 + lag     SS: succ.ES ≥ pred.ES + lag
 *   FF: succ.EF ≥ pred.EF + lag         SF: succ.EF ≥ pred.ES + lag
 * - Calendar: `calendar` (default) counts every day. `working` counts Monday to Friday minus
 *   the holidays: durations are the working days between start and end, lags are working days,
 *   every computed date lands on a working day (a planned start on a Saturday becomes the
 *   Monday), and slack is in working days. Holidays on weekends are ignored.
 * - Project finish = the latest early finish. Late dates come from a backward pass with every
 *   task bound to finish by the project finish. slack = LS − ES; critical = slack ≤ 0 (slack is
 *   never negative here, since the only deadline is the computed finish).
 * - Critical path: one chain, not the set of critical tasks. It ends at the lowest-numbered
 *   critical task whose early finish is the project finish, and walks back through driving
 *   links (the link whose constraint set the task's early start; with several, the one from
 *   the lowest-numbered predecessor; a binding link is preferred to a binding planned start),
 *   until a task that no link drives. Returned from start to finish. Every task on it is critical.
 * - A cycle is data: `{ code: 'cycle', tasks }` names the tasks of one cycle in link order,
 *   beginning with its lowest-numbered task (a task linked to itself: `[i]`).
 * - Task and link indices, day numbers and lags must be integers, links must name existing
 *   tasks: anything else is a caller's bug and throws a RangeError.
 */

export type LinkType = 'FS' | 'SS' | 'FF' | 'SF';

export interface ScheduleTask {
  /** Day number of the first day. */
  readonly start: number;
  /** Day number of the last day (inclusive). */
  readonly end: number;
}

export interface ScheduleLink {
  /** Index of the predecessor in `tasks`. */
  readonly from: number;
  /** Index of the successor in `tasks`. */
  readonly to: number;
  readonly type: LinkType;
  /** In the calendar's days; negative = lead. */
  readonly lag: number;
}

export type ScheduleCalendar =
  | { readonly kind: 'calendar' }
  | { readonly kind: 'working'; readonly holidays: readonly number[] };

export interface ScheduleInput {
  readonly tasks: readonly ScheduleTask[];
  readonly links: readonly ScheduleLink[];
  readonly calendar?: ScheduleCalendar;
}

export interface ScheduleResult {
  /** Day numbers. */
  readonly earlyStart: Int32Array;
  readonly earlyFinish: Int32Array;
  readonly lateStart: Int32Array;
  readonly lateFinish: Int32Array;
  /** In the calendar's days (working days with a working calendar). */
  readonly slack: Int32Array;
  /** 1 when the task is critical. */
  readonly critical: Uint8Array;
  /** Task indices from the start of the chain to the project finish. Empty for an empty plan. */
  readonly criticalPath: number[];
  /** Day number of the project finish (latest early finish); NaN for an empty plan. */
  readonly finish: number;
}

export interface ScheduleCycle {
  readonly code: 'cycle';
  readonly tasks: number[];
}

export type ScheduleError = ScheduleCycle;

const FS = 0;
const SS = 1;
const FF = 2;
const SF = 3;

function linkCode(type: LinkType): number {
  switch (type) {
    case 'FS':
      return FS;
    case 'SS':
      return SS;
    case 'FF':
      return FF;
    case 'SF':
      return SF;
    default:
      throw new RangeError(`Unknown link type: ${String(type)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Working-day arithmetic. Ordinal k = the k-th working day counted from the Monday 1969-12-29.

/** Day −3 (1969-12-29) was a Monday. */
const MONDAY = -3;

/** Weekday of a day number, 0 = Monday … 6 = Sunday. */
function weekdayOf(day: number): number {
  return (((day - MONDAY) % 7) + 7) % 7;
}

/** Monday-to-Friday days before `day`, counted from the anchor Monday (negative before it). */
function weekdaysBefore(day: number): number {
  const t = day - MONDAY;
  const weeks = Math.floor(t / 7);
  const rest = t - weeks * 7;
  return weeks * 5 + (rest < 5 ? rest : 5);
}

/** The Monday-to-Friday day with `k` such days before it. */
function nthWeekday(k: number): number {
  const weeks = Math.floor(k / 5);
  return MONDAY + weeks * 7 + (k - weeks * 5);
}

/** Number of entries of the sorted array below `value`. */
function countBelow(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Working days (Mon–Fri, not a holiday) before `day`: also the ordinal of the first working day ≥ day. */
function workingBefore(day: number, holidays: Int32Array): number {
  return weekdaysBefore(day) - countBelow(holidays, day);
}

/** The working day with ordinal `k`. */
function nthWorking(k: number, holidays: Int32Array): number {
  if (holidays.length === 0) return nthWeekday(k);
  let skipped = 0;
  for (;;) {
    const day = nthWeekday(k + skipped);
    const upTo = countBelow(holidays, day + 1);
    if (upTo === skipped) return day;
    skipped = upTo;
  }
}

/** Weekday holidays, sorted, without duplicates. */
function prepareHolidays(holidays: readonly number[]): Int32Array {
  const days: number[] = [];
  for (const h of holidays) {
    if (!Number.isInteger(h)) throw new RangeError(`Holiday is not a day number: ${h}`);
    if (weekdayOf(h) < 5) days.push(h);
  }
  days.sort((a, b) => a - b);
  const out: number[] = [];
  for (const d of days) if (out.length === 0 || out[out.length - 1] !== d) out.push(d);
  return Int32Array.from(out);
}

// ---------------------------------------------------------------------------------------------

export function computeSchedule(input: ScheduleInput): Result<ScheduleResult, ScheduleError> {
  const { tasks, links } = input;
  const n = tasks.length;
  const m = links.length;
  const calendar = input.calendar ?? { kind: 'calendar' };
  const working = calendar.kind === 'working';
  const holidays = calendar.kind === 'working' ? prepareHolidays(calendar.holidays) : new Int32Array(0);

  // Planned start (lower bound) and duration, in the calendar's units.
  const es = new Int32Array(n);
  const dur = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = tasks[i]!;
    const s = t.start;
    const e = t.end;
    if (!Number.isInteger(s) || !Number.isInteger(e)) throw new RangeError(`Task ${i} has a non-integer day number`);
    let first: number;
    let d: number;
    if (working) {
      first = workingBefore(s, holidays);
      d = workingBefore(e + 1, holidays) - first;
    } else {
      first = s;
      d = e - s + 1;
    }
    es[i] = first;
    dur[i] = d > 0 ? d : 1;
  }

  // CSR of outgoing links: off[u]..off[u+1] index the links leaving u.
  const off = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    const l = links[k]!;
    const f = l.from;
    const t = l.to;
    if (!(f >= 0 && f < n && t >= 0 && t < n) || !Number.isInteger(f) || !Number.isInteger(t)) {
      throw new RangeError(`Link ${k} names a task that does not exist: ${f} → ${t}`);
    }
    if (!Number.isInteger(l.lag)) throw new RangeError(`Link ${k} has a non-integer lag: ${l.lag}`);
    off[f + 1]!++;
  }
  for (let i = 0; i < n; i++) off[i + 1]! += off[i]!;
  const fill = off.slice(0, n);
  const succ = new Int32Array(m);
  const kind = new Uint8Array(m);
  const lag = new Int32Array(m);
  const indeg = new Int32Array(n);
  for (let k = 0; k < m; k++) {
    const l = links[k]!;
    const slot = fill[l.from]!++;
    succ[slot] = l.to;
    kind[slot] = linkCode(l.type);
    lag[slot] = l.lag;
    indeg[l.to]!++;
  }

  // Forward pass inside Kahn's algorithm: a task leaves the queue once all its predecessors did,
  // so its early start is final when it is taken.
  const ef = new Int32Array(n);
  const driver = new Int32Array(n).fill(-1);
  const order = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) if (indeg[i] === 0) order[tail++] = i;
  for (let head = 0; head < tail; head++) {
    const u = order[head]!;
    const esu = es[u]!;
    const efu = esu + dur[u]! - 1;
    ef[u] = efu;
    const end = off[u + 1]!;
    for (let k = off[u]!; k < end; k++) {
      const v = succ[k]!;
      let cand: number;
      switch (kind[k]) {
        case FS:
          cand = efu + 1 + lag[k]!;
          break;
        case SS:
          cand = esu + lag[k]!;
          break;
        case FF:
          cand = efu + lag[k]! - dur[v]! + 1;
          break;
        default: // SF
          cand = esu + lag[k]! - dur[v]! + 1;
      }
      const cur = es[v]!;
      if (cand > cur) {
        es[v] = cand;
        driver[v] = u;
      } else if (cand === cur) {
        const d = driver[v]!;
        if (d === -1 || u < d) driver[v] = u;
      }
      if (--indeg[v]! === 0) order[tail++] = v;
    }
  }
  if (tail < n) return fail({ code: 'cycle', tasks: findCycle(n, links, indeg) });

  let finish = -Infinity;
  for (let i = 0; i < n; i++) if (ef[i]! > finish) finish = ef[i]!;

  // Backward pass in reverse topological order.
  const ls = new Int32Array(n);
  const lf = new Int32Array(n);
  for (let idx = n - 1; idx >= 0; idx--) {
    const u = order[idx]!;
    const du = dur[u]!;
    let best = finish;
    const end = off[u + 1]!;
    for (let k = off[u]!; k < end; k++) {
      const v = succ[k]!;
      let bound: number;
      switch (kind[k]) {
        case FS:
          bound = ls[v]! - 1 - lag[k]!;
          break;
        case SS:
          bound = ls[v]! - lag[k]! + du - 1;
          break;
        case FF:
          bound = lf[v]! - lag[k]!;
          break;
        default: // SF
          bound = lf[v]! - lag[k]! + du - 1;
      }
      if (bound < best) best = bound;
    }
    lf[u] = best;
    ls[u] = best - du + 1;
  }

  const slack = new Int32Array(n);
  const critical = new Uint8Array(n);
  let last = -1;
  for (let i = 0; i < n; i++) {
    const s = ls[i]! - es[i]!;
    slack[i] = s;
    if (s <= 0) {
      critical[i] = 1;
      if (last === -1 && ef[i] === finish) last = i;
    }
  }
  const criticalPath: number[] = [];
  for (let t = last; t !== -1; t = driver[t]!) criticalPath.push(t);
  criticalPath.reverse();

  if (working) {
    for (let i = 0; i < n; i++) {
      es[i] = nthWorking(es[i]!, holidays);
      ef[i] = nthWorking(ef[i]!, holidays);
      ls[i] = nthWorking(ls[i]!, holidays);
      lf[i] = nthWorking(lf[i]!, holidays);
    }
    if (n > 0) finish = nthWorking(finish, holidays);
  }

  return ok({
    earlyStart: es,
    earlyFinish: ef,
    lateStart: ls,
    lateFinish: lf,
    slack,
    critical,
    criticalPath,
    finish: n > 0 ? finish : NaN,
  });
}

/**
 * One cycle among the tasks Kahn's algorithm could not take (in-degree still > 0). Each of them
 * has a predecessor among them, so walking predecessors from any of them must come back to a
 * task already seen: the tasks from there on form a cycle.
 */
function findCycle(n: number, links: readonly ScheduleLink[], indeg: Int32Array): number[] {
  // CSR of incoming links restricted to the remaining tasks.
  const off = new Int32Array(n + 1);
  for (const l of links) if (indeg[l.from]! > 0 && indeg[l.to]! > 0) off[l.to + 1]!++;
  for (let i = 0; i < n; i++) off[i + 1]! += off[i]!;
  const fill = off.slice(0, n);
  const pred = new Int32Array(off[n]!);
  for (const l of links) if (indeg[l.from]! > 0 && indeg[l.to]! > 0) pred[fill[l.to]!++] = l.from;

  let start = 0;
  while (indeg[start] === 0) start++;
  const seenAt = new Int32Array(n).fill(-1);
  const walk: number[] = [];
  let t = start;
  while (seenAt[t] === -1) {
    seenAt[t] = walk.length;
    walk.push(t);
    // The lowest-numbered remaining predecessor keeps the answer deterministic.
    let best = -1;
    for (let k = off[t]!; k < off[t + 1]!; k++) {
      const p = pred[k]!;
      if (best === -1 || p < best) best = p;
    }
    if (best === -1) throw new Error('Bug: a task left by Kahn has no remaining predecessor');
    t = best;
  }
  // The walk went backwards along links: the cycle in link order is the reverse.
  const cycle = walk.slice(seenAt[t]!).reverse();
  let low = 0;
  for (let i = 1; i < cycle.length; i++) if (cycle[i]! < cycle[low]!) low = i;
  return [...cycle.slice(low), ...cycle.slice(0, low)];
}

