/**
 * `npm run fuzz [-- --runs N] [-- --seed S] [-- --minutes M]`: the reader's mutation fuzz
 * (xlsx-fuzz.ts), long. By default 5,000 mutants from a fresh seed, or as many as fit in the
 * minutes given; prints the seed first, so that a finding can be made again, and keeps each
 * finding's workbook in test-output/fuzz/. Exit 0 with no finding, 1 with any.
 */
import path from 'node:path';
import { fuzzXlsx, repoRoot } from './xlsx-fuzz';

function option(args: readonly string[], name: string): number | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = Number(args[at + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} takes a number`);
  return value;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const seed = option(args, '--seed') ?? Math.floor(Math.random() * 2 ** 31);
  const minutes = option(args, '--minutes');
  const runs = option(args, '--runs') ?? (minutes === undefined ? 5_000 : Number.MAX_SAFE_INTEGER);
  const keep = path.join(repoRoot(), 'test-output', 'fuzz');
  process.stdout.write(`xlsx fuzz: seed ${seed}, ${minutes === undefined ? `${runs} mutants` : `${minutes} minute(s)`}\n`);
  const started = Date.now();
  const report = await fuzzXlsx({
    seed,
    runs,
    ...(minutes === undefined ? {} : { deadlineMs: minutes * 60_000 }),
    keepFindingsIn: keep,
    onProgress: (done, findings) => {
      if (done % 250 === 0) process.stdout.write(`  ${done} mutants, ${findings} finding(s), ${Math.round((Date.now() - started) / 1000)} s\n`);
    },
  });
  for (const finding of report.findings) process.stdout.write(`FINDING ${finding}\n`);
  process.stdout.write(
    `${report.runs} mutants in ${Math.round((Date.now() - started) / 1000)} s: exit codes ${JSON.stringify(report.exitCodes)}, ` +
      `refusals ${JSON.stringify(report.refusals)}, ${report.scannerCompared} worksheets compared scanner vs saxes, ` +
      `${report.findings.length} finding(s)${report.findings.length > 0 ? ` (workbooks in ${keep})` : ''}\n`,
  );
  return report.findings.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`fuzz failed to run: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
