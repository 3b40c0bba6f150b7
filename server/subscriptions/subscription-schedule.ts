import { Cron } from 'croner';
import { scheduledTime, type JobLog } from '../schedule/scheduler';
import type { SubscriptionService } from './subscription-service';

/**
 * The subscriptions' clock: every instance wakes each minute and asks the service to send what
 * is due at that minute. Subscriptions come and go at run time, so there is one timer for all
 * of them rather than one per cron; the once-only guarantee is the per-subscription claim in
 * the store (claimSubscriptionSend), not this timer. A minute missed while every instance was
 * down is not caught up: a late scorecard sent hours later would mislead more than it helps.
 */
export interface SubscriptionTimer {
  stop(): Promise<void>;
}

export function startSubscriptionTimer(
  service: Pick<SubscriptionService, 'runDue'>,
  log: JobLog,
  /** Every minute; a test may wake it every second ("* * * * * *"). */
  pattern = '* * * * *',
): SubscriptionTimer {
  const running = new Set<Promise<void>>();
  const cron = new Cron(
    pattern,
    {
      timezone: 'UTC',
      protect: () => log.warn({ job: 'subscriptions' }, 'Subscription sends of the previous minute still running; this minute waits for the next'),
      catch: (error) => log.error({ job: 'subscriptions', error: error instanceof Error ? error.name : 'unknown' }, 'Subscription timer crashed'),
    },
    (self: Cron) => {
      const fireAt = scheduledTime(self, new Date());
      if (fireAt === null) return undefined;
      const run = service
        .runDue(fireAt)
        .then(() => undefined)
        .catch((error: unknown) => log.error({ job: 'subscriptions', fireAt, error: error instanceof Error ? error.message : 'unknown' }, 'Subscription sends failed'));
      running.add(run);
      return run.finally(() => running.delete(run));
    },
  );
  return {
    async stop() {
      cron.stop();
      await Promise.allSettled([...running]);
    },
  };
}
