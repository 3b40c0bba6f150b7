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
  setup?(dir: string, variant: 'ours' | 'baseline'): Promise<unknown> | unknown;
  /**
   * Optional: numbers besides the time that both variants return (`{ syncs: 3 }`) and the
   * report shows for both — for a case whose point is a count rather than a time.
   */
  readonly reports?: readonly string[];
  /** Optional: the most each reported number of ours may be for the case to be met. */
  readonly reportLimits?: Readonly<Record<string, number>>;
  /**
   * A variant may return `ms` itself, replacing the wall time around it with what it measured
   * (a browser's own clock: the time to interactive of a page, not the time to drive the browser).
   */
  ours(dir: string, input?: unknown): Promise<Record<string, number> | void>;
  baseline(dir: string, input?: unknown): Promise<Record<string, number> | void>;
}
