/**
 * What crosses between the worker pool (worker-pool.ts) and its threads (serve-tasks.ts): one
 * task out, one answer back, matched by id. Plain data only (structured clone); big binary
 * answers travel as transferred ArrayBuffers, not copies.
 */
export interface TaskMessage<Task> {
  readonly id: number;
  readonly task: Task;
}

export type AnswerMessage<Answer> =
  | { readonly id: number; readonly ok: true; readonly value: Answer }
  /** The task threw: a bug, never a user's data. Name and message only. */
  | { readonly id: number; readonly ok: false; readonly name: string; readonly message: string };
