import { issue, type Issue } from '../issues/issue';
import type { ClassifiedField } from '../kinds/classification/types';
import { headerKey } from '../table/header-key';
import { closestName, suggestionBudget } from '../text/similar';
import type { DataNames } from './data-names';

/**
 * A field the classification masks that the workbook's data does not hold: a typo (the masking
 * would then silently miss the real column) or a field that no longer exists. Names compare as
 * headers do, so "手机号（加密）" holds 手机号. A warning: the data may live outside this workbook.
 */
export function maskedFieldIssues(fields: readonly ClassifiedField[], data: DataNames): Issue[] {
  if (!data.hasData) return [];
  const keys = new Set(data.names.map(headerKey));
  const distinct = [...new Map(data.names.map((n) => [headerKey(n), n.trim()])).values()];
  const issues: Issue[] = [];
  const budget = suggestionBudget();
  for (const f of fields) {
    if (f.rule === null || keys.has(headerKey(f.field))) continue;
    issues.push(
      issue('classification.masked-field-absent', 'warning', f.sheet, f.cells.field, { field: f.field, closest: closestName(f.field, distinct, budget) }),
    );
  }
  return issues;
}
