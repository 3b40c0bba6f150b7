import type { Locale } from '../../../shared/i18n/locale';
import { CONTRACT_CASES } from '../../contract/cases';
import type { CaseOutcome, SuiteReport } from '../../contract/report';
import { requirementSetsFound, runContractSuite } from '../../contract/run-suite';
import type { ApiRequirements, ExcelHost, HostDescription } from '../../excel/excel-host';

/**
 * What the Diagnostics view needs to run the contract suite in the user's own Excel: the Excel
 * namespace (or preview mode's fake), Office's requirement-set oracle, and where it runs.
 */
export interface SelfTestEnvironment {
  readonly excel: ExcelHost;
  readonly requirements: ApiRequirements;
  readonly host: HostDescription;
}

export const SELF_TEST_CASE_COUNT = CONTRACT_CASES.length;

export function describeHost(env: SelfTestEnvironment): HostDescription & { readonly requirementSets: string[] } {
  return { ...env.host, requirementSets: requirementSetsFound(env.requirements) };
}

/** Runs the suite once; `onCase` hears each case as it ends. Checks in the pane are held back meanwhile by the caller. */
export function runSelfTest(env: SelfTestEnvironment, locale: Locale, onCase: (outcome: CaseOutcome) => void): Promise<SuiteReport> {
  return runContractSuite(
    { excel: env.excel, requirements: env.requirements, host: env.host, locale, clock: () => performance.now() },
    { onCase },
  );
}
