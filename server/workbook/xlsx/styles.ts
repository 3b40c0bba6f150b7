import { numFmtKind, type FormatKind } from '../../../shared/parse/excel-number';
import { parseXmlPart } from './xml-part';
import type { InflateBudget, ZipPackage } from './zip-source';

/**
 * From styles.xml only what decides how a number reads: each cell format (`cellXfs/xf`, the
 * index a cell's `s` attribute names) → its number format → its kind (shared/parse/excel-number.ts).
 * Fonts, fills, borders and cellStyleXfs are skipped, and reading stops after cellXfs
 * (numFmts precede it in the schema).
 */
export async function readStyleKinds(pkg: ZipPackage, partName: string, budget: InflateBudget): Promise<FormatKind[]> {
  const customCodes = new Map<number, string>();
  const xfFormatIds: number[] = [];
  let inCellXfs = false;
  let xfDepth = 0;
  let finished = false;
  await parseXmlPart(pkg, partName, budget, {
    open(local, attrs) {
      // dxfs (conditional formats) come later with numFmts of their own: not ours.
      if (finished) return;
      if (local === 'numFmt') {
        const id = Number(attrs.numFmtId);
        const code = attrs.formatCode;
        if (Number.isInteger(id) && code !== undefined) customCodes.set(id, code);
      } else if (local === 'cellXfs') {
        inCellXfs = true;
      } else if (inCellXfs && local === 'xf') {
        xfDepth += 1;
        // An xf without numFmtId uses General (0).
        if (xfDepth === 1) xfFormatIds.push(Number(attrs.numFmtId ?? 0) || 0);
      }
    },
    text() {},
    close(local) {
      if (finished) return;
      if (local === 'cellXfs') {
        inCellXfs = false;
        finished = true;
      } else if (inCellXfs && local === 'xf') xfDepth -= 1;
    },
    done: () => finished,
  });
  return xfFormatIds.map((id) => numFmtKind(id, customCodes.get(id)));
}
