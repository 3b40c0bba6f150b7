import { refuse } from './read-refusal';
import { parseXmlPart } from './xml-part';
import { decodeXString } from './xstring';
import type { InflateBudget, ZipPackage } from './zip-source';

/**
 * The shared string table: each `<si>` is plain (`<t>`) or rich text (runs `<r><t>`), whose
 * text is the runs joined. `<rPh>` holds phonetic guides (furigana) for East Asian text; they
 * are not part of the value, so text inside them is dropped.
 *
 * A table with more strings than the workbook may have cells can only serve to fill memory,
 * so it is refused as soon as it passes that count.
 */
export async function readSharedStrings(
  pkg: ZipPackage,
  partName: string,
  budget: InflateBudget,
  maxStrings: number,
): Promise<string[]> {
  const strings: string[] = [];
  let inItem = false;
  let inText = false;
  let phoneticDepth = 0;
  let parts: string[] = [];
  await parseXmlPart(pkg, partName, budget, {
    open(local) {
      if (local === 'si') {
        inItem = true;
        parts = [];
      } else if (inItem) {
        if (local === 'rPh') phoneticDepth += 1;
        else if (local === 't' && phoneticDepth === 0) inText = true;
      }
    },
    text(text) {
      if (inText) parts.push(text);
    },
    close(local) {
      if (local === 'si') {
        inItem = false;
        strings.push(decodeXString(parts.length === 1 ? (parts[0] ?? '') : parts.join('')));
        if (strings.length > maxStrings) refuse('too-many-cells', { limitCells: maxStrings, part: partName });
      } else if (local === 't') inText = false;
      else if (local === 'rPh') phoneticDepth -= 1;
    },
    done: () => false,
  });
  return strings;
}
