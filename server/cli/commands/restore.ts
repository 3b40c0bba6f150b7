import path from 'node:path';
import { z } from 'zod';
import { inspectBackupFile } from '../../backup/backup-file';
import { pgRestoreCommandLine } from '../../backup/pg-dump';
import { restoreSqliteBackup } from '../../backup/restore-sqlite';
import { sqliteStoreContents } from '../../backup/store-contents';
import { formatConfigProblems, loadConfig } from '../../config';
import { databaseConfigFromEnv } from '../../store/open-store';
import { EXIT, type CliIO, type ExitCode } from '../io';
import { parseCommandArgs, onePositional } from '../options';

const Options = z.object({ force: z.boolean().optional() });

/**
 * `restore FILE [--force]`: puts an Ops Scorecard SQLite backup back as the store of DATA_DIR.
 * The file must pass the same checks as a scheduled backup's verification (an SQLite database,
 * intact, the store's tables, migrations this version knows); a store that holds workspaces or
 * sheets is replaced only with --force. Stop the service first. The restored store is then
 * brought to this version's schema. PostgreSQL: exit 2 with the pg_restore command to run.
 */
export async function restoreCommand(args: readonly string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(args, { force: { type: 'boolean' } }, Options);
  const file = path.resolve(onePositional(positionals, 'backup file'));
  const config = loadConfig(io.env);
  if (!config.ok) {
    io.err(formatConfigProblems(config.error));
    return EXIT.refused;
  }
  const database = databaseConfigFromEnv({ DATA_DIR: config.value.dataDir, DATABASE_URL: config.value.databaseUrl?.reveal(), DATABASE_SCHEMA: config.value.databaseSchema ?? undefined });
  if (database.kind === 'postgres') {
    io.err(
      'ops-scorecard: the store is PostgreSQL (DATABASE_URL): restore a pg_dump backup with PostgreSQL\'s pg_restore, the service stopped:\n' +
        `  ${pgRestoreCommandLine({ url: database.url, schema: database.schema ?? null }, file)}\n` +
        '(--clean replaces what the schema holds: the same as --force here.)\n',
    );
    return EXIT.refused;
  }
  if (file === path.resolve(database.file)) {
    io.err(`ops-scorecard: not restored: ${file} is the store itself; name a backup file.\n`);
    return EXIT.refused;
  }
  const inspected = await inspectBackupFile(file);
  if (!inspected.ok) {
    io.err(`ops-scorecard: not restored: ${inspected.error.message}\n`);
    return EXIT.refused;
  }
  const target = database.file;
  const held = sqliteStoreContents(target);
  if ((held.sheets > 0 || held.workspaces > 0) && values.force !== true) {
    io.err(
      `ops-scorecard: not restored: the store at ${target} holds ${held.workspaces} workspace(s) and ${held.sheets} sheet(s), which the restore would replace.\n` +
        'Stop the service, back the store up if it matters (ops-scorecard backup --out FILE), then run the restore again with --force.\n',
    );
    return EXIT.refused;
  }
  await restoreSqliteBackup(file, database);
  io.out(`Restored ${inspected.value.sheets} sheet(s) in ${inspected.value.workspaces} workspace(s) from ${file} into ${target}\n`);
  return EXIT.ok;
}
