import { createHash } from 'node:crypto';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * What the store's PostgreSQL connections do beyond kysely's plain `client.query(text, values)`:
 *
 * - COPY … FROM STDIN. Kysely has no way to hand a statement a stream, so a COPY travels as a
 *   statement whose one parameter is a CopyRows: this connection sees it, and streams the
 *   rows' text through pg-copy-streams instead of binding a parameter. It runs on the
 *   transaction's own connection, so it is part of the push's one transaction.
 * - Prepared statements. A statement with parameters is sent under a name derived from its
 *   text, so the server parses and plans it once per connection and afterwards only binds;
 *   pg remembers which names a connection has parsed. Bounded per connection: a text seen
 *   after the first PREPARED_PER_CONNECTION is sent unnamed, as before.
 *
 * Everything else (no parameters, or a callback) goes to pg unchanged.
 */

/** Rows for COPY … FROM STDIN, as chunks of COPY's text format (see copyField). */
export class CopyRows {
  constructor(readonly chunks: () => Iterable<string>) {}
}

const PREPARED_PER_CONNECTION = 200;

interface QueryAnswer {
  readonly command: string;
  readonly rowCount: number | null;
  readonly rows: unknown[];
}

type PlainQuery = (config: unknown, values?: unknown) => Promise<QueryAnswer>;

const extended = new WeakSet<pg.ClientBase>();

/** Gives a new pool client the two abilities above; pool.on('connect', extendClient). */
export function extendClient(client: pg.ClientBase): void {
  if (extended.has(client)) return;
  extended.add(client);
  const plain = client.query.bind(client) as unknown as (...args: unknown[]) => unknown;
  const named = new Map<string, string>();
  const replacement = (...args: unknown[]): unknown => {
    const [text, values] = args;
    if (args.length === 2 && typeof text === 'string' && Array.isArray(values) && values.length > 0) {
      const only: unknown = values[0];
      if (values.length === 1 && only instanceof CopyRows) return copyIn(plain as PlainQuery, text, only);
      const name = statementName(named, text);
      if (name !== null) return plain({ name, text, values });
    }
    return plain(...args);
  };
  client.query = replacement as typeof client.query;
}

function statementName(named: Map<string, string>, text: string): string | null {
  const known = named.get(text);
  if (known !== undefined) return known;
  if (named.size >= PREPARED_PER_CONNECTION) return null;
  const name = `s${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
  named.set(text, name);
  return name;
}

/**
 * Streams the rows into the COPY, waiting for the socket to drain between chunks so that the
 * rows are made as PostgreSQL takes them (a 250k-row push never holds its whole COPY text).
 * A failure making the rows sends CopyFail, so the server discards the COPY and the
 * transaction fails; the error is the caller's.
 */
async function copyIn(plain: PlainQuery, text: string, rows: CopyRows): Promise<QueryAnswer> {
  const stream = plain(copyFrom(text)) as unknown as ReturnType<typeof copyFrom>;
  let failure: unknown = null;
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', (error) => {
      failure ??= error;
      reject(error);
    });
  });
  finished.catch(() => undefined);
  try {
    for (const chunk of rows.chunks()) {
      if (failure !== null) break;
      if (!stream.write(chunk)) await Promise.race([new Promise((resolve) => stream.once('drain', resolve)), finished]);
    }
  } catch (error) {
    stream.destroy(error instanceof Error ? error : new Error(String(error)));
    await finished.catch(() => undefined);
    throw error;
  }
  if (failure === null) stream.end();
  await finished;
  return { command: 'COPY', rowCount: stream.rowCount, rows: [] };
}

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_SPECIAL_ALL = /[\\\n\r\t]/g;
const COPY_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A text value as a field of COPY's text format: backslash, newline, carriage return and tab escaped. */
export function copyField(value: string): string {
  return COPY_SPECIAL.test(value) ? value.replace(COPY_SPECIAL_ALL, (c) => COPY_ESCAPES[c]!) : value;
}

/**
 * copyField of a JSON text: JSON.stringify writes newline, carriage return and tab inside strings
 * as escapes, so a backslash is the one character to double, and most cells have none.
 */
export function copyJsonField(json: string): string {
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
}
