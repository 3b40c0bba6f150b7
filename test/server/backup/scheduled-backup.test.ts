import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { ReadySchema } from '../../../shared/api/health';
import { backupJob, listBackups } from '../../../server/backup/backup-job';
import { backupStatusBoard, type BackupStatusBoard } from '../../../server/backup/backup-status';
import { restoreSqliteBackup } from '../../../server/backup/restore-sqlite';
import { sqliteBackupMethod } from '../../../server/backup/sqlite-method';
import { createApp } from '../../../server/app';
import type { JobLog } from '../../../server/schedule/scheduler';
import { openSqliteReadOnly } from '../../../server/store/database';
import { createKyselyStore } from '../../../server/store/kysely-store';
import { openStore } from '../../../server/store/open-store';
import type { SheetRef, Store } from '../../../server/store/store-types';
import { app as testApp } from '../../fixtures/service';
import { freshRef, outcomeOf, pushRequest, row } from '../store/helpers';

/**
 * The scheduled backup job (BACKUP_CRON) on a real SQLite store: copied while writes go on,
 * verified against the live store at the copy's revisions, renamed only when good, pruned to
 * BACKUP_KEEP, failures in the log and on /readyz.
 */

interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

function recordingLog(): JobLog & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (fields, message) => lines.push({ level: 'info', fields, message }),
    warn: (fields, message) => lines.push({ level: 'warn', fields, message }),
    error: (fields, message) => lines.push({ level: 'error', fields, message }),
  };
}

const SECRET_CELL = 'Confidential-target-7f3a';

describe('scheduled backup on SQLite', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'backup-job-'));
  const storeFile = path.join(dataDir, 'ops-scorecard.sqlite');
  let store: Store;
  const refs: SheetRef[] = [];

  beforeAll(async () => {
    store = await openStore({ kind: 'sqlite', file: storeFile });
    for (let s = 0; s < 4; s += 1) {
      const ref = freshRef();
      outcomeOf(await store.push(pushRequest(ref, { rows: Array.from({ length: 200 }, (_, i) => row(`K${i}`, { kpi: `KPI ${i}`, target: s === 0 && i === 5 ? SECRET_CELL : `≥${i}%`, weight: i })) })));
      refs.push(ref);
    }
  });
  afterAll(async () => {
    await store.close();
  });

  function job(dir: string, keep: number, log: JobLog, status: BackupStatusBoard, afterCopy?: (file: string) => void | Promise<void>) {
    return backupJob({ dir, keep, method: sqliteBackupMethod(storeFile) }, { log, status, now: () => new Date('2026-12-07T02:30:05Z'), ...(afterCopy ? { afterCopy } : {}) });
  }

  it('takes a consistent copy while pushes go on: restored, every sheet equals the live store at the copy’s revision', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backups-'));
    const log = recordingLog();
    const status = backupStatusBoard();
    let writing = true;
    let writes = 0;
    // Writers on every sheet, delta pushes with updates, creates and deletes, until told to stop.
    const writers = refs.map(async (ref, s) => {
      let revision = (await store.pull(ref, 0))!.revision;
      while (writing) {
        const n = writes++;
        const outcome = outcomeOf(
          await store.push(pushRequest(ref, { baseRevision: revision, mode: 'delta', rows: [row(`K${n % 200}`, { weight: n }), row(`N${n}`, { kpi: `new ${s}-${n}` })], deletes: n % 3 === 0 ? [`N${n - 3}`] : [] })),
        );
        revision = outcome.revision;
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    // Let some writes land first, then back up in the middle of them.
    while (writes < 40) await new Promise((resolve) => setTimeout(resolve, 5));
    const writesBefore = writes;
    await job(dir, 7, log, status)('2026-12-07T02:30:00Z');
    const writesDuring = writes - writesBefore;
    while (writes < writesBefore + writesDuring + 40) await new Promise((resolve) => setTimeout(resolve, 5));
    writing = false;
    await Promise.all(writers);

    expect(status.current()).toMatchObject({ status: 'ok', sheets: 4 });
    expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(await listBackups(dir)).toEqual(['ops-scorecard-2026-12-07T02-30-00Z.sqlite']);
    const file = path.join(dir, 'ops-scorecard-2026-12-07T02-30-00Z.sqlite');

    // Restored into a store of its own, every sheet is the live sheet at the revision the copy holds,
    // although the live store has moved on since.
    const restoredFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'restored-')), 'ops-scorecard.sqlite');
    await restoreSqliteBackup(file, { kind: 'sqlite', file: restoredFile });
    const restored = await openStore({ kind: 'sqlite', file: restoredFile });
    try {
      let movedOn = 0;
      for (const ref of refs) {
        const held = (await restored.pull(ref, 0))!;
        const live = (await store.pull(ref, 0))!;
        expect(held.revision).toBeGreaterThan(1);
        if (live.revision > held.revision) movedOn += 1;
        const then = (await store.sheetAt(ref, held.revision))!;
        // A field the change log restored as null is an empty cell, as pull leaves it out.
        const nonNull = (cells: Readonly<Record<string, unknown>>) => Object.fromEntries(Object.entries(cells).filter(([, v]) => v !== null));
        const expected = [...then.rows].sort((a, b) => (a.key < b.key ? -1 : 1)).map((r) => ({ key: r.key, cells: nonNull(r.cells) }));
        expect(held.rows.map((r) => ({ key: r.key, cells: nonNull(r.cells) }))).toEqual(expected);
      }
      expect(movedOn).toBeGreaterThan(0);
    } finally {
      await restored.close();
    }
  });

  it('catches a copy damaged inside a row (the integrity check cannot see it): logged without cell values, on /readyz, previous backups kept', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backups-'));
    const log = recordingLog();
    const status = backupStatusBoard();
    await job(dir, 7, log, status)('2026-12-06T02:30:00Z');
    expect(status.current().status).toBe('ok');

    // Flip bytes of one cell's text in the copy, the same length, so the b-tree stays whole.
    const flipCell = (file: string): void => {
      const bytes = readFileSync(file);
      const at = bytes.indexOf(Buffer.from(SECRET_CELL));
      expect(at).toBeGreaterThan(0);
      bytes[at] = 'X'.charCodeAt(0);
      writeFileSync(file, bytes);
    };
    await job(dir, 7, log, status, flipCell)('2026-12-07T02:30:00Z');

    expect(status.current()).toMatchObject({ status: 'failed', problem: 'checksum-mismatch', sheets: 1, lastGoodAt: expect.any(String) as string });
    const failure = log.lines.find((l) => l.level === 'error');
    expect(failure?.fields).toMatchObject({ job: 'backup', problem: 'checksum-mismatch', sheets: [`${refs[0]!.workspace}/${refs[0]!.workbook}/${refs[0]!.sheet}`] });
    expect(JSON.stringify(log.lines)).not.toContain('Confidential');
    // The damaged copy never became a backup; the good one is there; no temporary file is left.
    expect(readdirSync(dir)).toEqual(['ops-scorecard-2026-12-06T02-30-00Z.sqlite']);

    // /readyz shows it, and stays 200: a failed backup does not take the service out of rotation.
    const { deps } = await testApp(store);
    const res = await request(createApp({ ...deps, backupStatus: status.current })).get('/readyz');
    expect(res.status).toBe(200);
    const body = ReadySchema.parse(res.body);
    expect(body.details?.backup).toMatchObject({ status: 'failed', problem: 'checksum-mismatch' });
    expect(JSON.stringify(res.body)).not.toContain(refs[0]!.workbook);
  });

  it('catches a copy whose pages are scrambled (integrity check or unreadable file)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backups-'));
    const log = recordingLog();
    const status = backupStatusBoard();
    const scramble = (file: string): void => {
      const bytes = readFileSync(file);
      for (let i = 4096 + 64; i < bytes.length; i += 101) bytes[i] = bytes[i]! ^ 0x5a;
      writeFileSync(file, bytes);
    };
    await job(dir, 7, log, status, scramble)('2026-12-07T02:30:00Z');
    const current = status.current();
    expect(current.status).toBe('failed');
    expect(['corrupt', 'unreadable-rows', 'checksum-mismatch']).toContain(current.problem);
    expect(log.lines.some((l) => l.level === 'error' && l.fields['problem'] === current.problem)).toBe(true);
    expect(JSON.stringify(log.lines)).not.toContain('Confidential');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps the last BACKUP_KEEP verified backups, removes a killed run’s leftover, and prunes nothing after a failure', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backups-'));
    const log = recordingLog();
    const status = backupStatusBoard();
    const leftover = path.join(dir, '.ops-scorecard-2026-12-01T02-30-00Z.sqlite.partial');
    writeFileSync(leftover, 'half a copy');
    const unrelated = path.join(dir, 'notes.txt');
    writeFileSync(unrelated, 'kept');
    const lookalike = path.join(dir, 'ops-scorecard-manual-copy.sqlite');
    writeFileSync(lookalike, 'kept too');
    for (const day of ['01', '02', '03', '04', '05']) await job(dir, 3, log, status)(`2026-12-${day}T02:30:00Z`);
    expect(existsSync(leftover)).toBe(false);
    expect(await listBackups(dir)).toEqual(['ops-scorecard-2026-12-03T02-30-00Z.sqlite', 'ops-scorecard-2026-12-04T02-30-00Z.sqlite', 'ops-scorecard-2026-12-05T02-30-00Z.sqlite']);
    expect(readFileSync(unrelated, 'utf8')).toBe('kept');
    expect(readFileSync(lookalike, 'utf8')).toBe('kept too');

    await job(dir, 1, log, status, (file) => writeFileSync(file, 'garbage'))('2026-12-06T02:30:00Z');
    expect(status.current()).toMatchObject({ status: 'failed', problem: 'not-sqlite' });
    expect(await listBackups(dir)).toHaveLength(3);
  });

  it('verifies a backup against the live store without a false failure after later writes', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backups-'));
    const status = backupStatusBoard();
    await job(dir, 7, recordingLog(), status)('2026-12-07T02:30:00Z');
    const file = path.join(dir, (await listBackups(dir))[0]!);
    // Later writes, including one to the very row and a delete.
    const ref = refs[1]!;
    const base = (await store.pull(ref, 0))!.revision;
    outcomeOf(await store.push(pushRequest(ref, { baseRevision: base, mode: 'delta', rows: [row('K7', { target: 'changed later' })], deletes: ['K8'] })));
    const method = sqliteBackupMethod(storeFile);
    expect(await method.verify(file)).toEqual({ ok: true, value: { sheets: 4 } });
    // The copy, opened read-only, is at the earlier revision.
    const copy = createKyselyStore(openSqliteReadOnly(file));
    expect((await copy.pull(ref, 0))?.revision).toBe(base);
    await copy.close();
  });
});
