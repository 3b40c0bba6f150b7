import { issue, type Issue } from '../../issues/issue';
import { parseFormula } from '../../parse/formula';
import { parsePerspective } from '../../parse/perspective';
import { parseTarget } from '../../parse/target';
import { parseWeight } from '../../parse/weight';
import type { Expr } from '../../parse/types';
import { rangeAddress } from '../../table/address';
import { addressOf, cellText, type LocatedTable } from '../../table/locate';
import { KeyRegistry, requiredCells } from '../row-checks';
import type { KpiField } from './spec';
import type { KpiDefinition } from './types';

/** Weights are typed by hand: 33.3% three times is a full 100%. */
const WEIGHT_TOLERANCE = 0.0005;

export function analyseKpiSheet(table: LocatedTable<KpiField>): { records: KpiDefinition[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const records: KpiDefinition[] = [];
  const keys = new KeyRegistry(table, 'name');
  const hasPerspective = table.columns.perspective !== undefined;

  for (const row of table.rows) {
    if (!requiredCells(table, row, ['name', 'target', 'weight'], issues) && row.cells.name === undefined) continue;
    const name = cellText(row.cells.name);
    const at = (field: KpiField) => addressOf(table, row.row, field);
    if (!keys.claim([name], row.row, issues)) continue;

    const targetText = cellText(row.cells.target);
    let target = null;
    if (row.cells.target !== undefined) {
      const parsed = parseTarget(row.cells.target);
      if (parsed.ok) target = parsed.value;
      else issues.push(issue('kpi.target-invalid', 'error', table.sheet, at('target'), { input: targetText }));
    }

    let weight: number | null = null;
    if (row.cells.weight !== undefined) {
      const parsed = parseWeight(row.cells.weight);
      if (parsed.ok) weight = parsed.value;
      else issues.push(issue('kpi.weight-invalid', 'error', table.sheet, at('weight'), { input: cellText(row.cells.weight) }));
    }

    const formulaText = cellText(row.cells.formula);
    let formula: Expr | null = null;
    let formulaValid = true;
    if (formulaText !== '') {
      const parsed = parseFormula(formulaText);
      if (parsed.ok) formula = parsed.value;
      else {
        formulaValid = false;
        issues.push(
          issue('kpi.formula-syntax', 'error', table.sheet, at('formula'), {
            input: formulaText,
            position: parsed.error.position ?? 0,
          }),
        );
      }
    }

    let perspective = null;
    if (row.cells.perspective !== undefined) {
      perspective = parsePerspective(row.cells.perspective);
      if (perspective === null) {
        issues.push(
          issue('kpi.perspective-invalid', 'error', table.sheet, at('perspective'), { input: cellText(row.cells.perspective) }),
        );
      }
    } else if (hasPerspective) {
      issues.push(issue('kpi.perspective-missing', 'warning', table.sheet, at('perspective'), { kpi: name }));
    }

    records.push({
      sheet: table.sheet,
      row: row.row,
      name,
      formulaText,
      formula,
      formulaValid,
      targetText,
      target,
      weight,
      perspective,
      owner: cellText(row.cells.owner),
      unit: cellText(row.cells.unit),
    });
  }

  if (!hasPerspective && records.length > 0) {
    // One finding for the sheet, not one per row: the column itself is what is missing.
    const headerCol = table.columns.name!.col;
    issues.push(
      issue('kpi.perspective-missing', 'warning', table.sheet, rangeAddress(table.headerRow, headerCol, table.headerRow, headerCol), {
        kpi: records.map((r) => r.name).join(', '),
      }),
    );
  }

  const weightsComplete = records.length > 0 && records.every((r) => r.weight !== null);
  if (weightsComplete) {
    const total = records.reduce((sum, r) => sum + r.weight!, 0);
    if (Math.abs(total - 1) > WEIGHT_TOLERANCE) {
      const col = table.columns.weight!.col;
      const first = records[0]!.row;
      const last = records[records.length - 1]!.row;
      issues.push(
        issue('kpi.weights-total', 'error', table.sheet, rangeAddress(first, col, last, col), {
          total: Math.round(total * 1e6) / 1e6,
        }),
      );
    }
  }
  return { records, issues };
}
