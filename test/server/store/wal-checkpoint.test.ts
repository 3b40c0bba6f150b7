import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openStore } from '../../../server/store/open-store';
import type { Store } from '../../../server/store/store-types';
import { outcomeOf, freshRef, pushRequest, row } from './helpers';

/**
 * The WAL checkpoint runs in a worker thread, not inside the commit on the main thread. Real
 * SQLite files; the worker is the compiled script, so `npx tsc -b` first. What is checked is the
 * database file alone, copied without its WAL: it holds a push's rows only once a checkpoint
 * copied them back.
 */

let mockScript: string | undefined;
jest.mock('../../../server/store/wal-checkpoint-script', () => {
  const actual = jest.requireActual<typeof import('../../../server/store/wal-checkpoint-script')>('../../../server/store/wal-checkpoint-script');
  return { walCheckpointWorkerScript: () => mockScript ?? actual.walCheckpointWorkerScript() };
});

/** Enough WAL to pass SQLite's default automatic checkpoint (1000 pages), far below the service's: a new sheet logs no history, so 20,000 such rows no longer did. */
const ROWS = 40_000;

let dir: string;
let file: string;
let store: Store | undefined;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ops-wal-'));
  file = path.join(dir, 'store.sqlite');
  mockScript = undefined;
});

afterEach(async () => {
  await store?.close();
  store = undefined;
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

async function pushBig(target: Store): Promise<void> {
  const ref = freshRef();
  const rows = Array.from({ length: ROWS }, (_, i) => row(`k${i}`, { metric: `m${i}`, value: i, note: 'x'.repeat(40) }));
  outcomeOf(await target.push(pushRequest(ref, { rows })));
}

/**
 * Rows in the database file without its WAL: 0 before a checkpoint brought even the schema over,
 * null while one is half-way through it.
 */
function rowsInMainFile(): number | null {
  const copy = path.join(mkdtempSync(path.join(dir, 'copy-')), 'copy.sqlite');
  copyFileSync(file, copy);
  try {
    const db = new BetterSqlite3(copy);
    try {
      const table = db.prepare("select 1 from sqlite_master where name = 'sheet_rows'").get();
      return table === undefined ? 0 : (db.prepare('select count(*) as n from sheet_rows').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

async function waitForRowsInMainFile(expected: number, timeoutMs: number): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  let seen = rowsInMainFile();
  while (seen !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    seen = rowsInMainFile();
  }
  return seen;
}

/** A worker script of the test's own, as plain JS. */
function script(name: string, source: string): string {
  const at = path.join(dir, name);
  writeFileSync(at, source);
  return at;
}

/** Resolves with the checkpointer's warning; keeps it out of the test output. */
function checkpointerWarning(): Promise<string> {
  return new Promise((resolve) => {
    jest.spyOn(process, 'emitWarning').mockImplementation((warning: string | Error, options?: unknown) => {
      if ((options as { code?: string } | undefined)?.code === 'OPS_SCORECARD_WAL_CHECKPOINTER') resolve(String(warning));
    });
  });
}

describe('background WAL checkpoint (SQLite file)', () => {
  it('the worker checkpoints a big committed push within a bounded wait', async () => {
    store = await openStore({ kind: 'sqlite', file });
    await pushBig(store);
    expect(await waitForRowsInMainFile(ROWS, 10_000)).toBe(ROWS);
  });

  it('the committing connection no longer checkpoints: with a worker that never does, the rows stay in the WAL', async () => {
    mockScript = script('idle-worker.js', "require('node:worker_threads').parentPort.on('message', () => {});\n");
    store = await openStore({ kind: 'sqlite', file });
    await pushBig(store);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(rowsInMainFile()).toBe(0);
  });

  it('closing the store ends the worker: the main connection closes last, checkpoints, removes the WAL; the data is intact', async () => {
    store = await openStore({ kind: 'sqlite', file });
    const ref = freshRef();
    outcomeOf(await store.push(pushRequest(ref, { rows: [row('a', { value: 1 }), row('b', { value: 2 })] })));
    await store.close();
    store = undefined;
    // Were the worker's connection still open, the main one would not be the last and the WAL would stay.
    expect(existsSync(`${file}-wal`)).toBe(false);

    store = await openStore({ kind: 'sqlite', file });
    const pulled = await store.pull(ref, 0);
    expect(pulled?.rows.map((r) => [r.key, r.cells])).toEqual([
      ['a', { value: 1 }],
      ['b', { value: 2 }],
    ]);
  });

  it('without its worker script, pushes work and the connection checkpoints on commit again', async () => {
    const warning = checkpointerWarning();
    mockScript = path.join(dir, 'missing-worker.js');
    store = await openStore({ kind: 'sqlite', file });
    expect(await warning).toMatch(/worker script not built/);
    await pushBig(store);
    // Checkpointed inside the commit: there right away, no wait.
    expect(rowsInMainFile()).toBe(ROWS);
  });

  it('when the worker crashes, pushes work, the connection checkpoints on commit again, and the warning names no path', async () => {
    const warning = checkpointerWarning();
    // Starts fine, dies at the first signal (the migrations' commit).
    mockScript = script('crashing-worker.js', "require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom at ' + __filename); });\n");
    store = await openStore({ kind: 'sqlite', file });
    const text = await warning;
    expect(text).toMatch(/checkpointer stopped \(Error\)/);
    expect(text).not.toContain(dir);
    await pushBig(store);
    expect(rowsInMainFile()).toBe(ROWS);
  });

  it('a worker that cannot open the database falls back the same way', async () => {
    const warning = checkpointerWarning();
    // The real worker, on a file that is not there (fileMustExist): it fails as it starts.
    mockScript = script('wrong-file-worker.js', `
      const { workerData } = require('node:worker_threads');
      workerData.file = ${JSON.stringify(path.join(dir, 'not-there.sqlite'))};
      require(${JSON.stringify(jest.requireActual<typeof import('../../../server/store/wal-checkpoint-script')>('../../../server/store/wal-checkpoint-script').walCheckpointWorkerScript())});
    `);
    store = await openStore({ kind: 'sqlite', file });
    expect(await warning).toMatch(/checkpointer stopped \(SQLITE_CANTOPEN\)/);
    await pushBig(store);
    expect(rowsInMainFile()).toBe(ROWS);
  });

  it(':memory: has no WAL and starts no worker', async () => {
    const emitWarning = jest.spyOn(process, 'emitWarning');
    mockScript = path.join(dir, 'missing-worker.js');
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    outcomeOf(await store.push(pushRequest(freshRef(), { rows: [row('a', { value: 1 })] })));
    expect(emitWarning).not.toHaveBeenCalled();
  });
});
