import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backupJob, listBackups } from '../../../server/backup/backup-job';
import { backupStatusBoard } from '../../../server/backup/backup-status';
import { pgBackupMethod } from '../../../server/backup/pg-method';
import { startScheduler, type JobLog } from '../../../server/schedule/scheduler';
import type { Store } from '../../../server/store/store-types';
import { databaseFactories, type TestDatabase } from '../../fixtures/databases';
import { freshRef, outcomeOf, pushRequest, row } from '../store/helpers';

/**
 * Scheduled backups of a PostgreSQL store: pg_dump into BACKUP_DIR, read back by pg_restore
 * --list before the rename; without pg_dump a clear failure; and with two instances on the
 * database each firing is backed up once.
 */
const postgres = databaseFactories.find((f) => f.name === 'postgres')!;

function countingLog(): JobLog & { written: () => number; errors: Array<Record<string, unknown>> } {
  let written = 0;
  const errors: Array<Record<string, unknown>> = [];
  return {
    info: (_fields, message) => {
      if (message === 'Backup written and verified') written += 1;
    },
    warn: () => undefined,
    error: (fields) => errors.push(fields),
    written: () => written,
    errors,
  };
}

describe('scheduled backup on PostgreSQL', () => {
  let database: TestDatabase;
  let store: Store;
  let target: { url: string; schema: string };

  beforeAll(async () => {
    database = await postgres.create();
    store = await database.openStore();
    outcomeOf(await store.push(pushRequest(freshRef(), { rows: [row('A', { kpi: 'A', target: '≥90%' })] })));
    if (database.config.kind !== 'postgres') throw new Error('expected PostgreSQL');
    target = { url: database.config.url, schema: database.config.schema! };
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('writes a pg_dump archive that pg_restore reads, under the firing’s name', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pg-backups-'));
    const status = backupStatusBoard();
    const log = countingLog();
    await backupJob({ dir, keep: 7, method: pgBackupMethod(target, { PATH: process.env['PATH'] }) }, { log, status, now: () => new Date() })('2026-12-07T02:30:00Z');
    expect(log.errors).toEqual([]);
    expect(status.current().status).toBe('ok');
    expect(await listBackups(dir)).toEqual(['ops-scorecard-2026-12-07T02-30-00Z.pgdump']);
    expect(readFileSync(path.join(dir, 'ops-scorecard-2026-12-07T02-30-00Z.pgdump')).subarray(0, 5).toString('latin1')).toBe('PGDMP');
  });

  it('fails clearly, keeping nothing half-made, when pg_dump is not installed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pg-backups-'));
    const status = backupStatusBoard();
    const log = countingLog();
    await backupJob({ dir, keep: 7, method: pgBackupMethod(target, { PATH: '/nonexistent' }) }, { log, status, now: () => new Date() })('2026-12-07T02:30:00Z');
    expect(status.current()).toMatchObject({ status: 'failed', problem: 'pg-dump-missing' });
    expect(log.errors[0]).toMatchObject({ problem: 'pg-dump-missing' });
    expect(JSON.stringify(log.errors)).not.toContain('postgres://');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('backs each firing up once with two instances on the database', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pg-backups-'));
    const logs = [countingLog(), countingLog()];
    const second = await database.openStore();
    const schedulers = [store, second].map((s, i) =>
      startScheduler(
        [{ name: 'backup', cron: '* * * * * *', run: backupJob({ dir, keep: 100, method: pgBackupMethod(target, { PATH: process.env['PATH'] }) }, { log: logs[i]!, status: backupStatusBoard(), now: () => new Date() }) }],
        { store: s, instanceId: `instance-${i}`, log: logs[i]! },
      ),
    );
    while ((await listBackups(dir)).length < 3) await new Promise((resolve) => setTimeout(resolve, 100));
    await Promise.all(schedulers.map((s) => s.stop()));
    const files = await listBackups(dir);
    expect(logs[0]!.written() + logs[1]!.written()).toBe(files.length);
    expect([...logs[0]!.errors, ...logs[1]!.errors]).toEqual([]);
  });
});
