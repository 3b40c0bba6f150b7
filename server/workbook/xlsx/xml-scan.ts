import { isAscii, isUtf8 } from 'node:buffer';
import { localName } from './xml-part';
import { partBytes, type InflateBudget, type ZipPackage } from './zip-source';

/**
 * A hand-written XML scanner for the parts that are big (worksheets, the shared string table),
 * several times faster than saxes: it reads the inflated UTF-8 bytes themselves, each once, in
 * one loop, and hands its handler positions rather than strings and attribute objects. Text
 * becomes a string only when the handler asks for it, so a shared-string index or a number
 * never does.
 *
 * It accepts only a subset of XML, chosen so that whatever it accepts saxes accepts too, with
 * the same events: elements with ASCII names, attributes in either quote, text with the five
 * predefined entities and character references, CDATA, comments, an XML declaration saying
 * version 1.0, UTF-8. Everything else — a DOCTYPE, a processing instruction, a non-ASCII
 * element name, UTF-16 or another declared encoding, any well-formedness error, a document
 * that ends early — throws
 * `ScanFallback`, and the caller reads the part again with saxes, which then decides (grid, or
 * 'corrupt'). So the scanner never has to reproduce saxes's error handling, only to notice
 * when it is not sure.
 *
 * Bytes arrive as the inflater produces them, so tokens straddle chunk boundaries: whatever is
 * left unconsumed at the end of a chunk (at most one token) is kept and scanned again with the
 * next one. A token that grows past `MAX_PENDING` bytes (2 GiB of "0" in one inline string)
 * goes to saxes as well, which streams it without rescanning.
 *
 * UTF-8 needs no decoding to be scanned: every byte of a multi-byte character is ≥ 0x80, so
 * markup is found by its ASCII bytes alone, and a range between two markup characters decodes
 * on its own exactly as it does within the whole stream (invalid sequences included).
 */
export class ScanFallback extends Error {
  constructor(readonly reason: string) {
    super(`fast XML scan gave up: ${reason}`);
    this.name = 'ScanFallback';
  }
}

function giveUp(reason: string): never {
  throw new ScanFallback(reason);
}

/** What a part reader sees from the scanner. Ranges are byte offsets into `scanner.buf`. */
export interface ScanHandler {
  /** A small number for a local name ('c', 'row'…), computed once per distinct element name. */
  kindOf(local: string): number;
  /** A start tag; its attributes are `scanner.attr*` until the next event. */
  open(kind: number, scanner: XmlScanner): void;
  /**
   * Character data (text or CDATA): when `decoded` is null, `[start, end)` of `scanner.buf`
   * holds it as is (`scanner.stringAt` makes it a string); otherwise `decoded` is the text,
   * with entities expanded and line ends normalised.
   */
  text(scanner: XmlScanner, start: number, end: number, decoded: string | null): void;
  /** An end tag (also right after `open` for `<x/>`). True: the handler has all it needs. */
  close(kind: number): boolean;
}

/** The longest token kept across chunks before the part is left to saxes. */
export const MAX_PENDING = 1 << 20;
/** More distinct element names than any spreadsheet part has: not worth a fast path. */
const MAX_NAMES = 128;

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const AMP = 38;
const EQ = 61;
const DQ = 34;
const SQ = 39;
const MINUS = 45;
const RBRACKET = 93;
const LBRACKET = 91;
const HASH = 35;
const TAB = 9;
const LF = 10;
const CR = 13;
const SEMI = 59;

const NAME_START = 1;
const NAME = 2;
const SPACE = 4;
/** Bytes that text may not simply run over: markup, references, "]]>", controls, U+FFFE/F. */
const IN_TEXT = 8;
/** The same in attribute values, with the quotes and whitespace (normalised to spaces). */
const IN_VALUE = 16;
/** Byte classes: only ASCII can be a name or whitespace; ≥ 128 in a name makes the scanner give up. */
const CHARS = new Uint8Array(256);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) CHARS[c] = NAME_START | NAME;
  else if (/[0-9.-]/.test(ch)) CHARS[c] = NAME;
  else if (c === 32 || c === TAB || c === LF || c === CR) CHARS[c] = SPACE;
}
for (let c = 0; c < 0x20; c++) CHARS[c] = (CHARS[c] as number) | IN_VALUE | (c === TAB || c === LF ? 0 : IN_TEXT);
for (const c of [LT, AMP, 0xef]) CHARS[c] = (CHARS[c] as number) | IN_TEXT | IN_VALUE;
CHARS[RBRACKET] = (CHARS[RBRACKET] as number) | IN_TEXT;
CHARS[DQ] = (CHARS[DQ] as number) | IN_VALUE;
CHARS[SQ] = (CHARS[SQ] as number) | IN_VALUE;

/** Text flags: what turning the raw range into the value needs. */
const F_AMP = 1;
const F_CR = 2;
/** Attribute values: tab, LF or CR, which XML turns into spaces. */
const F_WS = 4;

/** Only version 1.0 (1.1 has other character rules); the rest as saxes checks it. */
const XML_DECL =
  /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.0"|'1\.0')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>$/;

const EMPTY = Buffer.alloc(0);

export class XmlScanner {
  /** The bytes being scanned: the unconsumed tail of the previous chunk + the current chunk. */
  buf: Buffer = EMPTY;
  /** The current start tag's attributes: name and value ranges in `buf`. */
  attrCount = 0;
  attrNameStart: Int32Array = new Int32Array(16);
  attrNameEnd: Int32Array = new Int32Array(16);
  attrValueStart: Int32Array = new Int32Array(16);
  attrValueEnd: Int32Array = new Int32Array(16);
  /** Non-zero when the value is not its raw range (entities, whitespace to normalise). */
  attrFlags: Uint8Array = new Uint8Array(16);
  private readonly attrText: string[] = [];

  /**
   * `buf` decoded in one go, the first time text is wanted from it: bytes `[0, textLimit)` as
   * a string, or null when they are not valid UTF-8 (each range is then decoded on its own).
   */
  private bufText: string | null | undefined;
  private textLimit = 0;
  private textAscii = false;
  /** Where the last range ended, in bytes and in UTF-16 units of `bufText`. */
  private cursorByte = 0;
  private cursorUnit = 0;
  private tail: Buffer = EMPTY;
  private started = false;
  private stopped = false;
  private rootClosed = false;
  private depth = 0;
  private readonly nameStack: string[] = [];
  private readonly kindStack: number[] = [];
  private readonly names: string[] = [];
  private readonly nameKinds: number[] = [];
  private readonly slots = new Int16Array(256).fill(-1);

  constructor(private readonly handler: ScanHandler) {}

  /** Scans one more chunk. True once the handler has said it has all it needs. */
  feed(chunk: Buffer): boolean {
    if (this.stopped) return true;
    const buf = this.tail.length === 0 ? chunk : Buffer.concat([this.tail, chunk]);
    this.buf = buf;
    this.bufText = undefined;
    const n = buf.length;
    let i = 0;
    if (!this.started) {
      i = this.begin(buf, n);
      if (i < 0) {
        this.keep(buf, 0);
        return false;
      }
      this.started = true;
    }
    while (i < n) {
      let next: number;
      if (buf[i] === LT) {
        if (i + 1 >= n) break;
        const d = buf[i + 1] as number;
        if (((CHARS[d] as number) & NAME_START) !== 0) next = this.startTag(buf, i, n);
        else if (d === SLASH) next = this.endTag(buf, i, n);
        else if (d === BANG) next = this.bang(buf, i, n);
        else giveUp(d === QUESTION ? 'processing instruction' : 'markup');
        if (next < 0) break;
        i = next;
        if (this.stopped) return true;
      } else {
        next = this.depth > 0 ? this.textInRoot(buf, i, n) : this.textOutsideRoot(buf, i, n);
        if (next < 0) break;
        i = next;
      }
    }
    this.keep(buf, i);
    return false;
  }

  /**
   * The input has ended. True when the document was complete and well formed (or the handler
   * stopped early); false when saxes must decide.
   */
  finish(): boolean {
    return this.stopped || (this.rootClosed && this.depth === 0 && this.tail.length === 0);
  }

  /**
   * `[start, end)` of `buf` as text, as `stringOf` makes it, but cheaper: the chunk is decoded
   * once, the first time text is wanted from it, and values are substrings of that — one
   * native call per chunk rather than one per value. Byte offsets become string offsets by
   * counting characters forward from the previous range (ranges come in document order).
   */
  stringAt(start: number, end: number): string {
    if (this.bufText === undefined) this.decodeBuffer();
    const text = this.bufText as string | null;
    if (text === null || end > this.textLimit) return stringOf(this.buf, start, end);
    if (this.textAscii) return text.slice(start, end);
    if (start < this.cursorByte) return stringOf(this.buf, start, end);
    const from = this.unitAt(start);
    return text.slice(from, this.unitAt(end));
  }

  /** Whether `[start, end)` of `buf` is exactly the ASCII `text`. */
  equalsAt(start: number, end: number, text: string): boolean {
    const length = text.length;
    if (end - start !== length) return false;
    if (length === 0) return true;
    const buf = this.buf;
    // Ends first: element names here are mostly one or two characters.
    if (buf[start] !== text.charCodeAt(0) || buf[end - 1] !== text.charCodeAt(length - 1)) return false;
    for (let k = 1; k < length - 1; k++) {
      if (buf[start + k] !== text.charCodeAt(k)) return false;
    }
    return true;
  }

  /** The value of attribute `k` of the current start tag. */
  attrValue(k: number): string {
    if (this.attrFlags[k] !== 0) return this.attrText[k] as string;
    return this.stringAt(this.attrValueStart[k] as number, this.attrValueEnd[k] as number);
  }

  /** Index of the attribute written `name` in the current start tag, -1 if absent. */
  attrIndex(name: string): number {
    for (let k = 0; k < this.attrCount; k++) {
      if (this.equalsAt(this.attrNameStart[k] as number, this.attrNameEnd[k] as number, name)) return k;
    }
    return -1;
  }

  private decodeBuffer(): void {
    const buf = this.buf;
    this.cursorByte = 0;
    this.cursorUnit = 0;
    this.textAscii = isAscii(buf);
    if (this.textAscii) {
      this.textLimit = buf.length;
      this.bufText = buf.toString('latin1');
      return;
    }
    // Leave out a character the chunk's end cuts in two: no range reaches into it.
    let limit = buf.length;
    let lead = limit - 1;
    while (lead >= 0 && limit - lead < 4 && ((buf[lead] as number) & 0xc0) === 0x80) lead--;
    if (lead >= 0) {
      const c = buf[lead] as number;
      const size = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
      if (limit - lead < size) limit = lead;
    }
    this.textLimit = limit;
    this.bufText = isUtf8(buf.subarray(0, limit)) ? buf.toString('utf8', 0, limit) : null;
  }

  /** The UTF-16 offset in `bufText` of byte `byte` (≥ the cursor) of valid UTF-8 `buf`. */
  private unitAt(byte: number): number {
    const buf = this.buf;
    let b = this.cursorByte;
    let unit = this.cursorUnit;
    for (; b < byte; b++) {
      const c = buf[b] as number;
      // Each character counts at its first byte; four-byte ones are two UTF-16 units.
      if ((c & 0xc0) !== 0x80) unit += c >= 0xf0 ? 2 : 1;
    }
    this.cursorByte = b;
    this.cursorUnit = unit;
    return unit;
  }

  private keep(buf: Buffer, i: number): void {
    this.tail = i < buf.length ? Buffer.from(buf.subarray(i)) : EMPTY;
    if (this.tail.length > MAX_PENDING) giveUp('token too long');
  }

  /** The UTF-8 BOM and the XML declaration; -1 until there is enough to tell. */
  private begin(buf: Buffer, n: number): number {
    // Enough for a BOM and "<?xml ", or the whole of a (tiny) document: saxes decides those.
    if (n < 9) return -1;
    // UTF-16 (a byte-order mark, or "<" as two bytes): saxes reads what partText decodes.
    if (buf[0] === 0xff || buf[0] === 0xfe || buf[0] === 0 || buf[1] === 0) giveUp('not UTF-8');
    const i = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    // A second BOM would be a U+FEFF character, which saxes skips too; not worth copying.
    if (buf[i] === 0xef) giveUp('byte-order mark');
    if (!this.equalsAt(i, i + 5, '<?xml')) return i;
    if (((CHARS[buf[i + 5] as number] as number) & SPACE) === 0) giveUp('processing instruction');
    const end = buf.indexOf('?>', i);
    if (end < 0) {
      if (n > 1024) giveUp('xml declaration');
      return -1;
    }
    const declaration = buf.toString('latin1', i, end + 2);
    if (!XML_DECL.test(declaration)) giveUp('xml declaration');
    // Another encoding (windows-1252, GBK…) is decoded by partText for saxes.
    const encoding = /encoding[ \t\r\n]*=[ \t\r\n]*["']([^"']*)/.exec(declaration)?.[1];
    if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) giveUp('encoding');
    return end + 2;
  }

  private startTag(buf: Buffer, i: number, n: number): number {
    let j = i + 2;
    let c = 0;
    while (j < n) {
      c = buf[j] as number;
      if (((CHARS[c] as number) & NAME) !== 0) j++;
      else break;
    }
    if (j >= n) return -1;
    const nameEnd = j;
    let count = 0;
    let selfClosing = false;
    for (;;) {
      if (c === GT) {
        j += 1;
        break;
      }
      if (c === SLASH) {
        if (j + 1 >= n) return -1;
        if (buf[j + 1] !== GT) giveUp('tag');
        j += 2;
        selfClosing = true;
        break;
      }
      if (((CHARS[c] as number) & SPACE) === 0) giveUp('tag');
      do {
        j++;
        if (j >= n) return -1;
        c = buf[j] as number;
      } while (((CHARS[c] as number) & SPACE) !== 0);
      if (c === GT || c === SLASH) continue;
      if (((CHARS[c] as number) & NAME_START) === 0) giveUp('attribute name');
      const nameStart = j;
      do {
        j++;
        if (j >= n) return -1;
        c = buf[j] as number;
      } while (((CHARS[c] as number) & NAME) !== 0);
      const attrNameEnd = j;
      while (((CHARS[c] as number) & SPACE) !== 0) {
        j++;
        if (j >= n) return -1;
        c = buf[j] as number;
      }
      if (c !== EQ) giveUp('attribute');
      do {
        j++;
        if (j >= n) return -1;
        c = buf[j] as number;
      } while (((CHARS[c] as number) & SPACE) !== 0);
      if (c !== DQ && c !== SQ) giveUp('attribute value');
      const quote = c;
      const valueStart = ++j;
      let flags = 0;
      for (;;) {
        if (j >= n) return -1;
        c = buf[j] as number;
        if (((CHARS[c] as number) & IN_VALUE) === 0) {
          j++;
          continue;
        }
        if (c === quote) break;
        if (c < 0x20) {
          if (c === TAB || c === LF || c === CR) flags |= F_WS;
          else giveUp('character');
        } else if (c === AMP) flags |= F_AMP;
        else if (c === LT) giveUp('< in attribute value');
        else if (c === 0xef) {
          if (j + 2 >= n) return -1;
          if (isNonCharacter(buf, j)) giveUp('character');
        }
        j++;
      }
      if (count === this.attrFlags.length) this.growAttrs();
      this.attrNameStart[count] = nameStart;
      this.attrNameEnd[count] = attrNameEnd;
      this.attrValueStart[count] = valueStart;
      this.attrValueEnd[count] = j;
      this.attrFlags[count] = flags;
      // Decoded now, wanted or not: an undefined entity is an error wherever it is.
      if (flags !== 0) this.attrText[count] = this.decode(valueStart, j, true);
      count++;
      j++;
      if (j >= n) return -1;
      c = buf[j] as number;
    }
    this.attrCount = count;
    if (count > 1) this.checkDuplicates(buf, count);
    if (this.depth === 0 && this.rootClosed) giveUp('second root');
    const k = this.intern(buf, i + 1, nameEnd);
    const kind = this.nameKinds[k] as number;
    const handler = this.handler;
    handler.open(kind, this);
    if (selfClosing) {
      if (this.depth === 0) this.rootClosed = true;
      if (handler.close(kind)) this.stopped = true;
    } else {
      this.nameStack[this.depth] = this.names[k] as string;
      this.kindStack[this.depth] = kind;
      this.depth += 1;
    }
    return j;
  }

  private endTag(buf: Buffer, i: number, n: number): number {
    let j = i + 2;
    if (j >= n) return -1;
    let c = buf[j] as number;
    if (((CHARS[c] as number) & NAME_START) === 0) giveUp('end tag');
    do {
      j++;
      if (j >= n) return -1;
      c = buf[j] as number;
    } while (((CHARS[c] as number) & NAME) !== 0);
    const nameEnd = j;
    while (((CHARS[c] as number) & SPACE) !== 0) {
      j++;
      if (j >= n) return -1;
      c = buf[j] as number;
    }
    if (c !== GT) giveUp('end tag');
    const depth = this.depth - 1;
    if (depth < 0) giveUp('unmatched end tag');
    if (!this.equalsAt(i + 2, nameEnd, this.nameStack[depth] as string)) giveUp('mismatched end tag');
    this.depth = depth;
    if (depth === 0) this.rootClosed = true;
    if (this.handler.close(this.kindStack[depth] as number)) this.stopped = true;
    return j + 1;
  }

  /** `<!`: a comment or CDATA; a DOCTYPE (or anything else) is left to saxes. */
  private bang(buf: Buffer, i: number, n: number): number {
    if (i + 3 >= n) return -1;
    if (buf[i + 2] === MINUS && buf[i + 3] === MINUS) {
      const end = buf.indexOf('--', i + 4);
      if (end < 0 || end + 2 >= n) return -1;
      if (buf[end + 2] !== GT) giveUp('comment');
      checkChars(buf, i + 4, end);
      return end + 3;
    }
    if (buf[i + 2] === LBRACKET) {
      if (i + 9 > n) return -1;
      if (!this.equalsAt(i + 2, i + 9, '[CDATA[') || this.depth === 0) giveUp('cdata');
      const start = i + 9;
      const end = buf.indexOf(']]>', start);
      if (end < 0) return -1;
      const cr = checkChars(buf, start, end);
      this.handler.text(this, start, end, cr ? this.stringAt(start, end).replace(/\r\n?/g, '\n') : null);
      return end + 3;
    }
    giveUp('declaration');
  }

  /** Character data inside the root element, up to the next `<`; -1 when it may go on. */
  private textInRoot(buf: Buffer, i: number, n: number): number {
    let flags = 0;
    let j = i;
    for (; j < n; j++) {
      const c = buf[j] as number;
      if (((CHARS[c] as number) & IN_TEXT) === 0) continue;
      if (c === LT) break;
      if (c < 0x20) {
        if (c === CR) flags |= F_CR;
        else if (c !== TAB && c !== LF) giveUp('character');
      } else if (c === AMP) flags |= F_AMP;
      else if (c === RBRACKET) {
        if (j + 2 < n && buf[j + 1] === RBRACKET && buf[j + 2] === GT) giveUp(']]> in text');
      } else if (c === 0xef) {
        if (j + 2 >= n) return -1;
        if (isNonCharacter(buf, j)) giveUp('character');
      }
    }
    if (j >= n) return -1;
    this.handler.text(this, i, j, flags === 0 ? null : this.decode(i, j, false));
    return j;
  }

  /** Before and after the root element only whitespace may stand (comments are markup). */
  private textOutsideRoot(buf: Buffer, i: number, n: number): number {
    let j = i;
    for (; j < n; j++) {
      const c = buf[j] as number;
      if (c === LT) break;
      if (((CHARS[c] as number) & SPACE) === 0) giveUp('text outside the root element');
    }
    return j;
  }

  /**
   * Text or an attribute value as XML means it: references expanded; in text CR LF and CR
   * read as LF, in attribute values tab, CR LF, CR and LF as a space.
   */
  private decode(start: number, end: number, attribute: boolean): string {
    const buf = this.buf;
    let out = '';
    let from = start;
    for (let k = start; k < end; k++) {
      const c = buf[k] as number;
      if (c === AMP) {
        const semi = buf.indexOf(SEMI, k + 1);
        if (semi < 0 || semi >= end || semi - k > 12) giveUp('entity');
        out += this.stringAt(from, k) + this.entity(k + 1, semi);
        from = semi + 1;
        k = semi;
      } else if (c === CR || (attribute && (c === TAB || c === LF))) {
        out += this.stringAt(from, k) + (attribute ? ' ' : '\n');
        if (c === CR && k + 1 < end && buf[k + 1] === LF) k++;
        from = k + 1;
      }
    }
    return out + this.stringAt(from, end);
  }

  /** The entity or character reference between `&` and `;` (at `[start, end)`), expanded. */
  private entity(start: number, end: number): string {
    const buf = this.buf;
    if (buf[start] === HASH) {
      let cp = 0;
      let digits = 0;
      if (buf[start + 1] === 120 /* x: saxes takes lowercase only */) {
        for (let k = start + 2; k < end; k++, digits++) {
          const c = buf[k] as number;
          const v = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
          if (v < 0) giveUp('character reference');
          cp = cp * 16 + v;
        }
      } else {
        for (let k = start + 1; k < end; k++, digits++) {
          const c = buf[k] as number;
          if (c < 48 || c > 57) giveUp('character reference');
          cp = cp * 10 + (c - 48);
        }
      }
      if (digits === 0 || !isXmlChar(cp)) giveUp('character reference');
      return String.fromCodePoint(cp);
    }
    if (this.equalsAt(start, end, 'amp')) return '&';
    if (this.equalsAt(start, end, 'lt')) return '<';
    if (this.equalsAt(start, end, 'gt')) return '>';
    if (this.equalsAt(start, end, 'quot')) return '"';
    if (this.equalsAt(start, end, 'apos')) return "'";
    giveUp('entity');
  }

  private checkDuplicates(buf: Buffer, count: number): void {
    const starts = this.attrNameStart;
    const ends = this.attrNameEnd;
    // Pairwise for the few attributes real tags have; a set for a tag with thousands (a hostile
    // one would otherwise cost quadratic time: 30,000 attributes, seconds).
    if (count > 16) {
      const seen = new Set<string>();
      for (let a = 0; a < count; a++) {
        const name = buf.toString('latin1', starts[a] as number, ends[a] as number);
        if (seen.has(name)) giveUp('duplicate attribute');
        seen.add(name);
      }
      return;
    }
    for (let a = 1; a < count; a++) {
      const aStart = starts[a] as number;
      const length = (ends[a] as number) - aStart;
      for (let b = 0; b < a; b++) {
        const bStart = starts[b] as number;
        if ((ends[b] as number) - bStart !== length) continue;
        let k = 0;
        while (k < length && buf[aStart + k] === buf[bStart + k]) k++;
        if (k === length) giveUp('duplicate attribute');
      }
    }
  }

  private growAttrs(): void {
    const size = this.attrFlags.length * 2;
    const int32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.attrNameStart = int32(this.attrNameStart);
    this.attrNameEnd = int32(this.attrNameEnd);
    this.attrValueStart = int32(this.attrValueStart);
    this.attrValueEnd = int32(this.attrValueEnd);
    const flags = new Uint8Array(size);
    flags.set(this.attrFlags);
    this.attrFlags = flags;
  }

  /** The element name at `[start, end)` as an index into `names`, adding it the first time. */
  private intern(buf: Buffer, start: number, end: number): number {
    const length = end - start;
    let h = (length * 7 + (buf[start] as number) * 31 + (buf[end - 1] as number)) & 255;
    for (;;) {
      const k = this.slots[h] as number;
      if (k < 0) break;
      if (this.equalsAt(start, end, this.names[k] as string)) return k;
      h = (h + 1) & 255;
    }
    if (this.names.length >= MAX_NAMES) giveUp('too many element names');
    const name = buf.toString('latin1', start, end);
    const k = this.names.length;
    this.names.push(name);
    this.nameKinds.push(this.handler.kindOf(localName(name)));
    this.slots[h] = k;
    return k;
  }
}

/**
 * `[start, end)` of UTF-8 bytes as text: ASCII as is, anything else decoded — as the whole
 * stream's TextDecoder decodes it, invalid sequences included, since the range starts and ends
 * next to ASCII bytes, where a UTF-8 decoder is always between characters.
 */
export function stringOf(buf: Buffer, start: number, end: number): string {
  for (let k = start; k < end; k++) {
    if ((buf[k] as number) >= 0x80) return buf.toString('utf8', start, end);
  }
  return buf.toString('latin1', start, end);
}

/** U+FFFE and U+FFFF (EF BF BE, EF BF BF), which XML does not allow; `buf[j]` is 0xEF. */
function isNonCharacter(buf: Buffer, j: number): boolean {
  return buf[j + 1] === 0xbf && ((buf[j + 2] as number) & 0xfe) === 0xbe;
}

/** Code points XML 1.0 allows (saxes's isChar10), for character references. */
function isXmlChar(cp: number): boolean {
  return (
    cp === TAB ||
    cp === LF ||
    cp === CR ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Checks comment or CDATA content; true if it holds a CR (to be normalised). */
function checkChars(buf: Buffer, start: number, end: number): boolean {
  let cr = false;
  for (let j = start; j < end; j++) {
    const c = buf[j] as number;
    if (c < 0x20) {
      if (c === CR) cr = true;
      else if (c !== TAB && c !== LF) giveUp('character');
    } else if (c === 0xef && isNonCharacter(buf, j)) giveUp('character');
  }
  return cr;
}

/** Scans chunks already in hand (tests). Same contract as `scanXmlPart`. */
export function scanXmlBytes(chunks: Iterable<Buffer>, handler: ScanHandler): boolean {
  const scanner = new XmlScanner(handler);
  try {
    for (const chunk of chunks) {
      if (scanner.feed(chunk)) return true;
    }
    return scanner.finish();
  } catch (e) {
    if (e instanceof ScanFallback) return false;
    throw e;
  }
}

/**
 * Streams one part through the scanner. True when the handler got everything (it stopped, or
 * the document ended well formed); false when the part must be read again with saxes — the
 * handler's results are then to be thrown away. Refusals (zip bomb, too many cells, a bad
 * cell address) are thrown as usual: they do not depend on which parser found them.
 */
export async function scanXmlPart(pkg: ZipPackage, partName: string, budget: InflateBudget, handler: ScanHandler): Promise<boolean> {
  const scanner = new XmlScanner(handler);
  try {
    for await (const chunk of partBytes(pkg, partName, budget)) {
      if (scanner.feed(chunk)) return true;
    }
    return scanner.finish();
  } catch (e) {
    if (e instanceof ScanFallback) return false;
    throw e;
  }
}
