import { parseXmlPart, prefixedAttr } from './xml-part';
import type { InflateBudget, ZipPackage } from './zip-source';

export interface SheetEntry {
  readonly name: string;
  /** visible | hidden | veryHidden: hidden sheets are read like any other. */
  readonly state: string;
  readonly relId: string;
}

export interface WorkbookInfo {
  readonly date1904: boolean;
  /** In tab order, as workbook.xml lists them. */
  readonly sheets: readonly SheetEntry[];
}

/** workbook.xml up to `</sheets>`: the date system and the sheets; defined names etc. are skipped. */
export async function readWorkbookInfo(pkg: ZipPackage, partName: string, budget: InflateBudget): Promise<WorkbookInfo> {
  let date1904 = false;
  const sheets: SheetEntry[] = [];
  let finished = false;
  await parseXmlPart(pkg, partName, budget, {
    open(local, attrs) {
      if (finished) return;
      if (local === 'workbookPr') {
        const v = attrs.date1904;
        date1904 = v === '1' || v === 'true';
      } else if (local === 'sheet') {
        const relId = prefixedAttr(attrs, 'id');
        sheets.push({ name: attrs.name ?? '', state: attrs.state ?? 'visible', relId: relId ?? '' });
      }
    },
    text() {},
    close(local) {
      if (local === 'sheets') finished = true;
    },
    done: () => finished,
  });
  return { date1904, sheets };
}
