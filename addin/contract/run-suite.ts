import type { Locale } from '../../shared/i18n/locale';
import { officeCode } from '../check/office-errors';
import { ExcelWorkbookPort } from '../excel/excel-workbook-port';
import type { ApiRequirements, ExcelHost } from '../excel/excel-host';
import { officeProbe } from '../excel/probe';
import type { StateKeys } from '../excel/settings-io';
import { CONTRACT_CASES, type ContractCase } from './cases';
import { ContractFailure } from './expect';
import type { CaseOutcome, HostInfo, SuiteReport } from './report';

/**
 * Runs the contract suite in a workbook — the fake's, a test build's in Excel, or the user's
 * own from the Diagnostics view — without touching the user's data: every case works on a
 * scratch sheet of its own, deleted afterwards with any sheet the case made; the adapter keeps
 * its records under the suite's own setting keys (removed at the end), so the user's marks and
 * their Scorecard sheet are neither read nor replaced; the sheet that was active is active again.
 */
export const SCRATCH_SHEET = 'Ops self-test';
export const SUITE_STATE_KEYS: StateKeys = { marks: 'opsScorecard.selftest.marks.v1', layout: 'opsScorecard.selftest.layout.v1' };

export interface SuiteEnvironment {
  readonly excel: ExcelHost;
  readonly requirements: ApiRequirements;
  /** Host, platform and version as Office reports them (Office.context.diagnostics). */
  readonly host: Omit<HostInfo, 'requirementSets'>;
  readonly locale: Locale;
  readonly now?: () => Date;
  /** Milliseconds for timing (performance.now or Date.now). */
  readonly clock?: () => number;
}

export interface SuiteOptions {
  readonly cases?: readonly ContractCase[];
  /** Called after each case, for a view that shows progress. */
  readonly onCase?: (outcome: CaseOutcome) => void;
}

/** Requirement sets the report lists (the highest version found of each), probed with isSetSupported. */
const PROBED_SETS: readonly (readonly [string, number])[] = [
  ['ExcelApi', 20],
  ['ExcelApiOnline', 1],
  ['ExcelApiDesktop', 1],
  ['DialogApi', 2],
  ['NestedAppAuth', 1],
  ['IdentityAPI', 3],
  ['SharedRuntime', 1],
];

export function requirementSetsFound(requirements: ApiRequirements): string[] {
  const found: string[] = [];
  for (const [name, highest] of PROBED_SETS) {
    let best: string | null = null;
    for (let minor = 1; minor <= highest; minor++) {
      const version = `1.${minor}`;
      let supported = false;
      try {
        supported = requirements.isSetSupported(name, version);
      } catch {
        supported = false;
      }
      if (supported) best = version;
    }
    if (best !== null) found.push(`${name} ${best}`);
  }
  return found;
}

function detailOf(error: unknown): string {
  if (error instanceof ContractFailure) return error.message.slice(0, 300);
  // Office's own messages are Excel's words (they never carry workbook data the suite did not write).
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}

export async function runContractSuite(env: SuiteEnvironment, options: SuiteOptions = {}): Promise<SuiteReport> {
  const now = env.now ?? (() => new Date());
  const clock = env.clock ?? (() => Date.now());
  const probe = officeProbe(env.excel, env.requirements);
  const startedAt = now().toISOString();
  const leftBehind: string[] = [];
  const outcomes: CaseOutcome[] = [];
  let active: string | null = null;
  try {
    active = await probe.activeSheet();
  } catch {
    active = null;
  }

  for (const c of options.cases ?? CONTRACT_CASES) {
    const started = clock();
    const made: string[] = [];
    let outcome: CaseOutcome;
    try {
      const sheet = await probe.addScratchSheet(SCRATCH_SHEET);
      made.push(sheet);
      // A port per case: no memory of marks carried from one case to the next.
      const port = new ExcelWorkbookPort(env.excel, env.requirements, SUITE_STATE_KEYS);
      await c.run({
        port,
        probe,
        sheet,
        locale: env.locale,
        requirements: env.requirements,
        made: (name) => made.push(name),
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      });
      outcome = { id: c.id, title: c.title, status: 'passed', code: null, detail: null, ms: 0 };
    } catch (error) {
      const code = error instanceof ContractFailure ? 'Assertion' : (officeCode(error) ?? 'Error');
      outcome = { id: c.id, title: c.title, status: 'failed', code, detail: detailOf(error), ms: 0 };
    }
    try {
      await probe.deleteSheets(made);
    } catch {
      leftBehind.push(...made);
    }
    outcome = { ...outcome, ms: Math.max(0, Math.round(clock() - started)) };
    outcomes.push(outcome);
    options.onCase?.(outcome);
  }

  try {
    await probe.removeSettings([SUITE_STATE_KEYS.marks, SUITE_STATE_KEYS.layout]);
  } catch {
    // The records are the suite's own and small; a leftover one is harmless.
  }
  if (active !== null) await probe.activate(active).catch(() => undefined);
  return {
    suite: 'ops-scorecard-workbook-port',
    startedAt,
    host: { ...env.host, requirementSets: requirementSetsFound(env.requirements) },
    cases: outcomes,
    cleanedUp: leftBehind.length === 0,
    leftBehind: leftBehind.slice(0, 20),
  };
}
