import { fuzzXlsx } from '../../fuzz/xlsx-fuzz';

// The reader's mutation fuzz, bounded: a few hundred mutated workbooks from a fixed seed through
// the CLI's check path (see test/fuzz/xlsx-fuzz.ts for what each must do). `npm run fuzz` runs
// the same for longer, from fresh seeds.

describe('mutated workbooks through `ops-scorecard check`', () => {
  it('always end in exit code 0, 1 or 2, never a crash, a stack trace, a hang or a memory blow-up', async () => {
    const report = await fuzzXlsx({ seed: 20_240_611, runs: 250 });
    expect(report.findings).toEqual([]);
    expect(report.runs).toBe(250);
    // The mix is worth having: some mutants still read, many are refused, the scanner was compared.
    expect((report.exitCodes['0'] ?? 0) + (report.exitCodes['1'] ?? 0)).toBeGreaterThan(25);
    expect(report.exitCodes['2'] ?? 0).toBeGreaterThan(25);
    expect(report.scannerCompared).toBeGreaterThan(25);
  }, 180_000);
});
