import { refuse } from './read-refusal';
import { parseXmlPart, parseXmlText, type XmlHandlers } from './xml-part';
import { scanXmlBytes, scanXmlPart, type ScanHandler, type XmlScanner } from './xml-scan';
import { decodeXString } from './xstring';
import type { InflateBudget, ZipPackage } from './zip-source';

/**
 * The shared string table: each `<si>` is plain (`<t>`) or rich text (runs `<r><t>`), whose
 * text is the runs joined. `<rPh>` holds phonetic guides (furigana) for East Asian text; they
 * are not part of the value, so text inside them is dropped.
 *
 * A table with more strings than the workbook may have cells can only serve to fill memory,
 * so it is refused as soon as it passes that count.
 *
 * Read with the fast scanner (a table of 100k distinct strings is ordinary), or with saxes
 * when the scanner leaves the part to it; both drive the one state machine below.
 */
export async function readSharedStrings(
  pkg: ZipPackage,
  partName: string,
  budget: InflateBudget,
  maxStrings: number,
): Promise<string[]> {
  const inflated = budget.used;
  const fast = new SharedStringsScan(partName, maxStrings);
  if (await scanXmlPart(pkg, partName, budget, fast)) return fast.strings;
  budget.rewind(inflated);
  const slow = new SharedStrings(partName, maxStrings);
  await parseXmlPart(pkg, partName, budget, saxesHandlers(slow));
  return slow.strings;
}

function saxesHandlers(reader: SharedStrings): XmlHandlers {
  return {
    open: (local) => reader.open(kindOf(local)),
    text: (text) => reader.append(text),
    close: (local) => reader.close(kindOf(local)),
    done: () => false,
  };
}

/**
 * Both readers on a table in hand, for tests: the fast scanner's strings (or 'fallback' when
 * it would leave the part to saxes), and saxes's strings from the same bytes decoded as
 * `partText` decodes them.
 */
export function scanSharedStringsBytes(chunks: readonly Buffer[], maxStrings = Infinity): string[] | 'fallback' {
  const fast = new SharedStringsScan('sharedStrings.xml', maxStrings);
  return scanXmlBytes(chunks, fast) ? fast.strings : 'fallback';
}

export async function saxesSharedStringsBytes(chunks: readonly Buffer[], maxStrings = Infinity): Promise<string[]> {
  const slow = new SharedStrings('sharedStrings.xml', maxStrings);
  const decoder = new TextDecoder();
  const text = chunks.map((chunk) => decoder.decode(chunk, { stream: true }));
  text.push(decoder.decode());
  await parseXmlText(text, 'sharedStrings.xml', saxesHandlers(slow));
  return slow.strings;
}

const K_OTHER = 0;
const K_SI = 1;
const K_T = 2;
const K_RPH = 3;

function kindOf(local: string): number {
  return local === 'si' ? K_SI : local === 't' ? K_T : local === 'rPh' ? K_RPH : K_OTHER;
}

class SharedStrings {
  readonly strings: string[] = [];
  protected inText = false;
  private inItem = false;
  private phoneticDepth = 0;
  private item = '';

  constructor(
    private readonly partName: string,
    private readonly maxStrings: number,
  ) {}

  open(kind: number): void {
    if (kind === K_SI) {
      this.inItem = true;
      this.item = '';
    } else if (this.inItem) {
      if (kind === K_RPH) this.phoneticDepth += 1;
      else if (kind === K_T && this.phoneticDepth === 0) this.inText = true;
    }
  }

  append(text: string): void {
    if (this.inText) this.item += text;
  }

  close(kind: number): boolean {
    if (kind === K_SI) {
      this.inItem = false;
      this.strings.push(decodeXString(this.item));
      if (this.strings.length > this.maxStrings) refuse('too-many-cells', { limitCells: this.maxStrings, part: this.partName });
    } else if (kind === K_T) this.inText = false;
    else if (kind === K_RPH) this.phoneticDepth -= 1;
    return false;
  }
}

/** The same, fed by the fast scanner. */
class SharedStringsScan extends SharedStrings implements ScanHandler {
  kindOf(local: string): number {
    return kindOf(local);
  }

  text(scanner: XmlScanner, start: number, end: number, decoded: string | null): void {
    if (this.inText) this.append(decoded ?? scanner.stringAt(start, end));
  }
}
