import { parseDataClass, parseMaskingRule, type MaskingRule } from '../../engine/masking';
import { issue, type Issue } from '../../issues/issue';
import { addressOf, cellText, type LocatedTable } from '../../table/locate';
import { normalizeText } from '../../text/normalize';
import { KeyRegistry, requiredCells } from '../row-checks';
import type { ClassificationField } from './spec';
import type { ClassifiedField } from './types';

/** A masking cell that says "no masking" in so many words. */
const NO_RULE = /^(?:-|—|–|无|無|none|n\/a|不脱敏|不脫敏|无需脱敏|無需脫敏|明文|plain|no masking)$/i;

/** Data classification → its fields; unknown classes and rules, and a core field left unmasked, are errors. */
export function analyseClassificationSheet(table: LocatedTable<ClassificationField>): { records: ClassifiedField[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const records: ClassifiedField[] = [];
  const keys = new KeyRegistry(table, 'field');
  for (const row of table.rows) {
    if (!requiredCells(table, row, ['field', 'class'], issues) && row.cells.field === undefined) continue;
    const field = cellText(row.cells.field);
    // A column the sheet lacks has no cell: its issues go to the field's class cell instead.
    const at = (f: ClassificationField) => addressOf(table, row.row, table.columns[f] ? f : f === 'masking' ? 'class' : 'field');
    if (!keys.claim([field], row.row, issues)) continue;

    const classText = cellText(row.cells.class);
    const dataClass = classText === '' ? null : parseDataClass(classText);
    if (classText !== '' && dataClass === null) issues.push(issue('classification.class-invalid', 'error', table.sheet, at('class'), { input: classText }));

    const ruleText = normalizeText(cellText(row.cells.masking));
    let rule: MaskingRule | null = null;
    let ruleValid = true;
    if (ruleText !== '' && !NO_RULE.test(ruleText)) {
      rule = parseMaskingRule(ruleText);
      if (rule === null) {
        ruleValid = false;
        issues.push(issue('classification.rule-invalid', 'error', table.sheet, at('masking'), { input: ruleText }));
      }
    }
    // One issue per mistake: a rule that did not parse is already reported.
    if (dataClass === 'core' && rule === null && ruleValid) {
      issues.push(issue('classification.core-unmasked', 'error', table.sheet, at('masking'), { field }));
    }
    records.push({ sheet: table.sheet, row: row.row, field, dataClass, rule, cells: { field: at('field'), class: at('class'), masking: at('masking') } });
  }
  return { records, issues };
}
