/**
 * One bench measurement, run in its own process so that its peak memory (maxRSS, workers
 * included) is its own: `node dist/test/bench/bench-case.js <case> <variant> <dir>`.
 * Prints one JSON line: {"ms": n, "peakMB": n, …what the variant returned (e.g. "syncs")}.
 */
import { performance } from 'node:perf_hooks';
import { BENCH_CASES } from './cases';

async function main(): Promise<void> {
  const [name, variant, dir] = process.argv.slice(2);
  const benchCase = BENCH_CASES.find((c) => c.name === name);
  if (!benchCase || !dir || (variant !== 'ours' && variant !== 'baseline')) {
    throw new Error(`usage: bench-case <${BENCH_CASES.map((c) => c.name).join('|')}> <ours|baseline> <dir>`);
  }
  const run = variant === 'ours' ? benchCase.ours.bind(benchCase) : benchCase.baseline.bind(benchCase);
  // Untimed: inputs built in memory (see BenchCase.setup).
  const input = benchCase.setup ? await benchCase.setup(dir, variant) : undefined;
  const started = performance.now();
  const extra = await run(dir, input);
  const ms = performance.now() - started;
  const peakMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, peakMB, ...(extra ?? {}) }) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  // Exit now: a failed variant may leave a service listening, which would keep the process (and the run) waiting.
  process.exit(1);
});
