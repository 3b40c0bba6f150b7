import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { checkPgDump, firstLine, pgDumpArgs, pgDumpCommandLine, pgRestoreCommandLine, runPgTool, type PgTarget } from '../../backup/pg-dump';
import { runSqliteBackupStep } from '../../backup/sqlite-backup-steps';
import { formatConfigProblems, loadConfig } from '../../config';
import { databaseConfigFromEnv } from '../../store/open-store';
import { EXIT, type CliIO, type ExitCode } from '../io';
import { UsageError, parseCommandArgs } from '../options';

const Options = z.object({
  out: z.string().trim().min(1, { error: 'a file path' }),
  force: z.boolean().optional(),
});

/**
 * `backup --out FILE [--force]`: a consistent copy of the store the service uses (the same
 * DATA_DIR / DATABASE_URL settings as `serve`), safe while the service runs and writes.
 * SQLite: SQLite's online backup API into a temporary file beside FILE, verified (integrity check,
 * then every sheet's checksum against the live store at the copy's revision), then renamed to
 * FILE. PostgreSQL: pg_dump (custom format) when it is on PATH; otherwise exit 2 with the
 * command to run. FILE is not overwritten without --force. Exit 1: the copy failed verification.
 */
export async function backupCommand(args: readonly string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(args, { out: { type: 'string' }, force: { type: 'boolean' } }, Options);
  if (positionals.length > 0) throw new UsageError('backup takes options only: --out FILE [--force]');
  const config = loadConfig(io.env);
  if (!config.ok) {
    io.err(formatConfigProblems(config.error));
    return EXIT.refused;
  }
  const out = path.resolve(values.out);
  if (existsSync(out) && values.force !== true) {
    io.err(`ops-scorecard: ${out} exists; choose another file or add --force to replace it.\n`);
    return EXIT.refused;
  }
  const temp = path.join(path.dirname(out), `.${path.basename(out)}.partial`);
  await mkdir(path.dirname(out), { recursive: true });
  // What a killed earlier run may have left under the same temporary name.
  await rm(temp, { force: true });
  const database = databaseConfigFromEnv({ DATA_DIR: config.value.dataDir, DATABASE_URL: config.value.databaseUrl?.reveal(), DATABASE_SCHEMA: config.value.databaseSchema ?? undefined });
  try {
    if (database.kind === 'postgres') return await backupPostgres({ url: database.url, schema: database.schema ?? null }, out, temp, io);
    if (!existsSync(database.file)) {
      io.err(`ops-scorecard: there is no store at ${database.file} (DATA_DIR=${config.value.dataDir}): nothing to back up.\n`);
      return EXIT.refused;
    }
    const copied = await runSqliteBackupStep('copy', database.file, temp);
    if (!copied.ok) {
      io.err(`ops-scorecard: ${copied.error.message}\n`);
      return EXIT.refused;
    }
    const verified = await runSqliteBackupStep('verify', database.file, temp);
    if (!verified.ok) {
      io.err(`ops-scorecard: the copy failed verification (${verified.error.code}): ${verified.error.message}\n`);
      return EXIT.findings;
    }
    await rename(temp, out);
    io.out(`Backed up ${verified.value.sheets ?? 0} sheet(s), ${verified.value.rows ?? 0} row(s) to ${out}\n  (SQLite online backup; integrity check and checksums against the live store passed)\nRestore with: ops-scorecard restore ${out}\n`);
    return EXIT.ok;
  } finally {
    await rm(temp, { force: true });
  }
}

async function backupPostgres(target: PgTarget, out: string, temp: string, io: CliIO): Promise<ExitCode> {
  const run = await runPgTool('pg_dump', pgDumpArgs(target, temp), target, io.env);
  if (run.code === null) {
    io.err(
      'ops-scorecard: the store is PostgreSQL (DATABASE_URL): it is backed up with PostgreSQL\'s pg_dump, which is not on PATH.\n' +
        'Install the PostgreSQL client tools (e.g. apt install postgresql-client) and run this again, or run pg_dump yourself:\n' +
        `  ${pgDumpCommandLine(target, out)}\n` +
        `Restore with:\n  ${pgRestoreCommandLine(target, out)}\n`,
    );
    return EXIT.refused;
  }
  if (run.code !== 0) {
    io.err(`ops-scorecard: pg_dump failed: ${firstLine(run.stderr)}\n`);
    return EXIT.refused;
  }
  const checked = await checkPgDump(temp, io.env);
  if (!checked.ok) {
    io.err(`ops-scorecard: the dump failed its check (${checked.code}): ${checked.message}\n`);
    return EXIT.findings;
  }
  await rename(temp, out);
  io.out(`Backed up the PostgreSQL store with pg_dump (custom format) to ${out}\nRestore with:\n  ${pgRestoreCommandLine(target, out)}\n`);
  return EXIT.ok;
}
