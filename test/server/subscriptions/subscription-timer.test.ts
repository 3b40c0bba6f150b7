import { startSubscriptionTimer } from '../../../server/subscriptions/subscription-schedule';

/** The timer hands each wake-up's scheduled instant to runDue and survives a failing run. */

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

it('asks for what is due at each firing, as an ISO UTC instant, and goes on after a failure', async () => {
  const asked: string[] = [];
  const errors: string[] = [];
  let calls = 0;
  const timer = startSubscriptionTimer(
    {
      runDue: async (fireAt) => {
        asked.push(fireAt);
        calls += 1;
        if (calls === 1) throw new Error('database away');
        return [];
      },
    },
    { ...silent, error: (_fields, message) => errors.push(message) },
    '* * * * * *',
  );
  try {
    // Two firings, however slowly this machine runs; bounded so a broken timer fails, not hangs.
    for (let waited = 0; asked.length < 2 && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  } finally {
    await timer.stop();
  }
  expect(asked.length).toBeGreaterThanOrEqual(2);
  for (const fireAt of asked) expect(fireAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  expect(new Set(asked).size).toBe(asked.length);
  expect(errors).toContain('Subscription sends failed');
});
