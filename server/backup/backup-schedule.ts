import type { AppConfig } from '../config';
import type { ScheduledJob, JobLog } from '../schedule/scheduler';
import { databaseConfigFromEnv } from '../store/open-store';
import { backupJob } from './backup-job';
import type { BackupStatusBoard } from './backup-status';
import { pgBackupMethod } from './pg-method';
import { sqliteBackupMethod } from './sqlite-method';

export interface BackupScheduleOptions {
  readonly status: BackupStatusBoard;
  readonly log: JobLog;
  /** Test seam (see BackupJobDeps.afterCopy). */
  readonly afterCopy?: (file: string) => void | Promise<void>;
}

/**
 * The scheduled backup job from the configuration, or null without BACKUP_CRON: the SQLite
 * store through SQLite's backup API (verified against the store file on a read-only connection
 * of its own), a PostgreSQL store through pg_dump. The scheduler's claim
 * makes it run once per firing however many instances share the database.
 */
export function backupScheduledJob(config: AppConfig, options: BackupScheduleOptions): ScheduledJob | null {
  const cron = config.backup.cron;
  if (cron === null) return null;
  const database = databaseConfigFromEnv({ DATA_DIR: config.dataDir, DATABASE_URL: config.databaseUrl?.reveal(), DATABASE_SCHEMA: config.databaseSchema ?? undefined });
  const method =
    database.kind === 'sqlite'
      ? sqliteBackupMethod(database.file)
      : pgBackupMethod({ url: database.url, schema: database.schema ?? null }, pgToolEnv(process.env));
  const run = backupJob(
    { dir: config.backup.dir, keep: config.backup.keep, method },
    { log: options.log, status: options.status, now: () => new Date(), ...(options.afterCopy ? { afterCopy: options.afterCopy } : {}) },
  );
  return { name: 'backup', cron, run };
}

/**
 * What pg_dump may need from the service's environment: PATH to be found, HOME for ~/.pgpass,
 * and libpq's own PG* variables (PGSSLMODE, PGPASSFILE…). Not the service's other settings.
 */
function pgToolEnv(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => name === 'PATH' || name === 'HOME' || name.startsWith('PG')));
}
