import { parseXmlPart } from './xml-part';
import { partKey, type InflateBudget, type ZipPackage } from './zip-source';

/** The Open Packaging Conventions bits we need: relationships and where they point. */
export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** Resolved part name, without a leading "/", e.g. "xl/worksheets/sheet1.xml". */
  readonly target: string;
}

/** Relationship types end the same way in transitional and strict OOXML. */
export const REL = {
  officeDocument: '/officeDocument',
  worksheet: '/worksheet',
  sharedStrings: '/sharedStrings',
  styles: '/styles',
} as const;

export function isRelType(rel: Relationship, suffix: string): boolean {
  return rel.type.endsWith(suffix);
}

/** "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"; "" (the package) → "_rels/.rels". */
export function relsPartFor(partName: string): string {
  const slash = partName.lastIndexOf('/');
  const dir = slash < 0 ? '' : partName.slice(0, slash + 1);
  const base = slash < 0 ? partName : partName.slice(slash + 1);
  return `${dir}_rels/${base}.rels`;
}

/**
 * A target relative to its source part's folder ("worksheets/sheet1.xml", "../x.xml") or
 * absolute from the package root ("/xl/worksheets/sheet1.xml").
 */
export function resolveTarget(sourcePart: string, target: string): string {
  let decoded = target.replace(/\\/g, '/');
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // A stray "%" in a name: keep it as written.
  }
  decoded = decoded.split('#')[0] ?? '';
  const slash = sourcePart.lastIndexOf('/');
  const base = decoded.startsWith('/') ? [] : sourcePart.slice(0, slash < 0 ? 0 : slash).split('/');
  const out: string[] = [];
  for (const seg of [...base, ...decoded.split('/')]) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

/** The relationships of `sourcePart` ("" for the package); none when the .rels part is absent. */
export async function readRelationships(
  pkg: ZipPackage,
  sourcePart: string,
  budget: InflateBudget,
): Promise<Relationship[]> {
  const relsPart = relsPartFor(sourcePart);
  if (!pkg.entries.has(partKey(relsPart))) return [];
  const rels: Relationship[] = [];
  await parseXmlPart(pkg, relsPart, budget, {
    open(local, attrs) {
      if (local !== 'Relationship') return;
      const { Id: id, Type: type, Target: target, TargetMode: mode } = attrs;
      if (!id || !type || target === undefined || mode === 'External') return;
      rels.push({ id, type, target: resolveTarget(sourcePart, target) });
    },
    text() {},
    close() {},
    done: () => false,
  });
  return rels;
}

/**
 * The workbook part, found the way Excel finds it: the package's officeDocument
 * relationship. Only when the package has no relationships at all do we try the usual name.
 * Null when neither names a part that exists.
 */
export async function findWorkbookPart(pkg: ZipPackage, budget: InflateBudget): Promise<string | null> {
  const rels = await readRelationships(pkg, '', budget);
  const office = rels.find((r) => isRelType(r, REL.officeDocument));
  const candidate = office ? office.target : rels.length === 0 ? 'xl/workbook.xml' : null;
  if (candidate === null) return null;
  return pkg.entries.has(partKey(candidate)) ? candidate : null;
}

/**
 * An Excel binary workbook (.xlsb): the same package, but the workbook and its sheets are
 * BIFF12 records (xl/workbook.bin), not XML. Refused as not an .xlsx rather than as damaged.
 */
export function isBinaryWorkbook(workbookPart: string): boolean {
  return /\.bin$/i.test(workbookPart);
}
