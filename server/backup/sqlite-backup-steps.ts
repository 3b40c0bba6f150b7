import { fail, ok, type Result } from '../../shared/result';
import { openSqliteReadOnly } from '../store/database';
import { createKyselyStore } from '../store/kysely-store';
import type { BackupFailure } from './backup-job';
import { copySqliteStore } from './sqlite-copy';
import { verifyBackup } from './verify-backup';

/**
 * The two steps of a SQLite backup, each on connections of its own: copying the live store, and
 * verifying a copy against the live store opened read-only (in WAL mode a reader beside the
 * service's writer). Run in a worker thread by the scheduled job (sqlite-method.ts), directly
 * by the CLI.
 */
export type SqliteBackupStep = 'copy' | 'verify';

export type StepResult = Result<{ readonly sheets?: number; readonly rows?: number }, BackupFailure>;

export async function runSqliteBackupStep(step: SqliteBackupStep, storeFile: string, file: string): Promise<StepResult> {
  if (step === 'copy') {
    try {
      await copySqliteStore(storeFile, file);
      return ok({});
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return fail({ code: 'copy-failed', message: `SQLite could not copy the store (${typeof code === 'string' ? code : 'error'})` });
    }
  }
  const live = createKyselyStore(openSqliteReadOnly(storeFile));
  try {
    const verified = await verifyBackup(file, live);
    return verified.ok ? ok(verified.value) : fail(verified.error);
  } finally {
    await live.close();
  }
}
