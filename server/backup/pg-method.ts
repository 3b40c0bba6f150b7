import { fail, ok } from '../../shared/result';
import type { BackupMethod } from './backup-job';
import { checkPgDump, firstLine, pgDumpArgs, runPgTool, type PgTarget } from './pg-dump';

/**
 * Scheduled backups of a PostgreSQL store: pg_dump's custom format, checked by reading it back
 * with `pg_restore --list`. Checksums against the live store need the dump restored somewhere,
 * which this job does not do (docs/backup.md says how to test a restore).
 */
export function pgBackupMethod(target: PgTarget, env: Readonly<Record<string, string | undefined>>): BackupMethod {
  return {
    extension: '.pgdump',
    async copy(destination) {
      const run = await runPgTool('pg_dump', pgDumpArgs(target, destination), target, env);
      if (run.code === null) return fail({ code: 'pg-dump-missing', message: 'pg_dump was not found on PATH: install the PostgreSQL client tools (e.g. postgresql-client) on the service host' });
      if (run.code !== 0) return fail({ code: 'pg-dump-failed', message: `pg_dump failed: ${firstLine(run.stderr)}` });
      return ok(undefined);
    },
    async verify(file) {
      const checked = await checkPgDump(file, env);
      return checked.ok ? ok({}) : fail({ code: checked.code, message: checked.message });
    },
  };
}
