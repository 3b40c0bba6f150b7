import { LaneQueue, type LaneRunner, type Settled } from '../../../server/store/sheet-queue';

/** A runner whose runs wait until the test lets them finish, recording what each run took. */
function gatedRunner(mayJoin?: LaneRunner<string, string>['mayJoin']) {
  const runs: string[][] = [];
  const gates: Array<() => void> = [];
  const runner: LaneRunner<string, string> = {
    async run(items) {
      runs.push([...items]);
      await new Promise<void>((resolve) => gates.push(resolve));
      return items.map((item): Settled<string> => (item.startsWith('bad') ? { ok: false, error: new Error(item) } : { ok: true, value: `done ${item}` }));
    },
    ...(mayJoin ? { mayJoin } : {}),
  };
  const openNext = async (): Promise<void> => {
    while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve));
    gates.shift()!();
  };
  return { runner, runs, openNext };
}

describe('LaneQueue (one FIFO per sheet in front of its pushes)', () => {
  it('runs one lane in arrival order, taking what waited together, and other lanes in parallel', async () => {
    const { runner, runs, openNext } = gatedRunner();
    const queue = new LaneQueue(runner, 3);
    const answers: string[] = [];
    const sent = ['a1', 'a2', 'a3', 'a4', 'a5'].map((item) => queue.enqueue('A', item).then((v) => answers.push(v)));
    const other = queue.enqueue('B', 'b1').then((v) => answers.push(v));
    // The first item of each lane starts at once and alone; lane B does not wait for lane A.
    expect(runs).toEqual([['a1'], ['b1']]);
    expect(queue.depth('A')).toBe(5);

    await openNext(); // a1
    await openNext(); // b1
    await openNext(); // a2..a4, taken together (at most 3)
    await openNext(); // a5
    await Promise.all([...sent, other]);
    expect(runs).toEqual([['a1'], ['b1'], ['a2', 'a3', 'a4'], ['a5']]);
    expect(answers).toEqual(['done a1', 'done b1', 'done a2', 'done a3', 'done a4', 'done a5']);
    expect(queue.depth('A')).toBe(0);
  });

  it('answers each item its own failure, and a run that throws fails only the items it took', async () => {
    let calls = 0;
    const queue = new LaneQueue<string, string>(
      {
        run(items) {
          calls += 1;
          if (calls === 2) return Promise.reject(new Error('the run broke'));
          return Promise.resolve(items.map((item): Settled<string> => (item === 'bad' ? { ok: false, error: new Error('bad item') } : { ok: true, value: item })));
        },
      },
      2,
    );
    const results = await Promise.allSettled([queue.enqueue('A', 'x'), queue.enqueue('A', 'y'), queue.enqueue('A', 'z'), queue.enqueue('A', 'bad'), queue.enqueue('A', 'w')]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['x', 'the run broke', 'the run broke', 'bad item', 'w']);
  });

  it('stops a batch at an item that may not join it', async () => {
    const { runner, runs, openNext } = gatedRunner((taken, next) => !taken.includes(next));
    const queue = new LaneQueue(runner, 10);
    const sent = ['k1', 'k2', 'k1', 'k3'].map((item) => queue.enqueue('A', item));
    sent.push(queue.enqueue('A', 'k4'));
    // k1 runs alone (it found the lane idle); the rest go together: the second k1 meets no k1
    // in the batch it joins.
    for (let i = 0; i < 2; i++) await openNext();
    await Promise.all(sent);
    expect(runs).toEqual([['k1'], ['k2', 'k1', 'k3', 'k4']]);

    // Here the second k6 would meet the first: it waits for the next batch.
    const again = ['k5', 'k6', 'k6', 'k7'].map((item) => queue.enqueue('A', item));
    for (let i = 0; i < 3; i++) await openNext();
    await Promise.all(again);
    expect(runs.slice(2)).toEqual([['k5'], ['k6'], ['k6', 'k7']]);
  });

  it('refuses a batch size that is not a positive integer', () => {
    expect(() => new LaneQueue({ run: () => Promise.resolve([]) }, 0)).toThrow('maxBatch');
  });
});
