/**
 * Prints how long the store takes for the bench's pushes (not a test; timing is not asserted):
 *   node dist/test/server/store/measure-push.js [sqlite|postgres] [rows]
 * A full push of `rows` rows × 4 cells creating a sheet, a 10-cell delta on it, a re-push of
 * the same full sheet (nothing changes), and a pull of everything.
 */
import { databaseFactories } from '../../fixtures/databases';
import type { Actor, PushRequest, SyncRow } from '../../../server/store/store-types';

async function main(): Promise<void> {
  const which = process.argv[2] ?? 'sqlite';
  const count = Number(process.argv[3] ?? 100_000);
  const factory = databaseFactories.find((f) => f.name === which);
  if (!factory) throw new Error(`unknown database ${which}`);
  const database = await factory.create();
  try {
    const store = await database.openStore();
    const actor: Actor = { tenantId: 't1', userId: 'u1', email: 'u1@example.com' };
    const ref = { tenantId: 't1', workspace: 'ops', workbook: 'kpi.xlsx', sheet: 'KPI' };
    const rows: SyncRow[] = [];
    for (let i = 0; i < count; i++) {
      rows.push({ key: `KPI-${String((i * 7919) % count).padStart(6, '0')}`, cells: { name: `指标 ${i}`, target: i * 0.1, actual: i % 97, done: i % 3 === 0 } });
    }
    const request = (over: Partial<PushRequest>): PushRequest => ({
      ref, kind: 'kpi', baseRevision: null, mode: 'full', rows, deletes: [], actor,
      idempotencyKey: `k-${Math.random()}`, requestHash: 'h', ...over,
    });

    // Wall time, and the process's CPU time next to it: on a shared machine the wall time
    // also counts other processes' turns.
    const timed = async <T>(run: () => Promise<T>): Promise<[T, number, number]> => {
      const cpu = process.cpuUsage();
      const wall = performance.now();
      const value = await run();
      const used = process.cpuUsage(cpu);
      return [value, performance.now() - wall, (used.user + used.system) / 1000];
    };
    const [full, fullMs, fullCpu] = await timed(() => store.push(request({})));
    if (full.status !== 'applied') throw new Error(`full push: ${full.status}`);

    const delta = rows.slice(0, 10).map((r) => ({ key: r.key, cells: { actual: 1000 } }));
    const [small, deltaMs, deltaCpu] = await timed(() => store.push(request({ baseRevision: 1, mode: 'delta', rows: delta })));
    if (small.status !== 'applied' || small.outcome.changedCells !== 10) throw new Error('delta push failed');

    const again = rows.map((r, i) => (i < 10 ? { key: r.key, cells: { ...r.cells, actual: 1000 } } : r));
    const [same, sameMs, sameCpu] = await timed(() => store.push(request({ baseRevision: 2, rows: again })));
    if (same.status !== 'applied' || same.outcome.changedCells !== 0) throw new Error('unchanged full push changed something');

    const [pulled, pullMs, pullCpu] = await timed(() => store.pull(ref, 0));

    const ms = (wall: number, cpu: number): string => `${wall.toFixed(1)} ms (cpu ${cpu.toFixed(1)} ms)`;
    console.log(`${which}: full push of ${count} rows × 4 cells (new sheet): ${ms(fullMs, fullCpu)}`);
    console.log(`${which}: 10-cell delta push: ${ms(deltaMs, deltaCpu)}, ${((deltaMs / fullMs) * 100).toFixed(2)}% of the full push`);
    console.log(`${which}: unchanged full re-push: ${ms(sameMs, sameCpu)}`);
    console.log(`${which}: pull since 0 (${pulled?.rows.length ?? 0} rows): ${ms(pullMs, pullCpu)}`);
  } finally {
    await database.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
