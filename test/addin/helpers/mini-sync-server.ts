import express, { type Request, type Response } from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { PushBodySchema, type ConflictDto, type PushResponse } from '../../../shared/api/sync';
import { naturalKey } from '../../../shared/kinds/kind-specs';
import type { SheetKind } from '../../../shared/kinds/sheet-kind';
import type { CellValue } from '../../../shared/table/grid';

/**
 * A small, honest model of the sync API for the add-in's tests (the real service is another
 * engineer's): revisions, If-Match / If-None-Match, Idempotency-Key replay, cell-level merge with
 * conflicts (theirs kept), pull since a revision, and problem+json errors. Each test can put a
 * `fault` in front of the next requests: drop the connection, answer 503/429 with Retry-After,
 * or apply the push and then drop the answer (a lost response).
 */

export type Fault =
  | { kind: 'drop' }
  | { kind: 'status'; status: number; retryAfter?: string; code?: string }
  | { kind: 'apply-then-drop' }
  | { kind: 'reply'; status: number; body: unknown };

interface StoredRow {
  cells: Record<string, CellValue>;
  /** Per field: every (revision, value), oldest first. */
  history: Record<string, { rev: number; value: CellValue }[]>;
  revision: number;
  deleted: boolean;
}

interface StoredSheet {
  kind: SheetKind;
  revision: number;
  rows: Map<string, StoredRow>;
}

export interface SeenRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  ifMatch: string | undefined;
  ifNoneMatch: string | undefined;
  authorization: string | undefined;
}

export class MiniSyncServer {
  readonly sheets = new Map<string, StoredSheet>();
  readonly seen: SeenRequest[] = [];
  /** Idempotency keys in the order their push was applied (a replay is not applied again). */
  readonly applied: string[] = [];
  readonly faults: Fault[] = [];
  private readonly replies = new Map<string, { status: number; body: unknown }>();
  private server: Server | null = null;
  url = '';

  reset(): void {
    this.sheets.clear();
    this.seen.length = 0;
    this.applied.length = 0;
    this.faults.length = 0;
    this.replies.clear();
  }

  async start(): Promise<void> {
    const app = express();
    app.use(express.json({ limit: '50mb' }));
    app.use((req, _res, next) => {
      this.seen.push({
        method: req.method,
        path: req.path,
        idempotencyKey: req.get('Idempotency-Key'),
        ifMatch: req.get('If-Match'),
        ifNoneMatch: req.get('If-None-Match'),
        authorization: req.get('Authorization'),
      });
      next();
    });
    app.use((req, res, next) => {
      const fault = this.faults.shift();
      if (!fault) return next();
      if (fault.kind === 'drop') return void req.socket.destroy();
      if (fault.kind === 'apply-then-drop') {
        this.handlePush(req, () => undefined);
        return void req.socket.destroy();
      }
      if (fault.kind === 'reply') return send(res, fault.status, fault.body);
      if (fault.retryAfter !== undefined) res.set('Retry-After', fault.retryAfter);
      problem(res, fault.status, fault.code ?? (fault.status === 429 ? 'rate-limited' : 'upstream-unavailable'), 'fault');
    });
    app.put('/api/v1/workspaces/:ws/workbooks/:wb/sheets/:sheet', (req, res) => this.handlePush(req, (status, body) => send(res, status, body)));
    app.get('/api/v1/workspaces/:ws/workbooks/:wb/sheets/:sheet', (req, res) => {
      const sheet = this.sheets.get(sheetId(req));
      if (!sheet) return problem(res, 404, 'not-found', 'No such sheet.');
      const since = Number(req.query.since ?? 0);
      const rows = [...sheet.rows]
        .filter(([, r]) => r.revision > since)
        .map(([key, r]) => ({ key, cells: r.cells, deleted: r.deleted, revision: r.revision }));
      send(res, 200, { kind: sheet.kind, revision: sheet.revision, rows });
    });
    await new Promise<void>((resolve) => {
      this.server = app.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server!.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = null;
  }

  pushes(): SeenRequest[] {
    return this.seen.filter((s) => s.method === 'PUT');
  }

  private handlePush(req: Request, reply: (status: number, body: unknown) => void): void {
    const key = req.get('Idempotency-Key');
    if (!key) return reply(428, problemBody(428, 'precondition-required', 'Idempotency-Key is required.'));
    const replay = this.replies.get(key);
    if (replay) return reply(replay.status, replay.body);
    const parsed = PushBodySchema.safeParse(req.body);
    if (!parsed.success) return reply(400, problemBody(400, 'validation', 'The request body is not valid.'));
    const body = parsed.data;
    const id = sheetId(req);
    let sheet = this.sheets.get(id);
    const ifNoneMatch = req.get('If-None-Match');
    const ifMatch = req.get('If-Match');
    if (ifNoneMatch === '*') {
      if (sheet) return reply(412, problemBody(412, 'precondition-failed', 'The sheet exists already.'));
      sheet = { kind: body.kind, revision: 0, rows: new Map() };
      this.sheets.set(id, sheet);
    } else {
      if (!ifMatch) return reply(428, problemBody(428, 'precondition-required', 'If-Match is required.'));
      if (!sheet) return reply(404, problemBody(404, 'not-found', 'No such sheet.'));
    }
    const base = ifNoneMatch === '*' ? 0 : Number(/^"(\d+)"$/.exec(ifMatch ?? '')?.[1] ?? NaN);
    if (!Number.isInteger(base) || base > sheet.revision) return reply(412, problemBody(412, 'precondition-failed', 'Unknown revision.'));
    const revision = sheet.revision + 1;
    const conflicts: ConflictDto[] = [];
    let changedCells = 0;
    const seenKeys = new Set<string>();
    for (const { cells } of body.rows) {
      const rowKey = naturalKey(body.kind, cells);
      if (rowKey === null) continue;
      seenKeys.add(rowKey);
      let row = sheet.rows.get(rowKey);
      if (!row || row.deleted) {
        row = { cells: {}, history: {}, revision, deleted: false };
        sheet.rows.set(rowKey, row);
      }
      for (const [field, value] of Object.entries(cells)) {
        const history = (row.history[field] ??= []);
        const current = row.cells[field] ?? null;
        if (current === value) continue;
        const atBase = [...history].reverse().find((h) => h.rev <= base)?.value ?? null;
        const changedSince = history.some((h) => h.rev > base);
        if (changedSince && current !== atBase) {
          conflicts.push({ key: rowKey, field, yours: value, theirs: current, original: atBase });
          continue;
        }
        row.cells[field] = value;
        history.push({ rev: revision, value });
        row.revision = revision;
        changedCells++;
      }
    }
    const deletes = body.mode === 'full' ? [...sheet.rows.keys()].filter((k) => !seenKeys.has(k)) : body.deletes;
    for (const k of deletes) {
      const row = sheet.rows.get(k);
      if (row && !row.deleted) {
        row.deleted = true;
        row.revision = revision;
        changedCells++;
      }
    }
    sheet.revision = revision;
    this.applied.push(key);
    const response: PushResponse = { revision, changedCells, conflicts, issues: [] };
    this.replies.set(key, { status: 200, body: response });
    reply(200, response);
  }
}

/** From the path, so a fault in front of the routes (no params yet) finds the same sheet. */
function sheetId(req: Request): string {
  const m = /^\/api\/v1\/workspaces\/([^/]+)\/workbooks\/([^/]+)\/sheets\/([^/]+)$/.exec(req.path);
  return JSON.stringify(m ? [m[1], m[2], m[3]].map((s) => decodeURIComponent(s!)) : []);
}

function send(res: Response, status: number, body: unknown): void {
  const isProblem = status >= 400;
  res.status(status).type(isProblem ? 'application/problem+json' : 'application/json').send(JSON.stringify(body));
}

export function problemBody(status: number, code: string, detail: string): Record<string, unknown> {
  return { type: `urn:ops-scorecard:problem:${code}`, title: code, status, code, detail, instance: '/x', requestId: 'req-1' };
}

function problem(res: Response, status: number, code: string, detail: string): void {
  send(res, status, problemBody(status, code, detail));
}
