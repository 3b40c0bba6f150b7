import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { uploadsPath, XLSX_CONTENT_TYPE } from '../../../shared/api/paths';
import { ProblemSchema } from '../../../shared/api/problem';
import { UploadResponseSchema } from '../../../shared/api/uploads';
import { EXIT, type CliIO, type ExitCode } from '../io';
import { UsageError, localeFrom, onePositional, parseCommandArgs } from '../options';
import { formatIssueLine } from '../text-output';

/**
 * `push FILE.xlsx --server URL --workspace W [--workbook NAME] [--token T]`: syncs a workbook file
 * through the service's upload route, which checks it with the guarded reader and stores every
 * recognised sheet as one full push. The token comes from --token or OPS_SCORECARD_TOKEN (never
 * printed). Exit 0: stored; 1: stored, with errors in the sheets; 2: refused or not stored.
 */
export async function pushCommand(args: readonly string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(
    args,
    { server: { type: 'string' }, workspace: { type: 'string' }, workbook: { type: 'string' }, token: { type: 'string' }, lang: { type: 'string' }, json: { type: 'boolean' } },
    z.object({
      server: z.url({ protocol: /^https?$/ }),
      workspace: z.string().min(1).max(128),
      workbook: z.string().min(1).max(128).optional(),
      token: z.string().min(1).optional(),
      lang: z.string().optional(),
      json: z.boolean().optional(),
    }),
  );
  const file = onePositional(positionals, 'workbook file');
  const locale = localeFrom(values.lang, io.env);
  const token = values.token ?? io.env.OPS_SCORECARD_TOKEN;
  if (!token) throw new UsageError('a token is needed: --token T or OPS_SCORECARD_TOKEN (see `ops-scorecard token`)');

  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    io.err(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read'}\n`);
    return EXIT.refused;
  }
  const workbook = values.workbook ?? path.basename(file);
  const url = new URL(uploadsPath(values.workspace), values.server);
  url.searchParams.set('store', 'true');
  url.searchParams.set('workbook', workbook);
  const key = randomUUID();

  let response: Response | null = null;
  // One key for every attempt: a retry after a lost answer replays instead of storing twice.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': XLSX_CONTENT_TYPE, 'Idempotency-Key': key, 'Accept-Language': locale },
        body: bytes,
      });
      if (response.status < 500) break;
    } catch {
      response = null;
    }
    await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
  }
  if (response === null) {
    io.err(`${url.origin}: the service did not answer\n`);
    return EXIT.refused;
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = ProblemSchema.safeParse(body);
    io.err(`${response.status} ${problem.success ? `${problem.data.code}: ${problem.data.detail ?? problem.data.title}` : 'the service refused the push'}\n`);
    return EXIT.refused;
  }
  const answer = UploadResponseSchema.safeParse(body);
  if (!answer.success) {
    io.err('the service answered something this version does not understand\n');
    return EXIT.refused;
  }
  if (values.json) io.out(JSON.stringify(answer.data, null, 2) + '\n');
  else {
    for (const s of answer.data.stored?.sheets ?? []) {
      io.out(`${workbook} / ${s.sheet}: ${s.status === 'stored' ? `revision ${s.revision ?? '?'}` : `not stored (${s.detail ?? s.status})`}\n`);
      const waiting = new Set((s.pending ?? []).map((p) => p.id)).size;
      if (waiting > 0) io.out(`${workbook} / ${s.sheet}: ${waiting} ${waiting === 1 ? 'change waits' : 'changes wait'} for approval (not stored until approved)\n`);
    }
    for (const i of answer.data.issues) io.out(formatIssueLine(i) + '\n');
  }
  if (answer.data.stored?.sheets.some((s) => s.status !== 'stored')) return EXIT.refused;
  return answer.data.issues.some((i) => i.severity === 'error') ? EXIT.findings : EXIT.ok;
}
