import { once } from 'node:events';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { BENCH_DATABASE_URL, dropSchema, freshSchema, withClient } from './bench-database';

/**
 * PostgreSQL's yardstick for a push: `COPY … FROM STDIN` of the same rows, in one transaction,
 * into a table with the store's key and indexes (sheet_rows' primary key on sheet id + row key,
 * bytewise, and its index on sheet id + revision) and the cells as jsonb — what a hand-written
 * bulk load of the sheet would do. The body is parsed with JSON.parse and each row's natural key
 * is built on the way, as the raw SQLite reference does; the COPY text is streamed in chunks as
 * it is made. The table is created beforehand (untimed, `prepareRawCopy`), like the store's.
 */

export interface RawCopyTarget {
  readonly schema: string;
  drop(): Promise<void>;
}

export async function prepareRawCopy(): Promise<RawCopyTarget> {
  const schema = await freshSchema();
  await withClient(async (client) => {
    await client.query(`create table "sheet_rows" (
      "sheet_id" integer not null, "row_key" text collate "C" not null, "cells" jsonb not null,
      "revision" integer not null, "deleted" integer not null,
      constraint "sheet_rows_pk" primary key ("sheet_id", "row_key"))`);
    await client.query(`create index "sheet_rows_by_revision" on "sheet_rows" ("sheet_id", "revision")`);
  }, schema);
  return { schema, drop: () => dropSchema(schema) };
}

const ROWS_PER_CHUNK = 1000;
const SPECIAL = /[\\\n\r\t]/g;

function field(text: string): string {
  return text.replace(SPECIAL, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

/** JSON.parse of the body, then COPY of its rows under their natural keys, committed. Answers the rows stored. */
export async function rawCopy(target: RawCopyTarget, body: Buffer): Promise<number> {
  const parsed = JSON.parse(body.toString('utf8')) as { rows: { cells: { period: string; department: string; metric: string } }[] };
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL, options: `-c search_path=${target.schema}` });
  await client.connect();
  try {
    await client.query('begin');
    const stream = client.query(copyFrom('copy "sheet_rows" ("sheet_id", "row_key", "cells", "revision", "deleted") from stdin'));
    const finished = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    const { rows } = parsed;
    for (let start = 0; start < rows.length; start += ROWS_PER_CHUNK) {
      let chunk = '';
      for (let i = start; i < Math.min(rows.length, start + ROWS_PER_CHUNK); i++) {
        const { cells } = rows[i]!;
        chunk += `1\t${field(`${cells.period} / ${cells.department} / ${cells.metric}`)}\t${field(JSON.stringify(cells))}\t1\t0\n`;
      }
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), finished]);
    }
    stream.end();
    await finished;
    await client.query('commit');
    const { rows: counted } = await client.query<{ n: string }>('select count(*) as n from "sheet_rows"');
    return Number(counted[0]!.n);
  } finally {
    await client.end();
  }
}
