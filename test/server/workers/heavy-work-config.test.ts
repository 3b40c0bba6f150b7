import { availableParallelism } from 'node:os';
import { loadConfig } from '../../../server/config';

/** HEAVY_WORKERS and HEAVY_QUEUE_MAX: their defaults, and values refused with the variable named. */
describe('the heavy-work pool settings', () => {
  it('default to the machine\'s cores and a queue of 64', () => {
    const r = loadConfig({}, '/srv/app');
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.heavyWork).toEqual({ threads: Math.max(1, availableParallelism()), maxQueue: 64 });
  });

  it('take whole numbers in range', () => {
    const r = loadConfig({ HEAVY_WORKERS: '3', HEAVY_QUEUE_MAX: '0' }, '/srv/app');
    expect(r.ok && r.value.heavyWork).toEqual({ threads: 3, maxQueue: 0 });
  });

  it.each([
    ['HEAVY_WORKERS', '0'],
    ['HEAVY_WORKERS', '65'],
    ['HEAVY_WORKERS', 'two'],
    ['HEAVY_QUEUE_MAX', '-1'],
    ['HEAVY_QUEUE_MAX', '1.5'],
  ])('refuse %s=%s, naming the variable', (variable, value) => {
    const r = loadConfig({ [variable]: value }, '/srv/app');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.map((p) => p.variable)).toEqual([variable]);
  });
});
