/** A bench case: our code and the raw library doing the same work, on inputs `prepare` made. */
export interface BenchCase {
  readonly name: string;
  readonly description: string;
  /** Our time may be at most target × the baseline's. */
  readonly target: number;
  /** Peak memory limit for our variant, MB; null when the case has none. */
  readonly maxPeakMB: number | null;
  prepare(dir: string): Promise<void>;
  /**
   * Optional, untimed, in the measuring process just before the timed variant: builds inputs
   * that live in memory (a 100k-task plan), so that neither generating them nor reading them from
   * a file is timed. Its result is handed to `ours` or `baseline` as `input`.
   */
  setup?(dir: string): Promise<unknown> | unknown;
  ours(dir: string, input?: unknown): Promise<Record<string, number> | void>;
  baseline(dir: string, input?: unknown): Promise<Record<string, number> | void>;
}
