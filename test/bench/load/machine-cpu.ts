import { cpus } from 'node:os';

/**
 * How busy the machine's cores were between two readings, every process counted (the bench
 * client, the services, PostgreSQL): 1 is every core busy all the time. A scenario that already
 * keeps every core busy cannot go faster with a second instance on the same machine; the
 * two-instance ratio is read beside this figure.
 */
export interface CpuReading {
  readonly busy: number;
  readonly total: number;
}

export function readCpu(): CpuReading {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

/** The share of the cores' time spent busy since `from` (0 to 1). */
export function busySince(from: CpuReading): number {
  const now = readCpu();
  const total = now.total - from.total;
  return total <= 0 ? 0 : Math.round(((now.busy - from.busy) / total) * 1000) / 1000;
}
