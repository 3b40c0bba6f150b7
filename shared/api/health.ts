import { z } from 'zod';

/** GET /healthz: the process is up. */
export const HealthSchema = z.object({ status: z.literal('ok') });

/**
 * The last scheduled backup (BACKUP_CRON), as /readyz shows it. Public, so only a status, when,
 * and a stable problem code (docs/backup.md lists them): no file names, no sheet names.
 */
export const BackupReadinessSchema = z.object({
  /** not-yet: no scheduled backup has run since the service started. */
  status: z.enum(['ok', 'failed', 'not-yet']),
  /** When the last run finished (ISO 8601 UTC); null before the first. */
  at: z.string().nullable(),
  /** When the last run that produced a verified backup finished; null when none has. */
  lastGoodAt: z.string().nullable(),
  /** With status failed: not-sqlite, corrupt, not-a-store, newer-version, checksum-mismatch, unreadable-rows, copy-failed, pg-dump-missing, pg-dump-failed. */
  problem: z.string().optional(),
  /** Sheets verified (ok) or found different from the live store (failed, checksum-mismatch). */
  sheets: z.number().int().nonnegative().optional(),
});
export type BackupReadiness = z.infer<typeof BackupReadinessSchema>;

/** What /readyz says beyond ok/failed: facts that do not make the service unready. */
export const ReadyDetailsSchema = z.object({ backup: BackupReadinessSchema.optional() });
export type ReadyDetails = z.infer<typeof ReadyDetailsSchema>;

/** GET /readyz when every dependency answered; a 503 problem otherwise. */
export const ReadySchema = z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.literal('ok')), details: ReadyDetailsSchema.optional() });
