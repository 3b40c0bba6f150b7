import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { inspectBackupFile } from '../../../server/backup/backup-file';
import { backupJob, listBackups } from '../../../server/backup/backup-job';
import { backupStatusBoard } from '../../../server/backup/backup-status';
import { sqliteBackupMethod } from '../../../server/backup/sqlite-method';
import { openStore } from '../../../server/store/open-store';
import type { SheetRef, Store } from '../../../server/store/store-types';
import { startServiceChild, type ServiceChild } from '../security/service-children';
import { freshRef, outcomeOf, pushRequest, row } from '../store/helpers';

/**
 * The real service in a child process (test/fixtures/service-process.ts, compiled: `npx tsc -b`
 * first) killed with SIGKILL in the middle of a scheduled backup: its copy written, not yet
 * verified nor renamed. The backups made before and the store itself must come out untouched,
 * and the next run must clean up and succeed.
 */
const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('a service killed during a scheduled backup', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'backup-kill-'));
  const backupDir = path.join(dataDir, 'backups');
  const storeFile = path.join(dataDir, 'ops-scorecard.sqlite');
  const refs: SheetRef[] = [];
  let child: ServiceChild | undefined;

  afterEach(async () => {
    await child?.kill();
    child = undefined;
  });

  const withStore = async <T>(use: (store: Store) => Promise<T>): Promise<T> => {
    const store = await openStore({ kind: 'sqlite', file: storeFile });
    try {
      return await use(store);
    } finally {
      await store.close();
    }
  };
  const pulls = (store: Store) => Promise.all(refs.map((ref) => store.pull(ref, 0)));

  it('leaves the earlier backups and the store intact, and the next run cleans up and succeeds', async () => {
    const before = await withStore(async (store) => {
      for (let s = 0; s < 3; s += 1) {
        const ref = freshRef();
        outcomeOf(await store.push(pushRequest(ref, { rows: Array.from({ length: 500 }, (_, i) => row(`K${i}`, { kpi: `KPI ${s}-${i}`, weight: i })) })));
        refs.push(ref);
      }
      // Two good backups from earlier nights.
      for (const night of ['2026-12-05T02:30:00Z', '2026-12-06T02:30:00Z']) {
        await backupJob({ dir: backupDir, keep: 7, method: sqliteBackupMethod(storeFile) }, { log: silent, status: backupStatusBoard(), now: () => new Date() })(night);
      }
      return pulls(store);
    });
    const earlier = await listBackups(backupDir);
    expect(earlier).toHaveLength(2);
    const sums = earlier.map((name) => sha256(path.join(backupDir, name)));

    const env = { DATA_DIR: dataDir, BACKUP_CRON: '* * * * * *', BACKUP_DIR: backupDir, BACKUP_KEEP: '2' };
    child = await startServiceChild({ ...env, SERVICE_HANG: 'during-backup' });
    const copied = await child.line('BACKUP-COPIED ');
    const partial = path.join(backupDir, copied.slice('BACKUP-COPIED '.length).trim());
    expect(existsSync(partial)).toBe(true);
    await child.kill();
    child = undefined;

    // The earlier backups: the same bytes, still intact backups; the killed copy never took a backup's name.
    expect(await listBackups(backupDir)).toEqual(earlier);
    expect(earlier.map((name) => sha256(path.join(backupDir, name)))).toEqual(sums);
    for (const name of earlier) expect((await inspectBackupFile(path.join(backupDir, name))).ok).toBe(true);
    expect(path.basename(partial)).toMatch(/^\.ops-scorecard-.*\.sqlite\.partial$/);

    // The store: intact and holding what it held.
    const check = new BetterSqlite3(storeFile, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    expect(await withStore(pulls)).toEqual(before);

    // Started again: the next firing removes the leftover, writes a verified backup, prunes to 2.
    child = await startServiceChild(env);
    const url = child.url;
    let ready: { details?: { backup?: { status: string } } } = {};
    for (let i = 0; i < 100 && ready.details?.backup?.status !== 'ok'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      ready = (await (await fetch(`${url}/readyz`)).json()) as typeof ready;
    }
    expect(ready.details?.backup?.status).toBe('ok');
    await child.stop();
    child = undefined;
    const after = readdirSync(backupDir);
    expect(after.filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect(await listBackups(backupDir)).toHaveLength(2);
    expect(await listBackups(backupDir)).not.toContain(earlier[0]);
  });
});
