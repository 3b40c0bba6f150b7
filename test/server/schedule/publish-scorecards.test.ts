import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DEMO_KPI_TABLE, DEMO_METRIC_TABLE, DEMO_PERMISSION_TABLE } from '../../../server/demo/handbook-tables';
import { ok, fail } from '../../../shared/result';
import { computeScorecard } from '../../../shared/engine/scorecard';
import { KPI_SPEC } from '../../../shared/kinds/kpi/spec';
import { METRIC_SPEC } from '../../../shared/kinds/metrics/spec';
import type { SheetKind } from '../../../shared/kinds/sheet-kind';
import type { TableSpec } from '../../../shared/table/columns';
import type { CellValue } from '../../../shared/table/grid';
import { findHeader, readTable } from '../../../shared/table/locate';
import { analyseWorkbook } from '../../../shared/workbook/analyse';
import type { GraphFailure } from '../../../server/graph/graph-failure';
import { UPLOAD_CHUNK_UNIT } from '../../../server/graph/graph-upload';
import { MsalGraphClient } from '../../../server/graph/msal-graph-client';
import { dateOf, fileSegment, publishScorecards, publishScorecardsJob, type PublishConfig, type PublishDeps } from '../../../server/schedule/publish-scorecards';
import { startScheduler, type JobLog } from '../../../server/schedule/scheduler';
import { PERMISSION_SPEC } from '../../../shared/kinds/permissions/spec';
import { inlineScorecardWork, pooledScorecardWork } from '../../../server/scorecard/scorecard-work';
import { heavyWorkerScript, type HeavyAnswer, type HeavyTask } from '../../../server/workers/heavy-tasks';
import { createWorkerPool } from '../../../server/workers/worker-pool';
import { FakeScheduleStore } from '../../fixtures/fake-schedule-store';
import { startGraphStub } from '../../fixtures/graph-stub';
import { grid } from '../../fixtures/grids';
import { openStore } from '../../../server/store/open-store';
import { PSEUDONYM_KEY } from '../../fixtures/service';

const FIRE_AT = '2024-03-01T05:00:00Z';
const quiet: JobLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** What a sync stores for a table: each data row's cells by field, under a natural key. */
function storedRows(table: readonly (readonly CellValue[])[], spec: TableSpec<string>, key: (cells: Record<string, CellValue>) => string) {
  const g = grid('x', table);
  const header = findHeader(g, spec);
  if (!header) throw new Error('fixture table has no header');
  return readTable(g, header).rows.map((r) => {
    const cells = r.cells as Record<string, CellValue>;
    return { key: key(cells), cells };
  });
}

function seed(store: FakeScheduleStore, tenant: string, workspace: string, kinds: readonly SheetKind[] = ['kpi', 'metrics']): void {
  if (kinds.includes('kpi')) store.addSheet(tenant, workspace, { workbook: 'ops.xlsx', sheet: 'KPI', kind: 'kpi', rows: storedRows(DEMO_KPI_TABLE, KPI_SPEC, (c) => String(c.name)) });
  if (kinds.includes('metrics')) {
    store.addSheet(tenant, workspace, {
      workbook: 'ops.xlsx',
      sheet: '指标数据',
      kind: 'metrics',
      rows: storedRows(DEMO_METRIC_TABLE, METRIC_SPEC, (c) => `${String(c.period)}|${String(c.department)}|${String(c.metric)}`),
    });
  }
  if (kinds.includes('permissions')) store.addSheet(tenant, workspace, { workbook: 'ops.xlsx', sheet: '权限', kind: 'permissions', rows: storedRows(DEMO_PERMISSION_TABLE, PERMISSION_SPEC, (c) => String(c.role)) });
}

function config(dir: string, over: Partial<PublishConfig> = {}): PublishConfig {
  return { dir, locale: 'en-US', timezone: 'UTC', ...over };
}

function deps(store: FakeScheduleStore, over: Partial<PublishDeps> = {}): PublishDeps {
  return { store, pseudonymKey: PSEUDONYM_KEY, tenants: () => store.tenants(), log: quiet, ...over };
}

async function detailRows(file: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet('KPI detail');
  if (!sheet) throw new Error('no KPI detail sheet');
  const rows: unknown[][] = [];
  sheet.eachRow((row, n) => {
    const v = row.values as unknown[];
    // Period, department, KPI, actual, score (columns A, B, C, E, J).
    if (n > 1) rows.push([v[1], v[2], v[3], v[5] ?? null, v[10] ?? null]);
  });
  return rows;
}

/** The scorecard the shared engine computes from the original sheets, for comparison. */
function expectedRows(): unknown[][] {
  const analysis = analyseWorkbook([grid('KPI', DEMO_KPI_TABLE), grid('指标数据', DEMO_METRIC_TABLE)]);
  const report = computeScorecard({ kpis: analysis.records.kpis, metrics: analysis.records.metrics, resolver: analysis.resolver });
  return report.rows.map((r) => [r.period, r.department, r.kpi, r.actual, r.score]);
}

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'publish-scorecards-'));
}

describe('publishScorecards', () => {
  it('writes the same workbooks on the service\'s worker pool, and reports a workspace the pool could not do as failed', async () => {
    const pool = createWorkerPool<HeavyTask, HeavyAnswer>({ script: heavyWorkerScript(), size: 1, maxQueue: 4, timeoutMs: 30_000 });
    try {
      const dir = tempDir();
      const store = new FakeScheduleStore();
      seed(store, 'tenant-1', '华东运营');
      seed(store, 'tenant-1', 'empty', ['metrics']);
      const outcomes = await publishScorecards(config(dir), deps(store, { scorecardWork: pooledScorecardWork(pool) }), FIRE_AT);
      expect(outcomes.map((o) => [o.workspace, o.status])).toEqual([
        ['华东运营', 'written'],
        ['empty', 'skipped'],
      ]);
      expect(await detailRows(path.join(dir, 'tenant-1', '华东运营', 'scorecard-2024-03-01.xlsx'))).toEqual(expectedRows());
    } finally {
      await pool.close();
    }
    const stopped = createWorkerPool<HeavyTask, HeavyAnswer>({ script: heavyWorkerScript(), size: 1, maxQueue: 4, timeoutMs: 1 });
    const store = new FakeScheduleStore();
    seed(store, 'tenant-1', '华东运营');
    const [outcome] = await publishScorecards(config(tempDir()), deps(store, { scorecardWork: pooledScorecardWork(stopped) }), FIRE_AT);
    await stopped.close();
    expect(outcome).toMatchObject({ status: 'failed', reason: 'timed out after 0 s' });
  });

  it('warms the service\'s scorecard cache after the workbooks, once per run, and says how many views it computed', async () => {
    const store = new FakeScheduleStore();
    seed(store, 'tenant-1', '华东运营');
    const infos: Array<[Record<string, unknown>, string]> = [];
    let written = false;
    let warmedAfterWriting: boolean | null = null;
    const job = publishScorecardsJob(
      config(tempDir()),
      deps(store, {
        log: { ...quiet, info: (fields, message) => void infos.push([fields, message]) },
        warmScorecards: async () => {
          warmedAfterWriting = written;
          return 3;
        },
        scorecardWork: {
          ...inlineScorecardWork,
          writeScorecardWorkbook: async (job) => {
            written = true;
            return inlineScorecardWork.writeScorecardWorkbook(job);
          },
        },
      }),
    );
    await job(FIRE_AT);
    expect(warmedAfterWriting).toBe(true);
    expect(infos.filter(([, m]) => m === 'Scorecard cache warmed')).toEqual([[{ fireAt: FIRE_AT, warmed: 3 }, 'Scorecard cache warmed']]);
  });

  it('writes scorecard-<date>.xlsx and scorecard-latest.xlsx per workspace, computed by the shared engine', async () => {
    const dir = tempDir();
    const store = new FakeScheduleStore();
    seed(store, 'tenant-1', '华东运营');
    seed(store, 'tenant-2', 'Sales');

    const outcomes = await publishScorecards(config(dir), deps(store), FIRE_AT);

    expect(outcomes.map((o) => [o.tenantId, o.workspace, o.status])).toEqual([
      ['tenant-1', '华东运营', 'written'],
      ['tenant-2', 'Sales', 'written'],
    ]);
    const folder = path.join(dir, 'tenant-1', '华东运营');
    expect(readdirSync(folder).sort()).toEqual(['scorecard-2024-03-01.xlsx', 'scorecard-latest.xlsx']);
    const dated = path.join(folder, 'scorecard-2024-03-01.xlsx');
    expect(readFileSync(path.join(folder, 'scorecard-latest.xlsx')).equals(readFileSync(dated))).toBe(true);

    const rows = await detailRows(dated);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(expectedRows());
    expect(existsSync(path.join(dir, 'tenant-2', 'Sales', 'scorecard-latest.xlsx'))).toBe(true);
  });

  it('replaces scorecard-latest.xlsx on the next run and keeps earlier dated files', async () => {
    const dir = tempDir();
    const store = new FakeScheduleStore();
    seed(store, 't', 'w');
    await publishScorecards(config(dir), deps(store), '2024-03-01T05:00:00Z');
    await publishScorecards(config(dir), deps(store), '2024-03-02T05:00:00Z');
    const folder = path.join(dir, 't', 'w');
    expect(readdirSync(folder).sort()).toEqual(['scorecard-2024-03-01.xlsx', 'scorecard-2024-03-02.xlsx', 'scorecard-latest.xlsx']);
    expect(readFileSync(path.join(folder, 'scorecard-latest.xlsx')).equals(readFileSync(path.join(folder, 'scorecard-2024-03-02.xlsx')))).toBe(true);
  });

  it('skips a workspace without KPI definitions, and reads only KPI and metric sheets', async () => {
    const dir = tempDir();
    const store = new FakeScheduleStore();
    seed(store, 't', 'only-metrics', ['metrics', 'permissions']);
    store.addWorkspace('t', 'empty');
    const outcomes = await publishScorecards(config(dir), deps(store), FIRE_AT);
    expect(outcomes).toEqual([
      { tenantId: 't', workspace: 'only-metrics', status: 'skipped', reason: 'no KPI definitions' },
      { tenantId: 't', workspace: 'empty', status: 'skipped', reason: 'no KPI definitions' },
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps workspace names inside the scorecard folder', async () => {
    const dir = tempDir();
    const store = new FakeScheduleStore();
    seed(store, 't', '../escape');
    seed(store, 't', '..');
    await publishScorecards(config(dir), deps(store), FIRE_AT);
    expect(readdirSync(path.join(dir, 't')).sort()).toEqual(['%2E%2E', '..%2Fescape']);
    expect(fileSegment('a/b')).not.toBe(fileSegment('a_b'));
    expect(fileSegment('trailing.')).toBe('trailing%2E');
  });

  it('names the file by the firing\'s date in the schedule\'s time zone', () => {
    // 05:00 in Shanghai on 2 March is 21:00 UTC on 1 March.
    expect(dateOf('2024-03-01T21:00:00Z', 'Asia/Shanghai')).toBe('2024-03-02');
    expect(dateOf('2024-03-01T21:00:00Z', 'UTC')).toBe('2024-03-01');
  });

  it('uploads to <folder>/<workspace>/scorecard-<date>.xlsx for the SharePoint tenant only', async () => {
    const dir = tempDir();
    const store = new FakeScheduleStore();
    seed(store, 'home', 'Ops');
    seed(store, 'other', 'Ops');
    const uploads: { driveId: string; path: string; bytes: number }[] = [];
    const graph = { tryUploadFile: async (driveId: string, p: string, content: Uint8Array) => (uploads.push({ driveId, path: p, bytes: content.length }), ok(undefined)) };

    const outcomes = await publishScorecards(
      config(dir, { sharePoint: { tenantId: 'home', driveId: 'drive-9', folder: '/Scorecards/' } }),
      deps(store, { graph }),
      FIRE_AT,
    );

    const file = path.join(dir, 'home', 'Ops', 'scorecard-2024-03-01.xlsx');
    expect(uploads).toEqual([{ driveId: 'drive-9', path: 'Scorecards/Ops/scorecard-2024-03-01.xlsx', bytes: readFileSync(file).length }]);
    expect(outcomes).toEqual([
      { tenantId: 'home', workspace: 'Ops', status: 'written', file, uploaded: 'Scorecards/Ops/scorecard-2024-03-01.xlsx' },
      { tenantId: 'other', workspace: 'Ops', status: 'written', file: path.join(dir, 'other', 'Ops', 'scorecard-2024-03-01.xlsx'), uploaded: null },
    ]);
  });

  it('records a failed upload as data and keeps the written files', async () => {
    const dir = tempDir();
    const store = new FakeScheduleStore();
    seed(store, 'home', 'Ops');
    const failure: GraphFailure = { code: 'throttled', message: 'PUT … answered 429', status: 429 };
    const warnings: string[] = [];
    const outcomes = await publishScorecards(
      config(dir, { sharePoint: { tenantId: 'home', driveId: 'd', folder: 'Scorecards' } }),
      deps(store, { graph: { tryUploadFile: async () => fail(failure) }, log: { ...quiet, warn: (_f, m) => void warnings.push(m) } }),
      FIRE_AT,
    );
    expect(outcomes[0]).toMatchObject({ status: 'written', uploaded: null, uploadError: 'PUT … answered 429' });
    expect(existsSync(path.join(dir, 'home', 'Ops', 'scorecard-latest.xlsx'))).toBe(true);
    expect(warnings).toEqual(['Scorecard written; SharePoint upload failed']);
  });

  it('publishes through msal-node and the Graph stub, offline', async () => {
    const stub = await startGraphStub({ tenantId: 'home', clientId: 'app', clientSecret: 'secret-value', users: {} });
    try {
      const dir = tempDir();
      const store = new FakeScheduleStore();
      seed(store, 'home', 'Ops');
      const graph = new MsalGraphClient({
        tenantId: 'home',
        clientId: 'app',
        clientSecret: 'secret-value',
        authority: stub.authority,
        graphBaseUrl: stub.graphBaseUrl,
        fetch: stub.fetch,
        uploadChunkBytes: UPLOAD_CHUNK_UNIT,
      });
      await publishScorecards(config(dir, { sharePoint: { tenantId: 'home', driveId: 'drive-1', folder: 'Scorecards' } }), deps(store, { graph }), FIRE_AT);
      const uploaded = stub.files.get('drive-1:Scorecards/Ops/scorecard-2024-03-01.xlsx');
      expect(uploaded?.equals(readFileSync(path.join(dir, 'home', 'Ops', 'scorecard-2024-03-01.xlsx')))).toBe(true);
      expect(stub.refused).toEqual([]);
    } finally {
      await stub.close();
    }
  });

  it('runs as a scheduled job: claimed, then written', async () => {
    const dir = tempDir();
    const store = new FakeScheduleStore();
    seed(store, 't', 'w');
    const scheduler = startScheduler(
      [{ name: 'publish-scorecards', cron: '* * * * * *', run: publishScorecardsJob(config(dir), deps(store)) }],
      { store, instanceId: 'a', log: quiet },
    );
    try {
      const deadline = Date.now() + 8_000;
      while (!existsSync(path.join(dir, 't', 'w', 'scorecard-latest.xlsx')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await scheduler.stop();
    }
    expect(store.claims.length).toBeGreaterThanOrEqual(1);
    expect(existsSync(path.join(dir, 't', 'w', 'scorecard-latest.xlsx'))).toBe(true);
  });
});

describe('publishScorecards on the real store (SQLite in memory)', () => {
  it('reads what a sync stored and writes the same scorecard', async () => {
    const store = await openStore({ kind: 'sqlite', file: ':memory:' });
    try {
      const actor = { tenantId: 't', userId: 'u1', email: 'analyst@example.com' };
      await store.ensureWorkspace('t', 'w');
      const push = (sheet: string, kind: SheetKind, rows: { key: string; cells: Record<string, CellValue> }[]) =>
        store.push({
          ref: { tenantId: 't', workspace: 'w', workbook: 'ops.xlsx', sheet },
          kind,
          baseRevision: null,
          mode: 'full',
          rows,
          deletes: [],
          actor,
          idempotencyKey: `create-${sheet}`,
          requestHash: `hash-${sheet}`,
        });
      expect((await push('KPI', 'kpi', storedRows(DEMO_KPI_TABLE, KPI_SPEC, (c) => String(c.name)))).status).toBe('applied');
      const metricKey = (c: Record<string, CellValue>) => `${String(c.period)}|${String(c.department)}|${String(c.metric)}`;
      expect((await push('指标数据', 'metrics', storedRows(DEMO_METRIC_TABLE, METRIC_SPEC, metricKey))).status).toBe('applied');

      const dir = tempDir();
      const outcomes = await publishScorecards(config(dir), { store, pseudonymKey: PSEUDONYM_KEY, tenants: async () => ['t'], log: quiet }, FIRE_AT);

      expect(outcomes).toMatchObject([{ workspace: 'w', status: 'written' }]);
      // The store keeps rows by key, not in sheet order, so the KPIs come back in key order:
      // the same scorecard, listed differently.
      const byText = (a: unknown[], b: unknown[]) => JSON.stringify(a).localeCompare(JSON.stringify(b));
      const rows = await detailRows(path.join(dir, 't', 'w', 'scorecard-2024-03-01.xlsx'));
      expect(rows.sort(byText)).toEqual(expectedRows().sort(byText));
    } finally {
      await store.close();
    }
  });
});
