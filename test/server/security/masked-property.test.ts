import fc from 'fast-check';
import request from 'supertest';
import type { SheetKind } from '../../../shared/kinds/sheet-kind';
import type { CellValue } from '../../../shared/table/grid';
import { databaseFactories } from '../../fixtures/databases';
import { BOSS, matrix, rows, serviceOn, type Cells, type Headers, type Service } from '../../fixtures/service';

/**
 * The property behind issue #19: for random sheets, fields and roles, no value a masked caller
 * receives on any route — pull, history, the conflicts of a stale push, users, the scorecard —
 * equals a core value in clear, and a masked caller's round trip (pull, push back unchanged)
 * changes nothing. Core values are generated (mainland mobiles, ID-card and bank-card numbers,
 * e-mail addresses, street addresses) and planted in kind columns, in extra fields under names
 * the classification names, names it does not (caught by aliases or failing closed), and inside
 * free text. Bounded: a few dozen random workspaces per store, fixed seed.
 */

const ANALYST = 'analyst@example.com';
const CLERK = 'clerk@example.com';

const MATRIX = matrix(
  ['系统管理员', '全局数据', '查看、导出、分析、修改、删除', BOSS],
  ['数据分析师', '全局数据(脱敏)', '查看、导出、分析', ANALYST],
  ['数据录入员', '全局数据(脱敏)', '查看、修改', CLERK],
);
const CLASSIFICATION = rows(
  { field: '手机号', class: '核心', masking: '哈希' },
  { field: '地址', class: '核心', masking: '只保留省份' },
  { field: '负责人', class: '核心', masking: '哈希' },
);

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const mobile = fc.tuple(fc.constantFrom('13', '15', '17', '18', '19'), digits(9)).map(([a, b]) => a + b);
const idCard = fc.tuple(fc.constantFrom('110101', '440305', '330106'), digits(8), digits(3), fc.constantFrom('X', '7', '0')).map((p) => p.join(''));
const bankCard = fc.tuple(fc.constantFrom('6222', '6217', '4392'), digits(12)).map(([a, b]) => a + b);
const email = fc.tuple(fc.stringMatching(/^[a-z]{4,8}$/), fc.constantFrom('example.com', 'corp.cn')).map(([u, d]) => `${u}.secret@${d}`);
const street = fc.tuple(fc.constantFrom('广东省广州市', '浙江省杭州市', '北京市朝阳区'), fc.stringMatching(/^[a-z]{5,8}$/)).map(([p, s]) => `${p}${s}路88号`);
/** The secret part of a value: what must never be seen in clear. */
interface Core {
  readonly value: string;
  readonly secret: string;
}
const core: fc.Arbitrary<Core> = fc.oneof(
  mobile.map((v) => ({ value: v, secret: v })),
  idCard.map((v) => ({ value: v, secret: v })),
  bankCard.map((v) => ({ value: v, secret: v })),
  email.map((v) => ({ value: v, secret: v })),
  street.map((v) => ({ value: v, secret: v.slice(6) })),
  mobile.map((v) => ({ value: `请致电 ${v} 联系`, secret: v })),
);

/** Extra field names: classified, caught by an alias, or unknown (fail closed). */
const EXTRA_FIELDS = ['phone', 'mobile_no', 'tel_no', 'address', 'home_address', 'id_no', 'id_number', 'bank_card', 'email', 'remark', 'custom_text', 'contactInfo'];

interface Plan {
  readonly kind: SheetKind;
  readonly rows: Cells[];
  readonly secrets: string[];
}

function kindCells(kind: SheetKind, i: number, owner: string): Cells {
  switch (kind) {
    case 'kpi':
      return { name: `指标${i}`, target: '≥1', weight: 1, owner };
    case 'metrics':
      return { period: '2024-03', department: '华东', metric: `指标${i}`, value: i + 1 };
    default:
      return { task: `任务${i}`, owner, start: '2024-03-01', end: '2024-03-05' };
  }
}

const plan: fc.Arbitrary<Plan> = fc
  .record({
    kind: fc.constantFrom<SheetKind>('kpi', 'metrics', 'gantt'),
    rows: fc.array(fc.record({ owner: core, extras: fc.array(fc.tuple(fc.constantFrom(...EXTRA_FIELDS), core), { maxLength: 3 }) }), { minLength: 1, maxLength: 4 }),
  })
  .map(({ kind, rows: generated }) => {
    const secrets: string[] = [];
    const out = generated.map((g, i) => {
      const cells: Record<string, CellValue> = { ...kindCells(kind, i, g.owner.value) };
      if (kind !== 'metrics') secrets.push(g.owner.secret);
      for (const [field, value] of g.extras) {
        if (field in cells) continue;
        cells[field] = value.value;
        secrets.push(value.secret);
      }
      return cells;
    });
    return { kind, rows: out, secrets };
  });

describe.each(databaseFactories)('masked callers never receive a core value in clear, on $name', (factory) => {
  const WS = 'prop';
  let service: Service;
  let boss: Headers;
  let analyst: Headers;
  let clerk: Headers;
  let run = 0;

  beforeAll(async () => {
    service = await serviceOn(factory);
    boss = await service.asUser(BOSS);
    analyst = await service.asUser(ANALYST);
    clerk = await service.asUser(CLERK);
    await service.push(boss, WS, 'access.xlsx', '权限矩阵', { kind: 'permissions', rows: MATRIX }, { ifMatch: null }).expect(200);
    await service.push(boss, WS, 'access.xlsx', '数据分类', { kind: 'classification', rows: CLASSIFICATION }, { ifMatch: null }).expect(200);
  });
  afterAll(() => service.close());

  it('on every route, and a masked round trip changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        const workbook = `wb${run++}.xlsx`;
        const sheet = 'S';
        await service.push(boss, WS, workbook, sheet, { kind: p.kind, rows: rows(...p.rows) }, { ifMatch: null }).expect(200);
        const answers: request.Response[] = [];

        // Pull, as both masked roles.
        const pulled = await service.pull(clerk, WS, workbook, sheet).expect(200);
        answers.push(pulled, await service.pull(analyst, WS, workbook, sheet).expect(200));

        // History of every field of the first row, by the key the masked caller was shown.
        const first = pulled.body.rows[0] as { key: string; cells: Cells };
        for (const field of Object.keys(first.cells)) answers.push(await service.history(analyst, WS, workbook, sheet, first.key, field).expect(200));

        // A masked round trip: pushed back unchanged, nothing changes for anyone.
        const back = await service.push(clerk, WS, workbook, sheet, { kind: p.kind, rows: pulled.body.rows.map((r: { cells: Cells }) => ({ cells: r.cells })) }, { ifMatch: 1 }).expect(200);
        answers.push(back);
        if (back.body.changedCells !== 0) throw new Error(`a masked round trip changed ${back.body.changedCells} cells`);
        const stored = await service.pull(boss, WS, workbook, sheet).expect(200);
        const storedCells = stored.body.rows.map((r: { cells: Cells }) => r.cells);
        for (const r of p.rows) if (!storedCells.some((c: Cells) => JSON.stringify(Object.entries(c).sort()) === JSON.stringify(Object.entries(r).sort()))) throw new Error('a stored row changed');

        // A stale masked push: the administrator changes every extra field of the first row, then
        // the clerk edits the same fields from revision 1 — conflicts whose theirs/original are core.
        const extraFields = Object.keys(p.rows[0]!).filter((f) => EXTRA_FIELDS.includes(f));
        if (extraFields.length > 0) {
          const keyCells = kindCells(p.kind, 0, p.rows[0]!['owner'] as string);
          const keyOnly = Object.fromEntries(Object.entries(keyCells).filter(([f]) => ['name', 'task', 'period', 'department', 'metric'].includes(f)));
          const theirs = { ...keyOnly, ...Object.fromEntries(extraFields.map((f) => [f, '13999999999'])) };
          await service.push(boss, WS, workbook, sheet, { kind: p.kind, mode: 'delta', rows: rows(theirs) }, { ifMatch: stored.body.revision }).expect(200);
          const mine = { ...keyOnly, ...Object.fromEntries(extraFields.map((f) => [f, 'changed by the clerk'])) };
          answers.push(await service.push(clerk, WS, workbook, sheet, { kind: p.kind, mode: 'delta', rows: rows(mine) }, { ifMatch: stored.body.revision }).expect(200));
          p.secrets.push('13999999999');
        }

        answers.push(await request(service.app).get(`/api/v1/workspaces/${WS}/scorecard`).set(analyst).expect(200));

        answers.forEach((res, i) => {
          const text = `${JSON.stringify(res.headers)}\n${res.text}`;
          const seen = p.secrets.filter((s) => text.includes(s));
          if (seen.length > 0) throw new Error(`a masked caller received ${JSON.stringify(seen)} in clear (answer ${i}: ${text.slice(0, 300)})`);
        });
      }),
      { numRuns: 12, seed: 19019, endOnFailure: true },
    );
  });

  it('synced users with random fields leave masked, JSON and CSV', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('地址1', '家庭住址', 'tel_no', '银行卡号', '联系邮箱', '备注', 'id_no', 'birthday'), core), { minLength: 1, maxLength: 5 }), async (fields) => {
        const id = `u${run++}`;
        const user: Record<string, CellValue> = { user_id: id, phone: '13512345678', registered_at: '2024-01-01T00:00:00Z' };
        const secrets = ['13512345678'];
        for (const [name, value] of fields) {
          if (name in user) continue;
          user[name] = value.value;
          secrets.push(value.secret);
        }
        await request(service.app)
          .post('/api/v1/user/sync')
          .query({ workspace: WS })
          .set(boss)
          .send({ user_ids: [id], data_source: 'CRM', timestamp: '2024-01-01T00:00:00Z', users: [user] })
          .expect(200);
        for (const route of ['users?limit=1000', 'users.csv']) {
          const res = await request(service.app).get(`/api/v1/workspaces/${WS}/${route}`).set(analyst).expect(200);
          const seen = secrets.filter((s) => res.text.includes(s));
          if (seen.length > 0) throw new Error(`GET ${route} gave ${JSON.stringify(seen)} in clear`);
        }
      }),
      { numRuns: 12, seed: 19020, endOnFailure: true },
    );
  });
});
