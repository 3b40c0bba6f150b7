import { z } from 'zod';
import { SHEET_KINDS, type SheetKind } from '../kinds/sheet-kind';
import type { CellValue } from '../table/grid';
import { CellValueSchema, CellsSchema, fastCells, isPlainRecord } from './cells';
import { withFastParse } from './fast-parse';
import { HistoryApprovalSchema, PendingCellSchema } from './pending-cell';
import { RowKeySchema, isSafeName } from './paths';

/**
 * The sync API, shared by the service (which validates with these schemas) and the add-in's
 * client (which builds requests from the same types).
 *
 *   PUT  /api/v1/workspaces/:ws/workbooks/:wb/sheets/:sheet          push (If-Match, Idempotency-Key)
 *   GET  /api/v1/workspaces/:ws/workbooks/:wb/sheets/:sheet?since=N  pull
 *   GET  /api/v1/workspaces/:ws/workbooks/:wb/sheets/:sheet/history?key=K&field=F
 *
 * If-Match carries the base revision as an entity tag ("3"); a sheet is created with
 * If-None-Match: *. Rows are identified by their natural key, which the service computes from
 * the kind's key fields (a KPI's name; a metric value's period + department + metric…).
 */
export const SheetKindSchema = z.enum(SHEET_KINDS);

export const PushRowSchema = z.object({ cells: CellsSchema }).strict();

const MAX_DELETE_KEY = 1024;

const PushBodyObject = z
  .object({
    kind: SheetKindSchema,
    mode: z.enum(['full', 'delta']),
    rows: z.array(PushRowSchema),
    /** Natural keys of rows to delete (delta mode), with the character rules of names. */
    deletes: z.array(RowKeySchema).default([]),
  })
  .strict();
export type PushBody = z.infer<typeof PushBodyObject>;

export const PushBodySchema = withFastParse(PushBodyObject, fastPushBody);

const PUSH_BODY_KEYS: ReadonlySet<string> = new Set(['kind', 'mode', 'rows', 'deletes']);
const KINDS: ReadonlySet<string> = new Set(SHEET_KINDS);

/**
 * PushBodySchema's output for a body it accepts, in one pass over the rows (zod takes about a
 * second over 100k rows × 4 cells; this, a few dozen milliseconds). An object equal to what zod
 * would build: keys in the shape's order, -0 as 0, deletes defaulted; rows and cells that need
 * no change are the parsed JSON's own (see fastCells). undefined for anything else, and then the schema decides and names every issue. A property test holds
 * the two together.
 */
function fastPushBody(input: unknown): PushBody | undefined {
  if (!isPlainRecord(input)) return undefined;
  // Strict: zod walks the keys with for…in, so does this.
  for (const key in input) if (!PUSH_BODY_KEYS.has(key)) return undefined;
  const { kind, mode, rows } = input;
  if (typeof kind !== 'string' || !KINDS.has(kind)) return undefined;
  if (mode !== 'full' && mode !== 'delta') return undefined;
  if (!Array.isArray(rows)) return undefined;
  const deletes = fastDeletes(input['deletes']);
  if (deletes === undefined) return undefined;
  const parsedRows = new Array<{ cells: Record<string, CellValue> }>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (!isPlainRecord(row)) return undefined;
    for (const key in row) if (key !== 'cells') return undefined;
    const cells = fastCells(row['cells']);
    if (cells === undefined) return undefined;
    // A row holding exactly `cells` is what the schema would build: kept, like its cells.
    parsedRows[i] = cells === row['cells'] && Object.getPrototypeOf(row) === Object.prototype ? (row as { cells: Record<string, CellValue> }) : { cells };
  }
  return { kind: kind as SheetKind, mode, rows: parsedRows, deletes };
}

function fastDeletes(input: unknown): string[] | undefined {
  if (input === undefined) return [];
  if (!Array.isArray(input)) return undefined;
  const out = new Array<string>(input.length);
  for (let i = 0; i < input.length; i++) {
    const key: unknown = input[i];
    if (typeof key !== 'string' || key.length < 1 || key.length > MAX_DELETE_KEY || !isSafeName(key)) return undefined;
    out[i] = key;
  }
  return out;
}

export const ConflictSchema = z.object({
  key: z.string(),
  field: z.string(),
  yours: CellValueSchema,
  theirs: CellValueSchema,
  original: CellValueSchema,
});
export type ConflictDto = z.infer<typeof ConflictSchema>;

export const LocalizedIssueSchema = z.object({
  sheet: z.string(),
  cell: z.string(),
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  suggestion: z.string().optional(),
});

/**
 * The answer to a push, 200. A stale push (If-Match older than the sheet) is merged: the cells
 * nobody else changed are stored in a new revision, and the cells both sides changed come back
 * in `conflicts` (yours, theirs kept, original) — still a 200, never a 409. A 409 is a refusal
 * (problem+json: an Idempotency-Key still in progress…) and carries no conflicts.
 */
export const PushResponseSchema = z.object({
  revision: z.number().int().nonnegative(),
  changedCells: z.number().int().nonnegative(),
  conflicts: z.array(ConflictSchema),
  /** The sheet as stored, checked by the same shared engine as the add-in. */
  issues: z.array(LocalizedIssueSchema),
  /**
   * Cells held for approval (docs/approval.md): not written; each waits as a pending change.
   * Present only when the push held something.
   */
  pending: z.array(PendingCellSchema).optional(),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

export const PullResponseSchema = z.object({
  kind: SheetKindSchema,
  revision: z.number().int().nonnegative(),
  rows: z.array(
    z.object({ key: z.string(), cells: CellsSchema, deleted: z.boolean(), revision: z.number().int().nonnegative() }),
  ),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

export const HistoryResponseSchema = z.object({
  key: z.string(),
  field: z.string(),
  changes: z.array(
    z.object({
      revision: z.number().int().positive(),
      userId: z.string(),
      email: z.string(),
      at: z.string(),
      oldValue: CellValueSchema,
      newValue: CellValueSchema,
      /** The change was applied by approving a pending change: its proposer and approvers. */
      approval: HistoryApprovalSchema.optional(),
    }),
  ),
});
export type HistoryResponse = z.infer<typeof HistoryResponseSchema>;
