import path from 'node:path';
import { createWorkerPool, type WorkerPool, type WorkerPoolOptions } from '../../../server/workers/worker-pool';
import type { PoolTestTask } from '../../fixtures/pool-test-worker';

/**
 * The heavy-work pool on real worker threads (dist/test/fixtures/pool-test-worker.js, built by
 * `npx tsc -b`): answers come back to their own task, each way a thread can fail is an answer
 * with a code and the pool goes on, the queue is bounded, deadlines stop stuck threads.
 */

const SCRIPT = path.resolve(__dirname, '..', '..', '..', 'dist', 'test', 'fixtures', 'pool-test-worker.js');

describe('the worker pool', () => {
  let pool: WorkerPool<PoolTestTask, unknown> | null = null;
  const open = (options: Partial<WorkerPoolOptions> = {}): WorkerPool<PoolTestTask, unknown> =>
    (pool = createWorkerPool<PoolTestTask, unknown>({ script: SCRIPT, size: 2, maxQueue: 10, timeoutMs: 10_000, ...options }));
  afterEach(async () => {
    await pool?.close();
    pool = null;
  });

  it('answers every task with its own answer, on at most `size` threads', async () => {
    const p = open();
    const answers = await Promise.all(Array.from({ length: 9 }, (_, i) => p.run({ op: 'echo', value: { i, text: `任务 ${i}` } })));
    expect(answers).toEqual(Array.from({ length: 9 }, (_, i) => ({ ok: true, value: { echoed: { i, text: `任务 ${i}` } } })));
    expect(p.stats()).toEqual({ size: 2, threads: 2, running: 0, queued: 0 });
  });

  it('moves binary answers across whole', async () => {
    const answer = await open().run({ op: 'bytes', length: 100_000 });
    if (!answer.ok) throw new Error(answer.error.code);
    const bytes = answer.value as Uint8Array;
    expect(bytes.byteLength).toBe(100_000);
    expect(bytes.every((b) => b === 7)).toBe(true);
  });

  it('a task that throws is a task-failed answer with its error; the thread goes on', async () => {
    const p = open({ size: 1 });
    expect(await p.run({ op: 'throw' })).toEqual({ ok: false, error: { code: 'task-failed', name: 'RangeError', message: 'the task failed on purpose' } });
    expect(await p.run({ op: 'echo', value: 1 })).toEqual({ ok: true, value: { echoed: 1 } });
    expect(p.stats().threads).toBe(1);
  });

  it.each([
    ['an uncaught exception', { op: 'crash' } as const, /the thread crashed on purpose/],
    ['process.exit in the thread', { op: 'exit' } as const, /exited with code 3/],
  ])('a thread that dies of %s fails only its own task; the tasks queued behind it are answered', async (_what, task, message) => {
    const p = open({ size: 1 });
    const [died, next, after] = await Promise.all([p.run(task), p.run({ op: 'echo', value: 'next' }), p.run({ op: 'echo', value: 'after' })]);
    expect(died.ok).toBe(false);
    if (died.ok) return;
    expect(died.error.code).toBe('worker-failed');
    expect(died.error.code === 'worker-failed' ? died.error.message : '').toMatch(message);
    expect([next, after]).toEqual([
      { ok: true, value: { echoed: 'next' } },
      { ok: true, value: { echoed: 'after' } },
    ]);
  });

  it('a thread out of memory is a worker-failed answer that says so', async () => {
    const p = open({ size: 1, maxHeapMb: 32 });
    const answer = await p.run({ op: 'allocate' });
    expect(answer).toEqual({ ok: false, error: { code: 'worker-failed', message: 'out of memory (limit 32 MB)' } });
    expect(await p.run({ op: 'echo', value: 'alive' })).toEqual({ ok: true, value: { echoed: 'alive' } });
  });

  it('past its deadline a stuck task is answered timeout, its thread stopped, and the pool serves the next task', async () => {
    const p = open({ size: 1, timeoutMs: 300 });
    const [stuck, waiting] = await Promise.all([p.run({ op: 'hold', ms: 60_000 }), p.run({ op: 'echo', value: 'queued' })]);
    expect(stuck).toEqual({ ok: false, error: { code: 'timeout', limitSeconds: 0.3 } });
    // Queued behind the stuck one for as long as the deadline: answered timeout too, never run late.
    expect(waiting).toEqual({ ok: false, error: { code: 'timeout', limitSeconds: 0.3 } });
    expect(await p.run({ op: 'echo', value: 'fresh' })).toEqual({ ok: true, value: { echoed: 'fresh' } });
  });

  it('refuses a task at once when every thread is busy and the queue is full', async () => {
    const p = open({ size: 1, maxQueue: 2, timeoutMs: 20_000 });
    const running = p.run({ op: 'hold', ms: 400 });
    const queued = [p.run({ op: 'echo', value: 'a' }), p.run({ op: 'echo', value: 'b' })];
    expect(p.stats()).toMatchObject({ running: 1, queued: 2 });
    expect(await p.run({ op: 'echo', value: 'c' })).toEqual({ ok: false, error: { code: 'queue-full', limit: 2 } });
    // The refused one took nothing from the others.
    expect(await running).toEqual({ ok: true, value: 'held' });
    expect(await Promise.all(queued)).toEqual([
      { ok: true, value: { echoed: 'a' } },
      { ok: true, value: { echoed: 'b' } },
    ]);
  });

  it('close answers what is waiting and running with closed, and refuses later tasks', async () => {
    const p = open({ size: 1 });
    const running = p.run({ op: 'hold', ms: 60_000 });
    const queued = p.run({ op: 'echo', value: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await p.close();
    expect(await running).toEqual({ ok: false, error: { code: 'closed' } });
    expect(await queued).toEqual({ ok: false, error: { code: 'closed' } });
    expect(await p.run({ op: 'echo', value: 2 })).toEqual({ ok: false, error: { code: 'closed' } });
  });

  it('refuses a missing script and sizes that are not ones', () => {
    expect(() => createWorkerPool({ script: `${SCRIPT}.missing`, size: 1, maxQueue: 0, timeoutMs: 1 })).toThrow(/not built/);
    expect(() => createWorkerPool({ script: SCRIPT, size: 0, maxQueue: 0, timeoutMs: 1 })).toThrow(RangeError);
    expect(() => createWorkerPool({ script: SCRIPT, size: 1, maxQueue: -1, timeoutMs: 1 })).toThrow(RangeError);
  });
});
