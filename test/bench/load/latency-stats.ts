/** Latencies of one route in one scenario, and what the bench prints of them. */
export class RouteStats {
  readonly latencies: number[] = [];
  readonly statuses = new Map<number, number>();

  add(status: number, ms: number): void {
    this.latencies.push(ms);
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  merge(other: RouteStats): void {
    this.latencies.push(...other.latencies);
    for (const [s, n] of other.statuses) this.statuses.set(s, (this.statuses.get(s) ?? 0) + n);
  }

  summary(seconds: number): RouteSummary {
    const sorted = Float64Array.from(this.latencies).sort();
    const count = sorted.length;
    const at = (q: number) => (count === 0 ? 0 : round(sorted[Math.min(count - 1, Math.ceil(q * count) - 1)]!));
    let fivexx = 0;
    let ok = 0;
    let failed = 0;
    for (const [s, n] of this.statuses) {
      if (s >= 500) fivexx += n;
      else if (s >= 200 && s < 400) ok += n;
      else if (s === 0) failed += n;
    }
    return {
      count,
      perSecond: round(count / seconds),
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      max: count === 0 ? 0 : round(sorted[count - 1]!),
      ok,
      fivexx,
      connectionErrors: failed,
      statuses: Object.fromEntries([...this.statuses].sort(([a], [b]) => a - b).map(([s, n]) => [String(s), n])),
    };
  }
}

export interface RouteSummary {
  readonly count: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  /** 2xx and 3xx answers (a 304 is a good answer). */
  readonly ok: number;
  readonly fivexx: number;
  readonly connectionErrors: number;
  readonly statuses: Readonly<Record<string, number>>;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
