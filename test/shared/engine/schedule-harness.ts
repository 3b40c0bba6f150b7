// Dates as day numbers and a schedule that must not have a cycle: what the schedule tests share.
import {
  computeSchedule,
  type ScheduleInput,
  type ScheduleResult,
} from '../../../shared/engine/schedule';

/** Day number of an ISO date, computed here with Date.UTC (independent of the engine). */
export const day = (iso: string): number => {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / 86_400_000;
};
export const iso = (n: number): string => new Date(n * 86_400_000).toISOString().slice(0, 10);

export function scheduled(input: ScheduleInput): ScheduleResult {
  const r = computeSchedule(input);
  if (!r.ok) throw new Error(`unexpected cycle ${r.error.tasks.join(',')}`);
  return r.value;
}
