import { matchKey, normalizeText } from '../text/normalize';

/**
 * Checks on a parsed Gantt plan that need no critical-path computation. Tasks are addressed
 * by their index in the array given; day numbers as in schedule.ts (end inclusive).
 */
export interface PlanTaskFacts {
  /** Day number of the first day. */
  readonly start: number;
  /** Day number of the last day (inclusive). */
  readonly end: number;
  /**
   * The owner cell as written. Several owners in one cell ("张三、李四", "Ann, Bob") each count;
   * owners compare with matchKey (case, width, Traditional/Simplified folded).
   */
  readonly owner?: string | null;
  /**
   * Progress as a fraction (1 = 100%). undefined/null means unknown: such a task is not judged
   * overdue. A caller whose sheet has a progress column maps an empty cell to 0 itself.
   */
  readonly progress?: number | null;
}

export interface OverdueTask {
  readonly task: number;
  /** today − end: 1 when the task should have finished yesterday. */
  readonly daysLate: number;
}

/** Tasks whose last day is before `today` (a day number) and whose known progress is below 100%. */
export function overdueTasks(tasks: readonly PlanTaskFacts[], today: number): OverdueTask[] {
  const out: OverdueTask[] = [];
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i]!;
    const p = t.progress;
    if (p === undefined || p === null || Number.isNaN(p)) continue;
    if (t.end < today && p < 1) out.push({ task: i, daysLate: today - t.end });
  }
  return out;
}

/** Tasks whose start is after their end. */
export function startAfterEnd(tasks: readonly PlanTaskFacts[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < tasks.length; i++) if (tasks[i]!.start > tasks[i]!.end) out.push(i);
  return out;
}

/** Splits an owner cell into owners: 、 ， , ; ； / and line breaks separate them. */
export function splitOwners(cell: string | null | undefined): string[] {
  if (!cell) return [];
  const out: string[] = [];
  for (const part of cell.split(/[、，,;；/／\n\r]+/)) {
    const name = normalizeText(part);
    if (name !== '' && name !== '-' && name !== '—') out.push(name);
  }
  return out;
}

export interface OwnerOverlap {
  /** The owner as first written on the earlier of the two tasks. */
  readonly owner: string;
  /** The two task indices, a < b. */
  readonly a: number;
  readonly b: number;
  /** The shared days, inclusive (day numbers). */
  readonly from: number;
  readonly to: number;
}

export interface OwnerOverlaps {
  readonly overlaps: OwnerOverlap[];
  /** True when more than `limit` pairs exist and only the first `limit` are returned. */
  readonly truncated: boolean;
}

/**
 * An owner booked on tasks whose date ranges share at least one day (ends inclusive: a task
 * ending 12-10 and one starting 12-10 overlap). A sweep per owner over tasks sorted by start:
 * O(n log n + pairs), not O(n²). Tasks with start after end are skipped (startAfterEnd reports
 * them). Pairs come sorted by owner (first appearance), then by a, then b. At most `limit` pairs
 * (default 10,000) are returned, so a pathological sheet (one owner on thousands of concurrent
 * tasks) cannot produce millions of issues; `truncated` then says some were left out.
 */
export function ownerOverlaps(tasks: readonly PlanTaskFacts[], limit = 10_000): OwnerOverlaps {
  // Group task indices by owner key, owners in order of first appearance.
  const groups = new Map<string, { name: string; tasks: number[] }>();
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i]!;
    if (t.start > t.end) continue;
    const seen = new Set<string>();
    for (const name of splitOwners(t.owner)) {
      const key = matchKey(name);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { name, tasks: [] }));
      g.tasks.push(i);
    }
  }

  const overlaps: OwnerOverlap[] = [];
  let truncated = false;
  for (const { name, tasks: list } of groups.values()) {
    if (list.length < 2) continue;
    const byStart = list.slice().sort((x, y) => tasks[x]!.start - tasks[y]!.start || x - y);
    const found: OwnerOverlap[] = [];
    let active: number[] = [];
    for (const i of byStart) {
      const t = tasks[i]!;
      // Drop tasks that ended before this one starts; each leaves the active list once.
      if (active.some((j) => tasks[j]!.end < t.start)) active = active.filter((j) => tasks[j]!.end >= t.start);
      for (const j of active) {
        const o = tasks[j]!;
        found.push({
          owner: name,
          a: Math.min(i, j),
          b: Math.max(i, j),
          from: t.start,
          to: Math.min(t.end, o.end),
        });
      }
      active.push(i);
      if (overlaps.length + found.length > limit) break;
    }
    found.sort((x, y) => x.a - y.a || x.b - y.b);
    for (const f of found) {
      if (overlaps.length >= limit) {
        truncated = true;
        break;
      }
      overlaps.push(f);
    }
    if (truncated) break;
  }
  return { overlaps, truncated };
}
