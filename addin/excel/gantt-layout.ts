import { dayNumber } from '../../shared/parse/date';
import { dayToSerial } from '../../shared/parse/excel-number';
import type { GanttBar } from '../workbook-port';
import type { GanttArea } from './stored-state';

/**
 * Where the Gantt chart goes on a plan sheet and what it paints, as data. The date grid sits
 * right of everything the user wrote, one empty column apart (so an Excel table never grows
 * into it); its header is in the plan's header row; each task's bar is a fill across the
 * columns its early start to early finish covers (inclusive), critical tasks in red.
 */
export interface GanttPlacement {
  /** Zero-based sheet row of the plan's header. */
  readonly headerRow: number;
  /** Sheet row of each task, by the key its name folds to. */
  readonly taskRows: ReadonlyMap<string, number>;
  /** The right-most column the user's content reaches (the drawing excluded). */
  readonly contentRight: number;
}

export interface GanttDrawing {
  readonly area: GanttArea;
  /** Excel date serial of each date column's first day. */
  readonly columnDates: readonly number[];
  /** Days per column: 1, 7 or 30 (the plan's length decides). */
  readonly unitDays: number;
  readonly bars: readonly { readonly row: number; readonly from: number; readonly to: number; readonly critical: boolean }[];
  /** Bars whose task has no row on the sheet. */
  readonly unplaced: readonly string[];
}

/** Wider than this, a column per day turns into a column per week, then per 30 days. */
export const MAX_DATE_COLUMNS = 120;

export const BAR_COLORS = { normal: '#5B9BD5', critical: '#C00000' } as const;

export function drawingFor(bars: readonly GanttBar[], placement: GanttPlacement, key: (task: string) => string): GanttDrawing | null {
  const spans = bars
    .map((b) => ({ bar: b, start: dayNumber(b.earlyStart), finish: dayNumber(b.earlyFinish) }))
    .filter((s) => Number.isFinite(s.start) && Number.isFinite(s.finish) && s.finish >= s.start);
  if (spans.length === 0) return null;
  const first = Math.min(...spans.map((s) => s.start));
  const last = Math.max(...spans.map((s) => s.finish));
  const days = last - first + 1;
  const unitDays = days <= MAX_DATE_COLUMNS ? 1 : days <= MAX_DATE_COLUMNS * 7 ? 7 : 30;
  const columns = Math.ceil(days / unitDays);
  const firstColumn = placement.contentRight + 2;
  const columnDates = Array.from({ length: columns }, (_, i) => dayToSerial(first + i * unitDays));

  const drawn: GanttDrawing['bars'][number][] = [];
  const unplaced: string[] = [];
  let lastRow = placement.headerRow;
  for (const s of spans) {
    const row = placement.taskRows.get(key(s.bar.task));
    if (row === undefined) {
      unplaced.push(s.bar.task);
      continue;
    }
    lastRow = Math.max(lastRow, row);
    drawn.push({
      row,
      from: firstColumn + Math.floor((s.start - first) / unitDays),
      to: firstColumn + Math.floor((s.finish - first) / unitDays),
      critical: s.bar.critical,
    });
  }
  return {
    area: { firstRow: placement.headerRow, lastRow, firstColumn, lastColumn: firstColumn + columns - 1 },
    columnDates,
    unitDays,
    bars: drawn,
    unplaced,
  };
}
