/**
 * `npm run bench [-- --json] [-- --only NAME] [-- --runs N]`: each case's time as a ratio to the
 * raw library doing the same work in the same run, and our peak memory. Each measurement runs
 * in its own process; the best of N runs counts, since these machines are shared and noisy.
 * With --json the last line is {"<case>": {"ratio", "target", "peakMB", …}}. A case may also report
 * counts its variants return (BenchCase.reports, e.g. syncs): shown for both, ours bounded by
 * BenchCase.reportLimits.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_CASES } from './cases';

interface Measurement {
  ms: number;
  peakMB: number;
  /** Whatever else the variant returned (bench-case spreads it into the line). */
  [extra: string]: number;
}

function measure(name: string, variant: 'ours' | 'baseline', dir: string): Measurement {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'bench-case.js'), name, variant, dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as Measurement;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 3;
  const results: Record<string, Record<string, number | boolean | string | null>> = {};
  for (const benchCase of BENCH_CASES) {
    if (only && benchCase.name !== only) continue;
    const dir = mkdtempSync(path.join(os.tmpdir(), `bench-${benchCase.name}-`));
    try {
      await benchCase.prepare(dir);
      let ours: Measurement | null = null;
      let baseline: Measurement | null = null;
      for (let i = 0; i < runs; i++) {
        // Alternate so that a noisy neighbour hurts both sides alike.
        const b = measure(benchCase.name, 'baseline', dir);
        const o = measure(benchCase.name, 'ours', dir);
        if (!baseline || b.ms < baseline.ms) baseline = b;
        if (!ours || o.ms < ours.ms) ours = o;
      }
      const ratio = ours!.ms / baseline!.ms;
      const reported: Record<string, number | null> = {};
      let withinLimits = true;
      for (const key of benchCase.reports ?? []) {
        const mine = ours![key] ?? null;
        reported[key] = mine;
        reported[`baseline${key[0]!.toUpperCase()}${key.slice(1)}`] = baseline![key] ?? null;
        const limit = benchCase.reportLimits?.[key];
        if (limit !== undefined && (mine === null || mine > limit)) withinLimits = false;
      }
      results[benchCase.name] = {
        ratio: Number(ratio.toFixed(3)),
        target: benchCase.target,
        peakMB: Math.round(ours!.peakMB),
        maxPeakMB: benchCase.maxPeakMB,
        ms: Math.round(ours!.ms),
        baselineMs: Math.round(baseline!.ms),
        baselinePeakMB: Math.round(baseline!.peakMB),
        ...reported,
        met: ratio <= benchCase.target && (benchCase.maxPeakMB === null || ours!.peakMB <= benchCase.maxPeakMB) && withinLimits,
      };
      if (!json) {
        const r = results[benchCase.name]!;
        process.stdout.write(
          `${benchCase.name.padEnd(24)} ratio ${String(r.ratio).padEnd(6)} (target ≤ ${benchCase.target})  ` +
            `ours ${r.ms} ms / ${r.peakMB} MB  baseline ${r.baselineMs} ms / ${r.baselinePeakMB} MB  ${r.met ? 'met' : 'NOT MET'}\n` +
            (benchCase.reports ?? [])
              .map((key) => {
                const limit = benchCase.reportLimits?.[key];
                const theirs = reported[`baseline${key[0]!.toUpperCase()}${key.slice(1)}`];
                return `  ${key}: ours ${reported[key]}${limit !== undefined ? ` (limit ≤ ${limit})` : ''}  baseline ${theirs}\n`;
              })
              .join('') +
            `  ${benchCase.description}\n`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (json) process.stdout.write(JSON.stringify(results) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
