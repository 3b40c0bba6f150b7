import { z } from 'zod';
import { ConflictSchema, LocalizedIssueSchema, SheetKindSchema } from './sync';
import { ObjectNameSchema } from './paths';
import { PendingCellSchema } from './pending-cell';

/**
 * POST /api/v1/workspaces/:ws/uploads: an .xlsx checked (and with ?store=true stored, one full
 * push per recognised sheet). The service answers with these schemas; the CLI's `push` reads
 * the answer with them.
 */

export const UploadQuerySchema = z.object({
  store: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
  workbook: ObjectNameSchema.optional(),
});

export const StoredSheetSchema = z.object({
  sheet: z.string(),
  kind: SheetKindSchema,
  status: z.enum(['stored', 'refused']),
  revision: z.number().int().optional(),
  changedCells: z.number().int().optional(),
  conflicts: z.array(ConflictSchema).optional(),
  /** Cells held for approval (docs/approval.md), as in a push answer. */
  pending: z.array(PendingCellSchema).optional(),
  code: z.string().optional(),
  detail: z.string().optional(),
});
export type StoredSheet = z.infer<typeof StoredSheetSchema>;

export const UploadResponseSchema = z.object({
  sheets: z.array(z.object({ name: z.string(), kind: SheetKindSchema })),
  issues: z.array(LocalizedIssueSchema),
  stored: z.object({ workbook: z.string(), sheets: z.array(StoredSheetSchema) }).optional(),
});
export type UploadResponse = z.infer<typeof UploadResponseSchema>;
