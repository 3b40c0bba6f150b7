/// <reference types="office-js" preserve="true" />

/**
 * The part of the `Excel` namespace the adapter calls: `Excel.run`, in its plain form and in
 * the form that reuses a context (how an event handler is removed). The real namespace fits
 * this interface (checked below), and so does the in-browser fake, so one adapter serves both.
 * Enum values are written as their string literals ("ColumnClustered"), which Office.js
 * accepts and which need no `Excel` object at run time.
 */
export interface ExcelHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  run<T>(context: OfficeExtension.ClientRequestContext, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

/** `Office.context.requirements`, or the fake's stand-in. */
export interface ApiRequirements {
  isSetSupported(name: string, minVersion?: string): boolean;
}

/** The real Office.js namespace as the adapter's host; a compile error here means the types drifted. */
export function officeExcelHost(excel: typeof Excel): ExcelHost {
  return excel;
}

/** `Office.context.requirements` as the adapter's API-set oracle (checked against the real types). */
export function officeRequirements(office: typeof Office): ApiRequirements {
  return office.context.requirements;
}

/** The manifest requires ExcelApi 1.10, so without better knowledge that is what we may assume. */
export const BASELINE_REQUIREMENTS: ApiRequirements = {
  isSetSupported: (name, minVersion) => name === 'ExcelApi' && compareVersions(minVersion ?? '1.1', '1.10') <= 0,
};

/** "1.9" < "1.10": API set versions compare by their numeric parts. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Where the add-in runs, as Office reports it (Office.context.diagnostics): for the self-test's report. */
export interface HostDescription {
  readonly host: string;
  readonly platform: string;
  readonly version: string;
}

export function officeHostInfo(office: typeof Office): HostDescription {
  const d = office.context.diagnostics as Partial<Office.ContextInformation> | undefined;
  const plain = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).slice(0, 40) : 'unknown');
  return { host: plain(d?.host), platform: plain(d?.platform), version: plain(d?.version) };
}
