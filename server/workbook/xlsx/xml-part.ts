import { SaxesParser } from 'saxes';
import { partText, type InflateBudget, type ZipPackage } from './zip-source';
import { refuse } from './read-refusal';

export type Attributes = Readonly<Record<string, string>>;

/**
 * What a part reader sees: elements by local name (`x:c` and `c` alike — some writers
 * prefix the SpreadsheetML namespace), attribute values by their written name.
 */
export interface XmlHandlers {
  open(local: string, attrs: Attributes): void;
  text(text: string): void;
  close(local: string): void;
  /**
   * True once the reader has all it needs: the rest of the part is never inflated. Events that
   * follow within the current chunk still arrive and must be ignored by the handler.
   */
  done(): boolean;
}

/** Thrown by our saxes error handler, so that only XML errors become 'corrupt'. */
class XmlSyntaxError extends Error {}

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** An attribute by local name, for the few prefixed ones we need (`r:id`). */
export function prefixedAttr(attrs: Attributes, local: string): string | undefined {
  for (const key in attrs) {
    if (key.endsWith(`:${local}`)) return attrs[key];
  }
  return undefined;
}

/**
 * Streams one part through saxes. Without namespace tracking saxes is markedly faster, and
 * stripping prefixes ourselves is enough for the handful of elements we read. saxes never
 * expands entities declared in a DTD, so "billion laughs" ends as an XML error, not in memory.
 */
export async function parseXmlPart(
  pkg: ZipPackage,
  partName: string,
  budget: InflateBudget,
  handlers: XmlHandlers,
): Promise<void> {
  await parseXmlText(partText(pkg, partName, budget), partName, handlers);
}

/** `parseXmlPart` on text from anywhere: a part being inflated, or chunks in hand (tests). */
export async function parseXmlText(
  chunks: AsyncIterable<string> | Iterable<string>,
  partName: string,
  handlers: XmlHandlers,
): Promise<void> {
  const parser = new SaxesParser<{ position: false; xmlns: false }>({ position: false, xmlns: false });
  parser.on('error', (err) => {
    // Bytes after what we needed may be parsed within the same chunk; their errors do not matter.
    if (!handlers.done()) throw new XmlSyntaxError(err.message);
  });
  // Handlers ignore what they do not need themselves; asking done() here for every event
  // would cost more than the few events left in the chunk after the reader has finished.
  parser.on('opentag', (tag) => handlers.open(localName(tag.name), tag.attributes));
  parser.on('closetag', (tag) => handlers.close(localName(tag.name)));
  parser.on('text', (text) => handlers.text(text));
  parser.on('cdata', (text) => handlers.text(text));
  try {
    for await (const chunk of chunks) {
      parser.write(chunk);
      if (handlers.done()) return;
    }
    parser.close();
  } catch (e) {
    if (e instanceof XmlSyntaxError) refuse('corrupt', { reason: 'invalid-xml', part: partName });
    throw e;
  }
}
