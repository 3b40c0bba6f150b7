import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { backupJob, listBackups } from '../../../server/backup/backup-job';
import { backupStatusBoard } from '../../../server/backup/backup-status';
import { sqliteBackupMethod } from '../../../server/backup/sqlite-method';
import { openStore } from '../../../server/store/open-store';
import type { BenchCase } from './types';

/**
 * backup-100k: the scheduled backup (BACKUP_CRON's job) of a store holding a 100k-row metric
 * sheet, as the service runs it (each step on a worker thread): SQLite's online backup API into
 * a temporary file, made self-contained and synced, then verified (integrity check, and the sheet's checksum in the copy against the live store at the
 * same revision), renamed and pruned. The yardstick, in the same run: better-sqlite3's own
 * backup() of the same file with its default steps, followed by SQLite's integrity check of the
 * copy — the raw library copying and checking, without our checksums. The gap is what the
 * checksum costs: every row read and decoded twice (copy, live) and hashed.
 */

const ROWS = 100_000;
const liveFile = (dir: string): string => path.join(dir, 'live', 'ops-scorecard.sqlite');
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

export const backupCase: BenchCase = {
  name: 'backup-100k',
  description: 'Scheduled backup of a 100k-row store (online backup API, integrity check, checksums against the live store) vs better-sqlite3 backup() + integrity_check',
  target: 8,
  maxPeakMB: 400,
  async prepare(dir) {
    const store = await openStore({ kind: 'sqlite', file: liveFile(dir) });
    const actor = { tenantId: 'bench', userId: 'u-bench', email: 'bench@example.com' };
    const ref = { tenantId: 'bench', workspace: 'bench', workbook: 'metrics', sheet: 'Metric values' };
    const rows = Array.from({ length: ROWS }, (_, i) => {
      const cells = { period: `2024-${String((i % 12) + 1).padStart(2, '0')}`, department: `Dept ${Math.floor(i / 12) % 500}`, metric: `Metric ${Math.floor(i / 6000)}`, value: (i * 7919) % 100000 };
      return { key: `${cells.period} / ${cells.department} / ${cells.metric}`, cells };
    });
    const first = await store.push({ ref, kind: 'metrics', baseRevision: null, mode: 'full', rows, deletes: [], actor, idempotencyKey: 'bench-1', requestHash: 'h1' });
    if (first.status !== 'applied') throw new Error(`bench: seed push ${first.status}`);
    // A second revision, so that the live store has a change log to undo.
    const second = await store.push({ ref, kind: 'metrics', baseRevision: 1, mode: 'delta', rows: rows.slice(0, 10).map((r) => ({ key: r.key, cells: { value: 1 } })), deletes: [], actor, idempotencyKey: 'bench-2', requestHash: 'h2' });
    if (second.status !== 'applied') throw new Error(`bench: second push ${second.status}`);
    await store.close();
  },
  // The live store, open as the service holds it while it backs up (untimed).
  async setup(dir, variant) {
    return variant === 'ours' ? openStore({ kind: 'sqlite', file: liveFile(dir) }) : undefined;
  },
  async ours(dir) {
    const out = mkdtempSync(path.join(dir, 'ours-'));
    const status = backupStatusBoard();
    await backupJob({ dir: out, keep: 7, method: sqliteBackupMethod(liveFile(dir)) }, { log: silent, status, now: () => new Date() })('2026-12-07T02:30:00Z');
    const current = status.current();
    if (current.status !== 'ok' || (await listBackups(out)).length !== 1) throw new Error(`bench: backup ${JSON.stringify(current)}`);
  },
  async baseline(dir) {
    const out = path.join(mkdtempSync(path.join(dir, 'raw-')), 'copy.sqlite');
    const live = new BetterSqlite3(liveFile(dir), { readonly: true });
    await live.backup(out);
    live.close();
    const copy = new BetterSqlite3(out, { readonly: true });
    const integrity = copy.pragma('integrity_check', { simple: true });
    copy.close();
    if (integrity !== 'ok') throw new Error('bench: raw copy failed its integrity check');
  },
};
