import ExcelJS from 'exceljs';
import type request from 'supertest';
import yauzl from 'yauzl';
import type { Store } from '../../../server/store/store-types';
import type { TestDatabase } from '../../fixtures/databases';
import { XLSX_CONTENT_TYPE } from '../../../shared/api/paths';

/** Shared by the security suites: binary answers, workbooks opened part by part, store snapshots. */

export const XLSX_TYPE = XLSX_CONTENT_TYPE;

/** supertest parser keeping the body as bytes (workbooks, CSV with a BOM). */
export function binary(res: request.Response, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** Every entry of a zip held in memory, inflated: the parts of an .xlsx as Excel would read them. */
export async function unzipParts(bytes: Buffer): Promise<{ name: string; text: string }[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, z) => (err || !z ? reject(err ?? new Error('no zip')) : resolve(z))),
  );
  const parts: { name: string; text: string }[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) {
        zip.readEntry();
        return;
      }
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) {
          reject(err ?? new Error('no stream'));
          return;
        }
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', reject);
        stream.on('end', () => {
          parts.push({ name: entry.fileName, text: Buffer.concat(chunks).toString('utf8') });
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return parts;
}

/** The text of every cell of every sheet, through exceljs (shared strings resolved). */
export async function workbookText(bytes: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.text)))));
  return out.join('\n');
}

/**
 * Everything a tenant has in the store, as the store's own API reads it: workspaces, and per
 * workspace every sheet (summary and full pull), the policy, every synced user.
 */
export async function apiSnapshot(store: Store, tenantId: string): Promise<unknown> {
  const out: Record<string, unknown> = {};
  for (const ws of await store.listWorkspaces(tenantId)) {
    const sheets = await store.listSheets(tenantId, ws);
    const pulled: unknown[] = [];
    for (const s of sheets) pulled.push(await store.pull({ tenantId, workspace: ws, workbook: s.workbook, sheet: s.sheet }, 0));
    out[ws] = { sheets, pulled, policy: await store.getPolicy(tenantId, ws), users: await store.listUsers(tenantId, ws, 100_000, 0) };
  }
  return out;
}

const TABLES = [
  'tenants',
  'workspaces',
  'workbooks',
  'sheets',
  'sheet_rows',
  'row_changes',
  'sheet_revisions',
  'idempotency_keys',
  'policies',
  'synced_users',
  'scheduled_runs',
] as const;

/**
 * Every row of every table, raw: what "the store exactly as it was" means below the API — no
 * revision made, no key recorded, no workspace or tenant created on the way to a refusal.
 * Rows are sorted, so the order a database happens to return them in does not count.
 */
export function rawSnapshots(database: TestDatabase): () => Promise<Record<string, string[]>> {
  // One connection (pool) for every snapshot of the suite; closed by database.dispose().
  const { db } = database.openDatabase();
  return async () => {
    const out: Record<string, string[]> = {};
    for (const table of TABLES) {
      const rows = await db.selectFrom(table).selectAll().execute();
      out[table] = rows.map((r) => JSON.stringify(r)).sort();
    }
    return out;
  };
}
