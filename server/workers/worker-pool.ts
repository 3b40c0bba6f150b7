import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { fail, ok, type Result } from '../../shared/result';
import type { AnswerMessage, TaskMessage } from './pool-messages';

/**
 * A small pool of worker threads for the service's heavy work (a scorecard computed, a workbook
 * written), so that the thread that answers HTTP — /healthz, pulls, pushes — never runs it.
 *
 * - `size` threads at most, started on first need and kept (unref'd while idle, so they never
 *   hold a process that is otherwise done). Each thread runs one task at a time.
 * - A bounded queue: past `maxQueue` waiting tasks a new one is refused at once ('queue-full'),
 *   so an overload is answered quickly instead of piling up memory and latency.
 * - A deadline per task, queue time included: past `timeoutMs` the task is answered 'timeout',
 *   and if it was running its thread is stopped (it may be stuck) and replaced when next needed.
 * - A thread that dies (an uncaught error, out of memory, process.exit) fails its task with
 *   'worker-failed'; the pool goes on with a fresh thread. The service never goes down with it.
 *   A task that throws is 'task-failed', and its thread goes on.
 *
 * Expected failures are data: `run` resolves with a Result and never rejects.
 */

export type PoolFailure =
  | { readonly code: 'queue-full'; readonly limit: number }
  | { readonly code: 'timeout'; readonly limitSeconds: number }
  /** The thread died (an uncaught error, out of memory, an exit): a message for the log. */
  | { readonly code: 'worker-failed'; readonly message: string }
  /** The task threw (a bug, never a user's data); its thread lives on. */
  | { readonly code: 'task-failed'; readonly name: string; readonly message: string }
  | { readonly code: 'closed' };

export interface WorkerPoolOptions {
  /** The worker's compiled entry; it calls serveTasks(). */
  readonly script: string;
  /** Threads at most (≥ 1). */
  readonly size: number;
  /** Tasks that may wait for a free thread; one more is refused (≥ 0). */
  readonly maxQueue: number;
  /** The longest a task may take from `run` to its answer. */
  readonly timeoutMs: number;
  /** Each thread's old-generation heap limit. */
  readonly maxHeapMb?: number;
  /** Handed to every thread as `workerData` (plain data: a database file to open, say). */
  readonly workerData?: unknown;
}

export interface PoolStats {
  readonly size: number;
  /** Threads alive now. */
  readonly threads: number;
  readonly running: number;
  readonly queued: number;
}

export interface WorkerPool<Task, Answer> {
  run(task: Task, transfer?: readonly ArrayBuffer[]): Promise<Result<Answer, PoolFailure>>;
  stats(): PoolStats;
  /** Answers every waiting and running task 'closed' and stops the threads. */
  close(): Promise<void>;
}

interface Job<Task, Answer> {
  readonly id: number;
  readonly task: Task;
  readonly transfer: readonly ArrayBuffer[];
  readonly settle: (result: Result<Answer, PoolFailure>) => void;
  timer?: NodeJS.Timeout;
  slot?: Slot<Task, Answer>;
}

interface Slot<Task, Answer> {
  readonly worker: Worker;
  job: Job<Task, Answer> | null;
  dead: boolean;
}

export function createWorkerPool<Task, Answer>(options: WorkerPoolOptions): WorkerPool<Task, Answer> {
  if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError(`worker pool size must be a whole number ≥ 1, not ${options.size}`);
  if (!Number.isInteger(options.maxQueue) || options.maxQueue < 0) throw new RangeError(`worker pool queue must be a whole number ≥ 0, not ${options.maxQueue}`);
  if (!existsSync(options.script)) throw new Error(`worker script not built: ${options.script} (run tsc -b)`);

  const slots: Slot<Task, Answer>[] = [];
  const queue: Job<Task, Answer>[] = [];
  let nextId = 1;
  let closed = false;
  const limitSeconds = Math.round(options.timeoutMs / 100) / 10;

  const finish = (job: Job<Task, Answer>, result: Result<Answer, PoolFailure>): void => {
    clearTimeout(job.timer);
    job.settle(result);
  };

  /** A thread is gone (or stopped): out of the pool, its task failed with `failure`. */
  const retire = (slot: Slot<Task, Answer>, failure: PoolFailure): void => {
    if (slot.dead) return;
    slot.dead = true;
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
    const job = slot.job;
    slot.job = null;
    if (job !== null) finish(job, fail(failure));
    void slot.worker.terminate();
    dispatch();
  };

  const start = (): Slot<Task, Answer> => {
    const worker = new Worker(options.script, {
      ...(options.maxHeapMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb } }),
      ...(options.workerData === undefined ? {} : { workerData: options.workerData }),
    });
    const slot: Slot<Task, Answer> = { worker, job: null, dead: false };
    worker.on('message', (reply: AnswerMessage<Answer>) => {
      const job = slot.job;
      if (job === null || job.id !== reply.id) return;
      slot.job = null;
      worker.unref();
      finish(job, reply.ok ? ok(reply.value) : fail({ code: 'task-failed', name: reply.name, message: reply.message }));
      dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      retire(slot, { code: 'worker-failed', message: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `out of memory (limit ${options.maxHeapMb ?? 'default'} MB)` : `${error.name}: ${error.message}` });
    });
    worker.on('exit', (code) => retire(slot, { code: 'worker-failed', message: `the worker thread exited with code ${code}` }));
    worker.unref();
    slots.push(slot);
    return slot;
  };

  /** Hands waiting tasks to idle threads, starting threads up to `size`. */
  function dispatch(): void {
    while (queue.length > 0 && !closed) {
      const slot = slots.find((s) => s.job === null && !s.dead) ?? (slots.length < options.size ? start() : null);
      if (slot === null) return;
      const job = queue.shift()!;
      slot.job = job;
      job.slot = slot;
      // Held while a task is out, so the process waits for the answer it is owed.
      slot.worker.ref();
      const message: TaskMessage<Task> = { id: job.id, task: job.task };
      slot.worker.postMessage(message, [...job.transfer]);
    }
  }

  const onDeadline = (job: Job<Task, Answer>): void => {
    const failure: PoolFailure = { code: 'timeout', limitSeconds };
    const waiting = queue.indexOf(job);
    if (waiting >= 0) {
      queue.splice(waiting, 1);
      finish(job, fail(failure));
      return;
    }
    // Running: the thread may be stuck in it; only stopping the thread ends it.
    if (job.slot !== undefined && job.slot.job === job) retire(job.slot, failure);
  };

  return {
    run(task, transfer = []) {
      if (closed) return Promise.resolve(fail({ code: 'closed' }));
      const idle = slots.some((s) => s.job === null && !s.dead) || slots.length < options.size;
      if (!idle && queue.length >= options.maxQueue) return Promise.resolve(fail({ code: 'queue-full', limit: options.maxQueue }));
      return new Promise((settle) => {
        const job: Job<Task, Answer> = { id: nextId++, task, transfer, settle };
        job.timer = setTimeout(() => onDeadline(job), options.timeoutMs);
        job.timer.unref();
        queue.push(job);
        dispatch();
      });
    },
    stats() {
      return { size: options.size, threads: slots.length, running: slots.filter((s) => s.job !== null).length, queued: queue.length };
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) finish(job, fail({ code: 'closed' }));
      const stopping = slots.splice(0).map((slot) => {
        slot.dead = true;
        if (slot.job !== null) finish(slot.job, fail({ code: 'closed' }));
        slot.job = null;
        return slot.worker.terminate();
      });
      await Promise.all(stopping);
    },
  };
}
