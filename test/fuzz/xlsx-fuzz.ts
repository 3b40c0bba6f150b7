import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CellValue } from '../../shared/table/grid';
import { runCli } from '../../server/cli/main';
import { CellBudget } from '../../server/workbook/xlsx/cell-budget';
import { RefusalSignal } from '../../server/workbook/xlsx/read-refusal';
import { saxesSheetBytes, scanSheetBytes } from '../../server/workbook/xlsx/sheet-scan';
import { writeTypesWorkbook } from '../fixtures/typed-workbook';
import { mutant, type SeedWorkbook } from './xlsx-mutants';

/**
 * The reader's mutation fuzz: mutated workbooks (xlsx-mutants.ts) through the CLI's `check`
 * path — the function the `ops-scorecard` bin runs, with its output captured — each of which
 * must end in exit code 0, 1 or 2, with output that is JSON and never a stack trace or an
 * internal error, and never in a timeout or an out-of-memory refusal (a hang or a memory blow-up
 * the guards caught). Where the worksheet itself was mutated, the fast byte scanner and saxes
 * must also agree on it (the same grid or refusal, or the scanner leaves it to saxes).
 * Run bounded in the suite (test/server/workbook/xlsx-fuzz.test.ts) and long by `npm run fuzz`.
 */

export interface FuzzOptions {
  readonly seed: number;
  readonly runs: number;
  /** Stop starting new mutants after this many milliseconds. */
  readonly deadlineMs?: number;
  /** Where to keep the workbooks of findings, to run again by hand. */
  readonly keepFindingsIn?: string;
  readonly onProgress?: (done: number, findings: number) => void;
}

export interface FuzzReport {
  readonly runs: number;
  readonly findings: readonly string[];
  /** How the mutants ended: exit code → count, and refusal code → count. */
  readonly exitCodes: Readonly<Record<string, number>>;
  readonly refusals: Readonly<Record<string, number>>;
  /** Worksheets the fast scanner read itself (not left to saxes), compared with saxes. */
  readonly scannerCompared: number;
}

/** The repository, found from wherever this file runs (its .ts source, or compiled in dist/). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'dist') dir = path.dirname(dir);
  return dir;
}

const SEED_FILES = [
  'examples/ops-scorecard-demo.xlsx',
  'test/fixtures/real-world-xlsx/1904.xlsx',
  'test/fixtures/real-world-xlsx/formulas.xlsx',
  'test/fixtures/real-world-xlsx/hidden-test-google-sheets.xlsx',
  'test/fixtures/real-world-xlsx/hidden-test-libre-calc-as-excel-2007-365.xlsx',
  'test/fixtures/real-world-xlsx/shared_string_with_escape.xlsx',
  'test/fixtures/real-world-xlsx/test-issue-1364.xlsx',
];

/** The workbooks mutants are made from: the demo, small real-world files, every value type. */
export async function seedWorkbooks(): Promise<SeedWorkbook[]> {
  const root = repoRoot();
  const seeds = SEED_FILES.map((f) => ({ name: path.basename(f), bytes: readFileSync(path.join(root, f)) }));
  const dir = mkdtempSync(path.join(tmpdir(), 'fuzz-seed-'));
  try {
    const file = path.join(dir, 'types.xlsx');
    await writeTypesWorkbook(file, false);
    seeds.push({ name: 'every-value-type.xlsx', bytes: readFileSync(file) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return seeds;
}

const STACK_TRACE = /\n\s+at [^\n]*:\d+:\d+|internal error|TypeError|RangeError|ReferenceError/;
const HUNG_OR_BLOWN = new Set(['timeout', 'memory']);

export async function fuzzXlsx(options: FuzzOptions): Promise<FuzzReport> {
  const seeds = await seedWorkbooks();
  const dir = mkdtempSync(path.join(tmpdir(), 'fuzz-xlsx-'));
  const findings: string[] = [];
  const exitCodes: Record<string, number> = {};
  const refusals: Record<string, number> = {};
  let scannerCompared = 0;
  const started = Date.now();
  let runs = 0;
  try {
    for (let index = 0; index < options.runs; index++) {
      if (options.deadlineMs !== undefined && Date.now() - started > options.deadlineMs) break;
      runs++;
      const m = await mutant(seeds, options.seed, index);
      const file = path.join(dir, `mutant-${index}.xlsx`);
      writeFileSync(file, m.bytes);
      const problems = await checkThroughCli(file, exitCodes, refusals);
      if (m.sheetXml !== undefined) {
        const scanned = await compareScannerWithSaxes(m.sheetXml);
        if (scanned === 'compared') scannerCompared++;
        else if (scanned !== 'fallback') problems.push(scanned);
      }
      if (problems.length > 0) {
        findings.push(`${m.label}: ${problems.join('; ')}`);
        if (options.keepFindingsIn !== undefined) {
          mkdirSync(options.keepFindingsIn, { recursive: true });
          writeFileSync(path.join(options.keepFindingsIn, `seed-${options.seed}-${index}.xlsx`), m.bytes);
        }
      }
      rmSync(file, { force: true });
      options.onProgress?.(runs, findings.length);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { runs, findings, exitCodes, refusals, scannerCompared };
}

async function checkThroughCli(file: string, exitCodes: Record<string, number>, refusals: Record<string, number>): Promise<string[]> {
  let out = '';
  let err = '';
  const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), env: { LANG: 'en_US.UTF-8' } };
  let code: number;
  try {
    code = await runCli(['check', file, '--json'], io);
  } catch (e) {
    // What the bin would print as "internal error" with exit code 3.
    return [`threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`];
  }
  exitCodes[code] = (exitCodes[code] ?? 0) + 1;
  const problems: string[] = [];
  if (code !== 0 && code !== 1 && code !== 2) problems.push(`exit code ${code}`);
  if (STACK_TRACE.test(out) || STACK_TRACE.test(err)) problems.push('a stack trace or an internal error in the output');
  let json: { error?: { code: string }; issues?: unknown[] } = {};
  try {
    json = JSON.parse(out) as typeof json;
  } catch {
    problems.push('--json printed something other than JSON');
  }
  if (code === 2) {
    const refusal = json.error?.code ?? '?';
    refusals[refusal] = (refusals[refusal] ?? 0) + 1;
    if (HUNG_OR_BLOWN.has(refusal) || /memory|timed? ?out/i.test(err)) problems.push(`refused as ${refusal}: ${err.trim()}`);
  } else if (!Array.isArray(json.issues)) {
    problems.push('no issue list');
  }
  return problems;
}

type Outcome = { rows: CellValue[][] } | { refused: unknown } | 'fallback';

/** The scanner and saxes on one mutated worksheet: 'compared', 'fallback', or what differed. */
async function compareScannerWithSaxes(xml: Buffer): Promise<'compared' | 'fallback' | string> {
  const context = () => ({
    sheetName: 'S',
    sharedStrings: Array.from({ length: 64 }, (_, i) => `s${i}`),
    styleKinds: ['number', 'date', 'percent', 'time', 'duration'] as const,
    date1904: false,
    cells: new CellBudget(2_000_000),
  });
  const run = async (read: () => Promise<CellValue[][] | 'fallback'> | CellValue[][] | 'fallback'): Promise<Outcome> => {
    try {
      const rows = await read();
      return rows === 'fallback' ? rows : { rows };
    } catch (e) {
      if (e instanceof RefusalSignal) return { refused: e.refusal };
      // saxes's own error ends in a refusal in the reader; here it is the same answer.
      return { refused: 'error' };
    }
  };
  const fast = await run(() => scanSheetBytes([xml], context()));
  if (fast === 'fallback') return 'fallback';
  const slow = await run(() => saxesSheetBytes([xml], context()));
  return JSON.stringify(fast) === JSON.stringify(slow) ? 'compared' : `scanner ${JSON.stringify(fast).slice(0, 200)} but saxes ${JSON.stringify(slow).slice(0, 200)}`;
}
