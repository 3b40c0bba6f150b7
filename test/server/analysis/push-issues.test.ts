import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { workerIssueAnalyser, type IssueAnalyser } from '../../../server/analysis/issue-analyser';
import { createApp, type AppDeps } from '../../../server/app';
import { databaseFactories } from '../../fixtures/databases';
import { BOSS, rows, serviceOn, sheetPath, type Service } from '../../fixtures/service';

/**
 * A push answers the issues of the sheet as stored, however they were computed: on a worker
 * thread while the store writes (main.ts), on the request's thread at the same moment (the
 * test fixture), or after the commit from the stored rows (no analyser; PostgreSQL; callers
 * who see masked rows). Every way must say the same thing about the same sheet.
 */

const sqlite = databaseFactories.find((f) => f.name === 'sqlite')!;

const KPIS = rows(
  { name: '营收', target: 100, weight: '50%', perspective: '财务' },
  { name: '毛利率', target: '二十', weight: '30%', perspective: '财务' },
  { name: '客户满意度', target: 90, weight: '10%', perspective: '客户' },
);
/** A full re-push: one row changed, one left exactly as stored, one new, one dropped. */
const KPIS_AGAIN = rows(
  { name: '营收', target: 120, weight: '50%', perspective: '财务' },
  { name: '毛利率', target: '二十', weight: '30%', perspective: '财务' },
  { name: '准时交付率', target: 0.95, weight: '5%', perspective: '内部流程' },
);

type Ways = Record<'worker' | 'this thread' | 'after commit', ReturnType<typeof createApp>>;

describe('the issues a push answers', () => {
  let service: Service;
  let worker: IssueAnalyser;
  let ways: Ways;
  beforeAll(async () => {
    service = await serviceOn(sqlite);
    worker = workerIssueAnalyser();
    const { issueAnalyser: _inline, ...withoutAnalyser } = service.deps;
    const deps: AppDeps = withoutAnalyser;
    ways = { worker: createApp({ ...deps, issueAnalyser: worker }), 'this thread': service.app, 'after commit': createApp(deps) };
  });
  afterAll(async () => {
    await worker.close();
    await service.close();
  });

  async function push(app: ReturnType<typeof createApp>, sheet: string, body: object, ifMatch: string | null) {
    const res = await request(app)
      .put(sheetPath('ops', 'kpi.xlsx', sheet))
      .set(await service.asUser(BOSS))
      .set('Idempotency-Key', randomUUID())
      .set(ifMatch === null ? 'If-None-Match' : 'If-Match', ifMatch ?? '*')
      .set('Accept-Language', 'zh-CN')
      .send({ kind: 'kpi', mode: 'full', deletes: [], ...body });
    expect(res.status).toBe(200);
    return res.body as { revision: number; issues: { sheet: string; cell: string; code: string; message: string }[] };
  }

  it('are the same whichever way they were computed, for a new sheet and for a full re-push', async () => {
    const answers: Record<string, unknown> = {};
    for (const [way, app] of Object.entries(ways)) {
      const created = await push(app, way, { rows: KPIS }, null);
      const again = await push(app, way, { rows: KPIS_AGAIN }, `"${created.revision}"`);
      answers[way] = [created.issues, again.issues].map((issues) => issues.map((i) => ({ ...i, sheet: 'KPI' })));
    }
    expect(answers['worker']).toEqual(answers['after commit']);
    expect(answers['this thread']).toEqual(answers['after commit']);
    // And they say what a user needs to read: the target that is not a number, the weights that do not add up.
    const [created, again] = answers['worker'] as [{ code: string; message: string }[], { code: string; message: string }[]];
    expect(created.map((i) => i.code)).toEqual(expect.arrayContaining(['kpi.target-invalid', 'kpi.weights-total']));
    expect(again.find((i) => i.code === 'kpi.weights-total')?.message).toMatch(/85/);
  });
});
