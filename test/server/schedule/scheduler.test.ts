import { Cron } from 'croner';
import { scheduledTime, startScheduler, validateCron, type JobLog, type Scheduler } from '../../../server/schedule/scheduler';
import { FakeScheduleStore } from '../../fixtures/fake-schedule-store';

const EVERY_SECOND = '* * * * * *';

interface Captured {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

function captureLog(): { log: JobLog; lines: Captured[] } {
  const lines: Captured[] = [];
  const at = (level: Captured['level']) => (fields: Record<string, unknown>, message: string) => lines.push({ level, message, fields });
  return { log: { info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const schedulers: Scheduler[] = [];
afterEach(async () => {
  await Promise.all(schedulers.splice(0).map((s) => s.stop()));
});

describe('validateCron', () => {
  it('accepts five fields (the handbook\'s 05:00 daily) and six (seconds)', () => {
    expect(validateCron('0 5 * * *')).toEqual({ ok: true, value: { expression: '0 5 * * *' } });
    expect(validateCron('0 5 * * *', 'Asia/Shanghai')).toEqual({ ok: true, value: { expression: '0 5 * * *', timezone: 'Asia/Shanghai' } });
    expect(validateCron(EVERY_SECOND).ok).toBe(true);
    expect(validateCron('@daily').ok).toBe(true);
  });

  it('refuses what is not a cron expression, with a reason', () => {
    for (const bad of ['', 'every day at five', '61 * * * *', '0 5 * *', '0 0 5 * * * 2030']) {
      const result = validateCron(bad);
      expect(result).toMatchObject({ ok: false, error: { code: 'cron-invalid' } });
      if (!result.ok) expect(result.error.message).toContain('0 5 * * *');
    }
  });

  it('refuses an unknown time zone', () => {
    expect(validateCron('0 5 * * *', 'Mars/Olympus_Mons')).toMatchObject({ ok: false, error: { code: 'cron-timezone' } });
  });
});

describe('scheduledTime', () => {
  it('is the scheduled minute whatever the wake-up time, in UTC', () => {
    const cron = new Cron('0 5 * * *', { paused: true, timezone: 'Asia/Shanghai' });
    // 05:00 in Shanghai is 21:00 UTC the day before.
    expect(scheduledTime(cron, new Date('2024-03-01T21:00:00.000Z'))).toBe('2024-03-01T21:00:00Z');
    expect(scheduledTime(cron, new Date('2024-03-01T21:00:00.250Z'))).toBe('2024-03-01T21:00:00Z');
    expect(scheduledTime(cron, new Date('2024-03-01T21:00:07.900Z'))).toBe('2024-03-01T21:00:00Z');
    cron.stop();
  });
});

describe('startScheduler', () => {
  it('claims each firing and runs the job with the claimed fireAt', async () => {
    const store = new FakeScheduleStore();
    const { log } = captureLog();
    const runs: string[] = [];
    schedulers.push(startScheduler([{ name: 'tick', cron: EVERY_SECOND, run: async (fireAt) => void runs.push(fireAt) }], { store, instanceId: 'a', log }));

    await waitFor(() => runs.length >= 3, 6_000);

    expect(new Set(runs).size).toBe(runs.length);
    expect(store.claims.slice(0, runs.length).map((c) => c.fireAt)).toEqual(runs);
    expect(store.claims.every((c) => c.job === 'tick' && c.instance === 'a')).toBe(true);
    // Firings of a per-second schedule are whole seconds apart (one, unless the machine stalled).
    const gap = Date.parse(runs[1]!) - Date.parse(runs[0]!);
    expect(gap > 0 && gap % 1000 === 0).toBe(true);
  });

  it('keeps firing after a job fails, and logs the failure', async () => {
    const store = new FakeScheduleStore();
    const { log, lines } = captureLog();
    let calls = 0;
    const run = (): Promise<void> => {
      calls++;
      if (calls === 1) throw new Error('synchronous failure');
      if (calls === 2) return Promise.reject(new Error('asynchronous failure'));
      return Promise.resolve();
    };
    schedulers.push(startScheduler([{ name: 'flaky', cron: EVERY_SECOND, run }], { store, instanceId: 'a', log }));

    await waitFor(() => calls >= 3, 7_000);

    const failures = lines.filter((l) => l.level === 'error' && l.message === 'Scheduled run failed');
    expect(failures.map((f) => f.fields.error)).toEqual(['synchronous failure', 'asynchronous failure']);
    expect(lines.some((l) => l.message === 'Scheduled run finished')).toBe(true);
  });

  it('skips a firing it cannot claim (database down) and runs the next', async () => {
    const store = new FakeScheduleStore();
    store.failClaims = 1;
    const { log, lines } = captureLog();
    const runs: string[] = [];
    schedulers.push(startScheduler([{ name: 'tick', cron: EVERY_SECOND, run: async (f) => void runs.push(f) }], { store, instanceId: 'a', log }));

    await waitFor(() => runs.length >= 1, 5_000);

    expect(lines.some((l) => l.level === 'error' && l.message === 'Could not claim a scheduled run')).toBe(true);
    expect(runs[0]).not.toBe(store.attempts[0]!.fireAt);
  });

  it('runs each firing once with two schedulers on one store', async () => {
    const store = new FakeScheduleStore();
    const runs: { instance: string; fireAt: string }[] = [];
    for (const instance of ['a', 'b']) {
      const { log } = captureLog();
      schedulers.push(startScheduler([{ name: 'publish', cron: EVERY_SECOND, run: async (fireAt) => void runs.push({ instance, fireAt }) }], { store, instanceId: instance, log }));
    }

    // Three firings both instances have competed for.
    const contested = () => {
      const byFireAt = new Map<string, Set<string>>();
      for (const a of store.attempts) byFireAt.set(a.fireAt, (byFireAt.get(a.fireAt) ?? new Set()).add(a.instance));
      return [...byFireAt.entries()].filter(([, who]) => who.size === 2).map(([fireAt]) => fireAt);
    };
    await waitFor(() => contested().length >= 3, 7_000);
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));

    for (const fireAt of contested()) {
      expect(runs.filter((r) => r.fireAt === fireAt)).toHaveLength(1);
      expect(store.claims.filter((c) => c.fireAt === fireAt)).toHaveLength(1);
    }
    expect(runs).toHaveLength(store.claims.length);
  });

  it('stop() waits for the running job and ends the schedule', async () => {
    const store = new FakeScheduleStore();
    const { log } = captureLog();
    let started = 0;
    let finished = 0;
    const scheduler = startScheduler(
      [{ name: 'slow', cron: EVERY_SECOND, run: async () => { started++; await new Promise((r) => setTimeout(r, 400)); finished++; } }],
      { store, instanceId: 'a', log },
    );
    await waitFor(() => started >= 1, 5_000);
    await scheduler.stop();
    expect(finished).toBe(started);
    const after = store.attempts.length;
    await new Promise((r) => setTimeout(r, 1_200));
    expect(store.attempts.length).toBe(after);
  });

  it('refuses two jobs with one name, and an invalid expression, as bugs', () => {
    const { log } = captureLog();
    const store = new FakeScheduleStore();
    const run = async () => undefined;
    expect(() => startScheduler([{ name: 'x', cron: '0 5 * * *', run }, { name: 'x', cron: '0 6 * * *', run }], { store, instanceId: 'a', log })).toThrow(/named "x"/);
    expect(() => startScheduler([{ name: 'x', cron: 'nonsense', run }], { store, instanceId: 'a', log })).toThrow(/not a cron expression/);
  });

  it('reports when each job fires next', () => {
    const { log } = captureLog();
    const scheduler = startScheduler([{ name: 'daily', cron: '0 5 * * *', timezone: 'UTC', run: async () => undefined }], { store: new FakeScheduleStore(), instanceId: 'a', log });
    schedulers.push(scheduler);
    expect(scheduler.nextRuns().daily).toMatch(/T05:00:00\.000Z$/);
  });
});
