import { addinCheckSyncsCase } from './addin-check-syncs';
import { addinReadCases } from './addin-read-chunks';
import { backupCase } from './backup';
import { criticalPathCase } from './critical-path';
import { importMetricsCase } from './import-metrics';
import { jsonPushCase, xlsxScanCase } from './parsers';
import { serviceDeltaCase, serviceDeltaPgCase } from './service-delta';
import { serviceGetCase } from './service-get';
import { servicePushCase } from './service-push';
import { millionCellsPgCase, millionCellsSqliteCase, millionCellsWidePgCase, millionCellsWideSqliteCase } from './service-push-1m';
import { servicePushPgCase } from './service-push-pg';
import { taskpaneOpenCase } from './taskpane-open';
import type { BenchCase } from './types';
import { worstCaseCases } from './worst-case';
import { writeScorecardCase } from './write-scorecard';

export const BENCH_CASES: readonly BenchCase[] = [
  importMetricsCase,
  writeScorecardCase,
  criticalPathCase,
  addinCheckSyncsCase,
  ...addinReadCases,
  servicePushCase,
  serviceDeltaCase,
  servicePushPgCase,
  serviceDeltaPgCase,
  millionCellsSqliteCase,
  millionCellsPgCase,
  millionCellsWideSqliteCase,
  millionCellsWidePgCase,
  serviceGetCase,
  taskpaneOpenCase,
  ...worstCaseCases,
  xlsxScanCase,
  jsonPushCase,
  backupCase,
];
