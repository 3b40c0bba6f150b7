/** A bench case: our code and the raw library doing the same work, on inputs `prepare` made. */
export interface BenchCase {
  readonly name: string;
  readonly description: string;
  /** Our time may be at most target × the baseline's. */
  readonly target: number;
  /** Peak memory limit for our variant, MB; null when the case has none. */
  readonly maxPeakMB: number | null;
  prepare(dir: string): Promise<void>;
  ours(dir: string): Promise<Record<string, number> | void>;
  baseline(dir: string): Promise<Record<string, number> | void>;
}
