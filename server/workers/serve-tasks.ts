import { parentPort } from 'node:worker_threads';
import type { AnswerMessage, TaskMessage } from './pool-messages';

/** What a task handler answers: the value, and the buffers to move (not copy) to the pool's thread. */
export interface TaskAnswer<Answer> {
  readonly value: Answer;
  readonly transfer?: readonly ArrayBuffer[];
}

/**
 * The worker half of a WorkerPool: runs each task the pool sends with `handle` and answers it.
 * The pool sends a thread one task at a time, so a handler may take the thread for as long as
 * its deadline allows. A thrown error is answered as a failed task (the thread lives on).
 */
export function serveTasks<Task, Answer>(handle: (task: Task) => Promise<TaskAnswer<Answer>> | TaskAnswer<Answer>): void {
  const port = parentPort;
  if (port === null) throw new Error('serveTasks runs in a worker thread');
  port.on('message', (message: TaskMessage<Task>) => {
    void (async () => {
      let reply: AnswerMessage<Answer>;
      let transfer: readonly ArrayBuffer[] = [];
      try {
        const answer = await handle(message.task);
        reply = { id: message.id, ok: true, value: answer.value };
        transfer = answer.transfer ?? [];
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        reply = { id: message.id, ok: false, name: e.name, message: e.message };
      }
      port.postMessage(reply, [...transfer]);
    })();
  });
}
