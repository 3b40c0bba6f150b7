import { matchKey } from '../../text/normalize';
import { closestName, type SuggestionBudget } from '../../text/similar';

/**
 * Planners name a dependency by the milestone that ends it: "活动策划完成" (planning done) for
 * the task "联合促销活动策划", "design done" for "Design". Without the milestone word the name
 * is the task's, or a shortening of it, which closestName scores much higher.
 */
const MILESTONE_SUFFIX = /\s*(?:已完成|完成|完毕|完畢|结束|結束|完工|done|completed|complete|finished)$/i;
const MILESTONE_PREFIX = /^(?:完成|结束|結束)\s*/;

/** The task a dependency that names no task most probably meant, or null. */
export function probableTask(name: string, tasks: readonly string[], budget?: SuggestionBudget): string | null {
  const stripped = name.replace(MILESTONE_SUFFIX, '').replace(MILESTONE_PREFIX, '').trim();
  if (stripped !== '' && stripped !== name) {
    const key = matchKey(stripped);
    const exact = tasks.find((t) => matchKey(t) === key);
    if (exact !== undefined) return exact;
    const close = closestName(stripped, tasks, budget);
    if (close !== null) return close;
  }
  return closestName(name, tasks, budget);
}
