/// <reference types="office-js" />
import { z } from 'zod';
import type { SyncTarget } from '../workbook-port';
import type { ExcelHost } from './excel-host';

/**
 * Where this workbook syncs to (workspace and workbook name on the service), kept in the
 * workbook's own document settings: it travels with the file, so a workbook opened on another
 * machine, or by a colleague, still names its own workspace, and two workbooks open side by side
 * never share one. One Excel.run, one sync each way.
 */
export const SYNC_TARGET_KEY = 'opsScorecard.syncTarget.v1';

const SyncTargetSchema = z.object({ workspace: z.string().min(1).max(64), workbook: z.string().min(1).max(128) });

export function readSyncTarget(excel: ExcelHost): Promise<SyncTarget | null> {
  return excel.run(async (context) => {
    const setting = context.workbook.settings.getItemOrNullObject(SYNC_TARGET_KEY);
    setting.load('value');
    await context.sync();
    if (setting.isNullObject) return null;
    const parsed = SyncTargetSchema.safeParse(setting.value);
    return parsed.success ? parsed.data : null;
  });
}

export function writeSyncTarget(excel: ExcelHost, target: SyncTarget): Promise<void> {
  return excel.run(async (context) => {
    context.workbook.settings.add(SYNC_TARGET_KEY, { workspace: target.workspace, workbook: target.workbook });
    await context.sync();
  });
}
