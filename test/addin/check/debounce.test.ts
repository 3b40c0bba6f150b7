import { debounceDistinct, type Timers } from '../../../addin/check/debounce';

function handTimers(): Timers & { fire(): void; count(): number } {
  const pending = new Map<number, () => void>();
  let next = 1;
  return {
    setTimeout(fn) {
      pending.set(next, fn);
      return next++;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
    fire() {
      const fns = [...pending.values()];
      pending.clear();
      fns.forEach((fn) => fn());
    },
    count: () => pending.size,
  };
}

describe('debounceDistinct', () => {
  it('hands over the distinct items of a burst once, after the pause', () => {
    const timers = handTimers();
    const calls: string[][] = [];
    const d = debounceDistinct<string>((items) => calls.push(items), 400, timers);
    d.push('KPI');
    d.push('Plan');
    d.push('KPI');
    expect(timers.count()).toBe(1);
    expect(d.pending).toBe(2);
    timers.fire();
    expect(calls).toEqual([['KPI', 'Plan']]);
    expect(d.pending).toBe(0);
  });

  it('flushes now, and cancels without calling', () => {
    const timers = handTimers();
    const calls: string[][] = [];
    const d = debounceDistinct<string>((items) => calls.push(items), 400, timers);
    d.push('A');
    d.flush();
    d.push('B');
    d.cancel();
    timers.fire();
    d.flush();
    expect(calls).toEqual([['A']]);
  });
});
