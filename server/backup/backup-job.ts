import { closeSync, fsyncSync, openSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Result } from '../../shared/result';
import type { JobLog } from '../schedule/scheduler';
import type { SheetRef } from '../store/store-types';
import type { BackupStatusBoard } from './backup-status';

/** How one kind of store is copied and checked: SQLite's backup API, or pg_dump. */
export interface BackupMethod {
  /** '.sqlite' or '.pgdump': the backup files' suffix. */
  readonly extension: string;
  copy(destination: string): Promise<Result<void, BackupFailure>>;
  /** sheets: how many were checked against the live store (absent when the method cannot). */
  verify(file: string): Promise<Result<{ readonly sheets?: number }, BackupFailure>>;
}

export interface BackupFailure {
  /** Stable: shown on /readyz (docs/backup.md lists them). */
  readonly code: string;
  /** For the log: names files and sheets, never a cell value. */
  readonly message: string;
  readonly mismatched?: readonly SheetRef[];
}

export interface BackupJobConfig {
  /** BACKUP_DIR. */
  readonly dir: string;
  /** BACKUP_KEEP: verified backups kept; older ones are deleted after a good run. */
  readonly keep: number;
  readonly method: BackupMethod;
}

export interface BackupJobDeps {
  readonly log: JobLog;
  readonly status: BackupStatusBoard;
  readonly now: () => Date;
  /** Test seam: runs on the finished copy before it is verified (to damage it, or to hang there). */
  readonly afterCopy?: (file: string) => void | Promise<void>;
}

const PREFIX = 'ops-scorecard-';
const PARTIAL = '.partial';

/** The name of the backup of one firing: sortable by time, and the same in every instance. */
export function backupFileName(fireAt: string, extension: string): string {
  return `${PREFIX}${fireAt.replace(/:/g, '-')}${extension}`;
}

/**
 * One scheduled backup: copy into a temporary name in BACKUP_DIR, verify the copy, and only
 * then rename it to its final name, so that a partial or damaged copy never takes the place of
 * a good one (a crash leaves a `.…partial` file, removed by the next run). After a good run the
 * oldest backups beyond BACKUP_KEEP are deleted; after a failed one nothing is, so the good
 * backups stay. The outcome goes to the log and to /readyz; the job never throws.
 */
export function backupJob(config: BackupJobConfig, deps: BackupJobDeps): (fireAt: string) => Promise<void> {
  return async (fireAt) => {
    const name = backupFileName(fireAt, config.method.extension);
    const temp = path.join(config.dir, `.${name}${PARTIAL}`);
    const fail = async (failure: BackupFailure): Promise<void> => {
      // Best effort: the next run removes what is left, and the failure must be reported either way.
      await rm(temp, { force: true }).catch(() => undefined);
      const sheets = failure.mismatched?.map((r) => `${r.workspace}/${r.workbook}/${r.sheet}`);
      deps.log.error({ job: 'backup', file: name, problem: failure.code, detail: failure.message, ...(sheets ? { sheets } : {}) }, 'Backup failed; the previous backups are kept');
      deps.status.failed(deps.now(), failure.code, failure.mismatched?.length);
    };
    try {
      await mkdir(config.dir, { recursive: true });
      await removeLeftovers(config.dir);
      const copied = await config.method.copy(temp);
      if (!copied.ok) return await fail(copied.error);
      await deps.afterCopy?.(temp);
      const verified = await config.method.verify(temp);
      if (!verified.ok) return await fail(verified.error);
      await rename(temp, path.join(config.dir, name));
      syncDirectory(config.dir);
      const pruned = await prune(config.dir, config.keep);
      deps.log.info({ job: 'backup', file: name, sheets: verified.value.sheets, pruned }, 'Backup written and verified');
      deps.status.succeeded(deps.now(), verified.value.sheets);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      await fail({ code: 'copy-failed', message: `the backup could not be written (${typeof code === 'string' ? code : error instanceof Error ? error.name : 'error'})` });
    }
  };
}

/** What backupFileName makes, and nothing else: pruning never touches another file in BACKUP_DIR. */
const BACKUP_NAME = /^ops-scorecard-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.(?:sqlite|pgdump)$/;

/** The verified backups in a directory, oldest first (the names sort by time). */
export async function listBackups(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names.filter((n) => BACKUP_NAME.test(n)).sort();
}

async function prune(dir: string, keep: number): Promise<string[]> {
  const all = await listBackups(dir);
  const old = all.slice(0, Math.max(0, all.length - keep));
  for (const name of old) await rm(path.join(dir, name), { force: true });
  return old;
}

/** What a killed run left behind: only runs of this job write `.ops-scorecard-….partial`. */
async function removeLeftovers(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (name.startsWith(`.${PREFIX}`) && name.endsWith(PARTIAL)) await rm(path.join(dir, name), { force: true });
  }
}

/** The rename itself survives a power cut only once the directory is synced. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not every platform lets a directory be synced (Windows); the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
