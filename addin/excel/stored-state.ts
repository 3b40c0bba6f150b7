import { z } from 'zod';

/**
 * What the add-in remembers inside the workbook, in its document settings (Excel's
 * `workbook.settings`, ExcelApi 1.4 — below the 1.10 the manifest requires).
 *
 * Why settings and not a hidden sheet or a custom XML part: settings are invisible to users
 * and to every reader of the file that is not this add-in (the service's xlsx import sees no
 * extra sheet), writing them raises no worksheet change event (a hidden sheet would start a
 * check of itself after every check), and a setting is loaded with one `load('value')` in a
 * sync the caller makes anyway. They are keyed by worksheet id, which survives renames.
 *
 * Two keys, so that the small layout record that `readSheet` needs never drags the marks along:
 * - MARKS: per sheet, the fills and notes the add-in put there (to clear them once fixed, and to
 *   restore the fill a cell had before).
 * - LAYOUT: where the add-in drew a Gantt chart on a plan sheet (readers skip it: a drawing is
 *   not data) and which sheet is the Scorecard it generated (recreated, never checked).
 */
export const MARKS_KEY = 'opsScorecard.marks.v1';
export const LAYOUT_KEY = 'opsScorecard.layout.v1';

const FillRecord = z.object({
  address: z.string(),
  color: z.string(),
  /** The cell's fill before the mark: a colour, or null for none (or a mixed range). */
  original: z.string().nullable(),
});

const NoteRecord = z.object({ cell: z.string(), text: z.string() });

const SheetMarks = z.object({ fills: z.array(FillRecord), notes: z.array(NoteRecord) });

const MarksState = z.record(z.string(), SheetMarks);

const GanttArea = z.object({
  firstRow: z.number().int().nonnegative(),
  lastRow: z.number().int().nonnegative(),
  firstColumn: z.number().int().nonnegative(),
  lastColumn: z.number().int().nonnegative(),
});

const LayoutState = z.object({
  gantt: z.record(z.string(), GanttArea),
  scorecardSheetId: z.string().nullable(),
});

export type FillRecord = z.infer<typeof FillRecord>;
export type NoteRecord = z.infer<typeof NoteRecord>;
export type SheetMarks = z.infer<typeof SheetMarks>;
export type MarksState = z.infer<typeof MarksState>;
export type GanttArea = z.infer<typeof GanttArea>;
export type LayoutState = z.infer<typeof LayoutState>;

export const EMPTY_LAYOUT: LayoutState = { gantt: {}, scorecardSheetId: null };

/**
 * A stored value back as state. Settings are ours, but a file may come from an older version
 * or be edited by hand: anything unreadable counts as nothing remembered (the worst outcome is
 * a stale fill the user clears by hand), never as an error that blocks checking.
 */
function parseStored<T>(schema: z.ZodType<T>, raw: unknown, empty: T): T {
  if (typeof raw !== 'string') return empty;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : empty;
  } catch {
    return empty;
  }
}

export function parseMarks(raw: unknown): MarksState {
  return parseStored(MarksState, raw, {});
}

export function parseLayout(raw: unknown): LayoutState {
  return parseStored(LayoutState, raw, EMPTY_LAYOUT);
}

/** Stored as JSON text: what settings round-trip exactly, whatever the host. */
export function serialise(state: MarksState | LayoutState): string {
  return JSON.stringify(state);
}
