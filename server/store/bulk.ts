import { CompiledQuery, type Kysely } from 'kysely';
import type { DialectKind } from './dialect-kind';
import type { Database } from './schema';

/**
 * Multi-row INSERTs in chunks, with the SQL text built once per table and chunk size. The
 * query builder would build and compile an expression tree for every value of every chunk,
 * which for 100k rows costs more than the database's own work; the text here is fixed and the
 * values are bound parameters, so the driver's statement cache reuses one prepared statement.
 */
export interface BulkSpec {
  readonly table: keyof Database & string;
  readonly columns: readonly string[];
  /** Appended after VALUES, e.g. an ON CONFLICT clause (column names only, no values). */
  readonly onConflict?: string;
}

// SQLite allows 32766 bound values per statement, PostgreSQL 65535. Below both, and small
// enough that a chunk's parameter array stays cheap.
const ROWS_PER_CHUNK: Record<DialectKind, number> = { sqlite: 250, postgres: 1000 };

const sqlTexts = new Map<string, string>();

export async function bulkInsert(
  db: Kysely<Database>,
  dialect: DialectKind,
  spec: BulkSpec,
  count: number,
  /** Pushes the values of row `index` (one per column, in order) onto `out`. */
  fill: (index: number, out: unknown[]) => void,
): Promise<void> {
  const width = spec.columns.length;
  const perChunk = ROWS_PER_CHUNK[dialect];
  for (let start = 0; start < count; start += perChunk) {
    const end = Math.min(count, start + perChunk);
    const params: unknown[] = [];
    for (let i = start; i < end; i++) fill(i, params);
    if (params.length !== (end - start) * width) {
      throw new Error(`bulk insert into ${spec.table}: ${params.length} values for ${end - start} rows of ${width}`);
    }
    await db.executeQuery(CompiledQuery.raw(insertText(dialect, spec, end - start), params));
  }
}

function insertText(dialect: DialectKind, spec: BulkSpec, rows: number): string {
  const id = `${dialect}|${spec.table}|${spec.columns.join(',')}|${spec.onConflict ?? ''}|${rows}`;
  const cached = sqlTexts.get(id);
  if (cached !== undefined) return cached;
  const width = spec.columns.length;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    const marks: string[] = [];
    for (let c = 1; c <= width; c++) marks.push(dialect === 'postgres' ? `$${r * width + c}` : '?');
    tuples.push(`(${marks.join(',')})`);
  }
  const columns = spec.columns.map((c) => `"${c}"`).join(', ');
  const text = `insert into "${spec.table}" (${columns}) values ${tuples.join(',')}${spec.onConflict ? ` ${spec.onConflict}` : ''}`;
  // Only full chunks recur; the tail of each insert has its own size, so keep the map small.
  if (rows === ROWS_PER_CHUNK[dialect] || sqlTexts.size < 64) sqlTexts.set(id, text);
  return text;
}
