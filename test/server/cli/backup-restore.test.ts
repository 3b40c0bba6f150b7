import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { runCli } from '../../fixtures/cli';
import { databaseFactories } from '../../fixtures/databases';
import { pgRestoreOptions, runPgTool } from '../../../server/backup/pg-dump';
import { openStore } from '../../../server/store/open-store';
import type { SheetRef, Store } from '../../../server/store/store-types';
import { freshRef, outcomeOf, pushRequest, row } from '../store/helpers';

/**
 * `ops-scorecard backup` and `restore`, run as the compiled CLI (`npx tsc -b` first) on a real
 * store in DATA_DIR, as an operator would.
 */
const storeFile = (dataDir: string): string => path.join(dataDir, 'ops-scorecard.sqlite');
const tempDir = (name: string): string => mkdtempSync(path.join(os.tmpdir(), `${name}-`));

async function withStore<T>(dataDir: string, use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ kind: 'sqlite', file: storeFile(dataDir) });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

async function seed(store: Store, sheets: number): Promise<SheetRef[]> {
  const refs: SheetRef[] = [];
  for (let s = 0; s < sheets; s += 1) {
    const ref = freshRef();
    outcomeOf(await store.push(pushRequest(ref, { rows: Array.from({ length: 20 }, (_, i) => row(`K${i}`, { kpi: `KPI ${s}-${i}`, target: `≥${i}%`, weight: i })) })));
    outcomeOf(await store.push(pushRequest(ref, { baseRevision: 1, mode: 'delta', rows: [row('K3', { weight: 99 })], deletes: ['K4'] })));
    refs.push(ref);
  }
  return refs;
}

const pulls = (store: Store, refs: readonly SheetRef[]) => Promise.all(refs.map((ref) => store.pull(ref, 0)));

describe('ops-scorecard backup / restore on SQLite', () => {
  const dataDir = tempDir('backup-cli');
  const out = path.join(tempDir('backup-out'), 'nightly.sqlite');
  let refs: SheetRef[] = [];
  let before: Awaited<ReturnType<typeof pulls>>;

  beforeAll(async () => {
    refs = await withStore(dataDir, (store) => seed(store, 3));
    before = await withStore(dataDir, (store) => pulls(store, refs));
  });

  it('backs the store up into --out, verified, and says how to restore it', async () => {
    const run = await runCli(['backup', '--out', out], { DATA_DIR: dataDir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Backed up 3 sheet(s), 57 row(s)');
    expect(run.stdout).toContain('checksums against the live store passed');
    expect(run.stdout).toContain(`ops-scorecard restore ${out}`);
    expect(readFileSync(out).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    // Self-contained: no -wal beside it, and no temporary file left.
    expect(existsSync(`${out}-wal`)).toBe(false);
    expect(existsSync(path.join(path.dirname(out), '.nightly.sqlite.partial'))).toBe(false);
  });

  it('does not overwrite an existing file without --force', async () => {
    const run = await runCli(['backup', '--out', out], { DATA_DIR: dataDir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('exists');
    expect(run.stderr).toContain('--force');
  });

  it('restores into an empty DATA_DIR: every pull is the same as before', async () => {
    const fresh = tempDir('restore-fresh');
    const run = await runCli(['restore', out], { DATA_DIR: fresh });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Restored 3 sheet(s) in 1 workspace(s)');
    expect(await withStore(fresh, (store) => pulls(store, refs))).toEqual(before);
  });

  it('refuses to overwrite a store that holds data without --force, and changes nothing', async () => {
    // The live store moves on after the backup.
    await withStore(dataDir, async (store) => outcomeOf(await store.push(pushRequest(refs[0]!, { baseRevision: 2, mode: 'delta', rows: [row('K1', { weight: 7 })] }))));
    const moved = await withStore(dataDir, (store) => pulls(store, refs));
    expect(moved[0]?.revision).toBe(3);

    const refused = await runCli(['restore', out], { DATA_DIR: dataDir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('holds 1 workspace(s) and 3 sheet(s)');
    expect(refused.stderr).toContain('--force');
    expect(await withStore(dataDir, (store) => pulls(store, refs))).toEqual(moved);

    const forced = await runCli(['restore', out, '--force'], { DATA_DIR: dataDir });
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect(await withStore(dataDir, (store) => pulls(store, refs))).toEqual(before);
  });

  it('refuses what is not an intact Ops Scorecard backup, with a clear reason and exit code 2', async () => {
    const dir = tempDir('restore-bad');
    const empty = tempDir('restore-target');
    const text = path.join(dir, 'notes.txt');
    writeFileSync(text, 'not a database at all');
    const other = path.join(dir, 'other.sqlite');
    const db = new BetterSqlite3(other);
    db.exec('create table t (x)');
    db.close();
    const newer = path.join(dir, 'newer.sqlite');
    writeFileSync(newer, readFileSync(out));
    const n = new BetterSqlite3(newer);
    n.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('9999-from-the-future', new Date().toISOString());
    n.close();
    const damaged = path.join(dir, 'damaged.sqlite');
    const bytes = readFileSync(out);
    // Page 2 onwards scrambled: the b-trees no longer hold together.
    for (let i = 4096 + 100; i < bytes.length; i += 97) bytes[i] = bytes[i]! ^ 0xff;
    writeFileSync(damaged, bytes);
    const truncated = path.join(dir, 'truncated.sqlite');
    writeFileSync(truncated, readFileSync(out).subarray(0, 4096 * 2));

    const cases: Array<[string, string]> = [
      [path.join(dir, 'missing.sqlite'), 'does not exist'],
      [text, 'is not an SQLite database'],
      [other, 'not an Ops Scorecard store'],
      [newer, 'newer version of Ops Scorecard'],
      [damaged, 'damaged'],
      [truncated, ''],
    ];
    for (const [file, reason] of cases) {
      const run = await runCli(['restore', file], { DATA_DIR: empty });
      expect({ file: path.basename(file), code: run.code }).toEqual({ file: path.basename(file), code: 2 });
      expect(run.stderr).toContain('not restored');
      expect(run.stderr).toContain(reason);
      expect(existsSync(storeFile(empty))).toBe(false);
    }
  });

  it('refuses to restore the store onto itself', async () => {
    const run = await runCli(['restore', storeFile(dataDir), '--force'], { DATA_DIR: dataDir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is the store itself');
  });

  it('needs --out, and refuses a DATA_DIR without a store', async () => {
    expect((await runCli(['backup'], { DATA_DIR: dataDir })).code).toBe(2);
    const run = await runCli(['backup', '--out', path.join(tempDir('x'), 'b.sqlite')], { DATA_DIR: tempDir('nothing') });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('there is no store');
  });
});

describe('ops-scorecard backup / restore on PostgreSQL', () => {
  const factory = databaseFactories.find((f) => f.name === 'postgres')!;

  it('backs up with pg_dump when it is on PATH, and says how to restore with pg_restore', async () => {
    const database = await factory.create();
    try {
      const store = await database.openStore();
      await seed(store, 1);
      if (database.config.kind !== 'postgres') throw new Error('expected PostgreSQL');
      const env = { DATABASE_URL: database.config.url, DATABASE_SCHEMA: database.config.schema! };
      const out = path.join(tempDir('pg-backup'), 'store.pgdump');

      const run = await runCli(['backup', '--out', out], env);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('pg_dump (custom format)');
      expect(run.stdout).toContain(`pg_restore --clean --if-exists --no-owner --no-privileges --schema=${database.config.schema}`);
      expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('PGDMP');

      // Without pg_dump on PATH: exit 2, and the command to run instead.
      const without = await runCli(['backup', '--out', path.join(tempDir('pg-backup'), 'x.pgdump')], { ...env, PATH: '/nonexistent' });
      expect(without.code).toBe(2);
      expect(without.stderr).toContain('pg_dump, which is not on PATH');
      expect(without.stderr).toContain('pg_dump --format=custom');
      expect(without.stderr).not.toContain('postgres://');

      const restore = await runCli(['restore', out], env);
      expect(restore.code).toBe(2);
      expect(restore.stderr).toContain('pg_restore');

      // The documented pg_restore command puts the dump back over a store that moved on.
      const refs = (await store.listEverySheet()).filter((s) => s.revision > 0);
      const before = await Promise.all(refs.map((ref) => store.pull(ref, 0)));
      outcomeOf(await store.push(pushRequest(refs[0]!, { baseRevision: refs[0]!.revision, mode: 'delta', rows: [row('K1', { weight: 1234 })] })));
      await store.close();
      const target = { url: database.config.url, schema: database.config.schema! };
      const restored = await runPgTool('pg_restore', [...pgRestoreOptions(target), `--dbname=${target.url}`, out], target, { PATH: process.env.PATH });
      expect(restored.stderr).toBe('');
      expect(restored.code).toBe(0);
      const reopened = await database.openStore();
      expect(await Promise.all(refs.map((ref) => reopened.pull(ref, 0)))).toEqual(before);
    } finally {
      await database.dispose();
    }
  });
});
