import { z } from 'zod';
import { SHEET_KINDS } from '../kinds/sheet-kind';
import { CellValueSchema, CellsSchema } from './cells';

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

export const PushBodySchema = z
  .object({
    kind: SheetKindSchema,
    mode: z.enum(['full', 'delta']),
    rows: z.array(PushRowSchema),
    /** Natural keys of rows to delete (delta mode). */
    deletes: z.array(z.string().min(1).max(1024)).default([]),
  })
  .strict();
export type PushBody = z.infer<typeof PushBodySchema>;

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

export const PushResponseSchema = z.object({
  revision: z.number().int().nonnegative(),
  changedCells: z.number().int().nonnegative(),
  conflicts: z.array(ConflictSchema),
  /** The sheet as stored, checked by the same shared engine as the add-in. */
  issues: z.array(LocalizedIssueSchema),
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
    }),
  ),
});
export type HistoryResponse = z.infer<typeof HistoryResponseSchema>;
