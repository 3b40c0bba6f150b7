import { Cron } from 'croner';
import { fail, ok, type Result } from '../../shared/result';
import type { Store } from '../store/store-types';

/** Structured log lines (pino's call shape), so a pino logger can be passed as it is. */
export interface JobLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface ScheduledJob {
  /** Unique among jobs: with the firing time, it is what instances compete to claim. */
  readonly name: string;
  /** Five fields (minute precision, as in crontab) or six (a leading seconds field). */
  readonly cron: string;
  /** IANA zone the expression is read in ("Asia/Shanghai"); the machine's zone when absent. */
  readonly timezone?: string;
  /** Runs once per firing, in the one instance that claimed it. */
  run(fireAt: string): Promise<void>;
}

export interface SchedulerDeps {
  readonly store: Pick<Store, 'claimScheduledRun'>;
  /** Names this process in the claims table: host and pid, or a container id. */
  readonly instanceId: string;
  readonly log: JobLog;
}

export interface Scheduler {
  /** Stops every timer and waits for the jobs that are running to finish. */
  stop(): Promise<void>;
  /** When each job fires next, for /readyz and logs. */
  nextRuns(): Record<string, string | null>;
}

export interface CronError {
  readonly code: 'cron-invalid' | 'cron-timezone' | 'cron-never-fires';
  readonly message: string;
}

/**
 * 5 or 6 fields only: the 7th (years) invites schedules that silently stop firing, and a
 * single source of truth for the accepted syntax keeps validation and scheduling in step.
 */
const CRON_MODE = '5-or-6-parts' as const;

/** For the config module: the expression and zone a scheduler would accept, or why not. */
export function validateCron(expression: string, timezone?: string): Result<{ expression: string; timezone?: string }, CronError> {
  if (timezone !== undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    } catch {
      return fail({ code: 'cron-timezone', message: `"${timezone}" is not an IANA time zone such as Asia/Shanghai` });
    }
  }
  let job: Cron | null = null;
  try {
    job = new Cron(expression, { paused: true, mode: CRON_MODE, ...(timezone === undefined ? {} : { timezone }) });
    if (job.nextRun() === null) return fail({ code: 'cron-never-fires', message: `"${expression}" never fires` });
  } catch (error) {
    const why = error instanceof Error ? error.message.replace(/^CronPattern: /, '') : String(error);
    return fail({ code: 'cron-invalid', message: `"${expression}" is not a cron expression (5 or 6 fields, e.g. "0 5 * * *" for 05:00 daily): ${why}` });
  } finally {
    job?.stop();
  }
  return ok(timezone === undefined ? { expression } : { expression, timezone });
}

/**
 * Runs named jobs on their cron schedules. Every instance of the service runs a scheduler; at
 * each firing they all ask the store to claim (job, fireAt) and only the winner runs the job, so
 * a schedule fires once however many instances there are. fireAt is the scheduled time, not the
 * moment the timer woke up, so it is the same string in every instance.
 *
 * A job's failure is logged and the schedule goes on; `protect` skips a firing while the
 * previous run of the same job is still going in this process.
 */
export function startScheduler(jobs: readonly ScheduledJob[], deps: SchedulerDeps): Scheduler {
  const names = new Set<string>();
  for (const job of jobs) {
    if (names.has(job.name)) throw new Error(`Two scheduled jobs are named "${job.name}"`);
    names.add(job.name);
    // Config validated the expression; an invalid one here is a bug, and it should be loud.
    const valid = validateCron(job.cron, job.timezone);
    if (!valid.ok) throw new Error(`Scheduled job "${job.name}": ${valid.error.message}`);
  }

  const running = new Set<Promise<void>>();
  const crons = jobs.map((job) =>
    new Cron(
      job.cron,
      {
        mode: CRON_MODE,
        ...(job.timezone === undefined ? {} : { timezone: job.timezone }),
        protect: () => deps.log.warn({ job: job.name }, 'Scheduled job still running; this firing is skipped'),
        // fire() catches everything; this is the net under the net.
        catch: (error) => deps.log.error({ job: job.name, error: describe(error) }, 'Scheduled job crashed'),
      },
      (cron: Cron) => {
        const run = fire(job, cron, deps);
        running.add(run);
        return run.finally(() => running.delete(run));
      },
    ),
  );

  return {
    async stop() {
      for (const cron of crons) cron.stop();
      await Promise.allSettled([...running]);
    },
    nextRuns() {
      const out: Record<string, string | null> = {};
      jobs.forEach((job, i) => {
        out[job.name] = crons[i]?.nextRun()?.toISOString() ?? null;
      });
      return out;
    },
  };
}

async function fire(job: ScheduledJob, cron: Cron, deps: SchedulerDeps): Promise<void> {
  const fireAt = scheduledTime(cron, new Date());
  if (fireAt === null) return;
  let claimed: boolean;
  try {
    claimed = await deps.store.claimScheduledRun(job.name, fireAt, deps.instanceId);
  } catch (error) {
    // The database is down: no instance can claim, so no instance runs; the next firing retries.
    deps.log.error({ job: job.name, fireAt, error: describe(error) }, 'Could not claim a scheduled run');
    return;
  }
  if (!claimed) {
    deps.log.info({ job: job.name, fireAt }, 'Scheduled run claimed by another instance');
    return;
  }
  const started = Date.now();
  deps.log.info({ job: job.name, fireAt, instance: deps.instanceId }, 'Scheduled run started');
  try {
    // Through a promise, so that a job that throws synchronously is caught the same way.
    await Promise.resolve().then(() => job.run(fireAt));
    deps.log.info({ job: job.name, fireAt, ms: Date.now() - started }, 'Scheduled run finished');
  } catch (error) {
    deps.log.error({ job: job.name, fireAt, ms: Date.now() - started, error: describe(error) }, 'Scheduled run failed');
  }
}

/**
 * The firing this wake-up belongs to: the latest scheduled time not after now. croner never
 * wakes early, and a late wake-up (a busy event loop) still maps to the time it was due, which
 * is what makes the claim key identical across instances. ISO UTC to the second; for a
 * five-field expression the seconds are always :00, i.e. minute precision.
 */
export function scheduledTime(cron: Cron, now: Date): string | null {
  // previousRuns looks strictly before its reference; 1 ms later includes a run due exactly now.
  const due = cron.previousRuns(1, new Date(now.getTime() + 1))[0];
  return due ? formatFireAt(due) : null;
}

export function formatFireAt(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
