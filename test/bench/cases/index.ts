import { criticalPathCase } from './critical-path';
import { importMetricsCase } from './import-metrics';
import type { BenchCase } from './types';
import { writeScorecardCase } from './write-scorecard';

export const BENCH_CASES: readonly BenchCase[] = [importMetricsCase, writeScorecardCase, criticalPathCase];
