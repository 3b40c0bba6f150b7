import type { Refusal } from '../../shared/issues/refusal';
import type { Result } from '../../shared/result';
import type { SheetGrid } from '../../shared/table/grid';
import { analyseWorkbook, type AnalyseOptions, type WorkbookAnalysis } from '../../shared/workbook/analyse';
import { readWorkbookGuarded } from './guarded-read';
import type { ReadLimits } from './limits';

export interface ImportedWorkbook {
  readonly grids: readonly SheetGrid[];
  readonly analysis: WorkbookAnalysis;
}

/**
 * An untrusted .xlsx → checked records: the guarded reader, then the same shared engine the
 * add-in runs. `analysis.today` (the caller's local date) turns on the overdue check.
 */
export async function importWorkbook(
  input: string | Uint8Array,
  limits?: Partial<ReadLimits>,
  analysis: AnalyseOptions = {},
): Promise<Result<ImportedWorkbook, Refusal>> {
  const read = await readWorkbookGuarded(input, limits);
  if (!read.ok) return read;
  return { ok: true, value: { grids: read.value.sheets, analysis: analyseWorkbook(read.value.sheets, analysis) } };
}
