import { open as fsOpen } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createInflateRaw } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { refuse, RefusalSignal } from './read-refusal';

export type XlsxInput = string | Uint8Array;

/** An opened package: the central directory indexed by part name, no entry inflated yet. */
export interface ZipPackage {
  readonly zip: ZipFile;
  /** Keyed by `partKey(name)`: OPC part names are case-insensitive. */
  readonly entries: ReadonlyMap<string, Entry>;
  /** Every entry of the central directory, folders included, for the size checks. */
  readonly allEntries: readonly Entry[];
  close(): void;
}

/** Zip names never start with "/" but relationship targets may; OPC names ignore case. */
export function partKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export type Magic = 'zip' | 'cfb' | 'other';

/**
 * What the first bytes say. OLE/CFB is how Office stores both legacy .xls and encrypted
 * OOXML, so it gets its own answer; "PK\3\4" (or "PK\5\6" for an empty archive) is a zip.
 */
export function magicOf(head: Uint8Array): Magic {
  if (head.length >= 8 && CFB_MAGIC.every((b, i) => head[i] === b)) return 'cfb';
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b) {
    if ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6)) return 'zip';
  }
  return 'other';
}

export async function readHead(input: XlsxInput, length = 8): Promise<Uint8Array> {
  if (typeof input !== 'string') return input.subarray(0, length);
  const handle = await fsOpen(input, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buf, 0, length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const YAUZL_OPTIONS = {
  lazyEntries: true,
  autoClose: false,
  // yauzl checks that a stored entry's two sizes agree; that a deflated entry inflates to
  // exactly its declared size (a lying header: declared small, inflates huge) partBytes checks,
  // as it inflates entries itself.
  validateEntrySizes: true,
  decodeStrings: true,
  strictFileNames: false,
} as const;

async function openZipFile(input: XlsxInput): Promise<ZipFile> {
  if (typeof input === 'string') return yauzl.openPromise(input, YAUZL_OPTIONS);
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  return yauzl.fromBufferPromise(buf, YAUZL_OPTIONS);
}

/**
 * Opens the archive and walks its central directory. A broken directory is 'corrupt' when the
 * file starts like a zip (a truncated upload), 'not-xlsx' otherwise.
 */
export async function openPackage(input: XlsxInput, maxEntries: number): Promise<ZipPackage> {
  let head: Uint8Array;
  try {
    head = await readHead(input);
  } catch {
    refuse('not-xlsx', { reason: 'unreadable' });
  }
  const magic = magicOf(head);
  if (magic === 'cfb') refuse('encrypted-or-legacy', { reason: 'cfb' });
  if (magic === 'other') refuse('not-xlsx', { reason: 'no-zip' });
  let zip: ZipFile;
  try {
    zip = await openZipFile(input);
  } catch {
    refuse('corrupt', { reason: 'zip-structure' });
  }
  try {
    if (zip.entryCount > maxEntries) {
      refuse('zip-bomb', { reason: 'entry-count', entries: zip.entryCount, limitEntries: maxEntries });
    }
    const entries = new Map<string, Entry>();
    const allEntries: Entry[] = [];
    try {
      for await (const entry of zip.eachEntry()) {
        allEntries.push(entry);
        if (entry.fileName.endsWith('/')) continue;
        const key = partKey(entry.fileName);
        // Two parts of one name: which one a reader picks is up to the reader, so refuse.
        if (entries.has(key)) refuse('corrupt', { reason: 'duplicate-part', part: entry.fileName });
        entries.set(key, entry);
      }
    } catch (e) {
      if (e instanceof RefusalSignal) throw e;
      refuse('corrupt', { reason: 'zip-structure' });
    }
    return { zip, entries, allEntries, close: () => zip.close() };
  } catch (e) {
    zip.close();
    throw e;
  }
}

/** Bytes inflated so far across all parts of one read: the declared sizes may lie. */
export class InflateBudget {
  private usedBytes = 0;
  constructor(readonly limitBytes: number) {}
  get used(): number {
    return this.usedBytes;
  }
  take(bytes: number): void {
    this.usedBytes += bytes;
    if (this.usedBytes > this.limitBytes) {
      refuse('zip-bomb', { reason: 'inflated-too-much', limitBytes: this.limitBytes });
    }
  }
  /**
   * Back to an earlier `used`, when a part is read a second time (the fast scanner gave it to
   * saxes): what the first attempt inflated is garbage by then, so it is not counted twice.
   */
  rewind(used: number): void {
    this.usedBytes = Math.min(this.usedBytes, used);
  }
}

/**
 * Inflated bytes per chunk. zlib's default (16 KiB) costs a trip through the stream machinery
 * per 16 KiB, more than inflating them; 128 KiB chunks cut that to a fifth, and bound what a
 * lying entry can inflate before its declared size stops it.
 */
const INFLATE_CHUNK = 128 * 1024;

/**
 * One part's bytes, inflated chunk by chunk. yauzl hands over the raw entry data and we
 * inflate it ourselves (in larger chunks than yauzl's), with yauzl's checks: no encryption,
 * stored or deflated only, and exactly the declared size — more is a zip bomb lying about its
 * size, less is damage. The inflated bytes also count against the read's budget.
 */
export async function* partBytes(pkg: ZipPackage, partName: string, budget: InflateBudget): AsyncGenerator<Buffer> {
  const entry = pkg.entries.get(partKey(partName));
  if (!entry) refuse('corrupt', { reason: 'missing-part', part: partName });
  const method = entry.compressionMethod;
  let raw: Readable;
  try {
    if (entry.isEncrypted() || (method !== 0 && method !== 8)) throw new Error('cannot decode');
    raw = await pkg.zip.openReadStreamPromise(entry, { decodeFileData: false });
  } catch {
    // Encrypted entries, unsupported compression methods, a bad local header.
    refuse('corrupt', { reason: 'zip-entry', part: partName });
  }
  let stream = raw;
  if (method === 8) {
    const inflate = createInflateRaw({ chunkSize: INFLATE_CHUNK });
    raw.on('error', (err) => inflate.destroy(err));
    stream = raw.pipe(inflate);
  }
  let seen = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > entry.uncompressedSize) refuse('zip-bomb', { reason: 'size-mismatch', part: partName });
      budget.take(chunk.length);
      yield chunk;
    }
    if (seen < entry.uncompressedSize) refuse('corrupt', { reason: 'zip-entry', part: partName });
  } catch (e) {
    if (e instanceof RefusalSignal) throw e;
    // zlib: invalid block, unexpected end of data; the file: a read error.
    refuse('corrupt', { reason: 'zip-entry', part: partName });
  } finally {
    stream.destroy();
    raw.destroy();
  }
}

/**
 * One part's text, chunk by chunk, decoded as the part says it is encoded: a byte-order mark,
 * UTF-16 without one ("<" as two bytes), or the encoding its XML declaration names
 * (windows-1252, GBK, Shift_JIS…: whatever TextDecoder knows); UTF-8 when it says nothing.
 */
export async function* partText(pkg: ZipPackage, partName: string, budget: InflateBudget): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  for await (const chunk of partBytes(pkg, partName, budget)) {
    decoder ??= decoderFor(chunk, partName);
    yield decoder.decode(chunk, { stream: true });
  }
  const tail = decoder?.decode();
  if (tail) yield tail;
}

const UTF8 = /^utf-?8$/i;

function decoderFor(first: Buffer, partName: string): TextDecoder {
  if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder('utf-16le');
  if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder('utf-16be');
  if (first[0] === 0x3c && first[1] === 0x00) return new TextDecoder('utf-16le');
  if (first[0] === 0x00 && first[1] === 0x3c) return new TextDecoder('utf-16be');
  const declared = declaredEncoding(first);
  // UTF-16 text starts with a byte-order mark (XML 1.0 §4.3.3): a declaration saying UTF-16 over
  // bytes that are not is a writer's slip, and the bytes are UTF-8.
  if (declared === null || UTF8.test(declared) || /^utf-?16/i.test(declared)) return new TextDecoder('utf-8');
  try {
    return new TextDecoder(declared);
  } catch {
    refuse('corrupt', { reason: 'encoding', part: partName });
  }
}

/** The encoding an XML declaration at the start of `head` names (after a UTF-8 BOM), or null. */
export function declaredEncoding(head: Uint8Array): string | null {
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const text = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1', start, Math.min(head.length, start + 512));
  const m = /^<\?xml[ \t\r\n][^>]*?encoding[ \t\r\n]*=[ \t\r\n]*["']([A-Za-z][A-Za-z0-9._-]*)["']/.exec(text);
  return m?.[1] ?? null;
}
