import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Where `npm run test:excel` can run the suite: Excel on Windows or macOS (sideloaded desktop,
 * through office-addin-debugging), or Excel on the web given a workbook's URL (--web <url>). On
 * any other machine there is no Excel to run in: the answer says so and what to do instead.
 */
export type ExcelTarget =
  | { readonly kind: 'desktop' }
  | { readonly kind: 'web'; readonly document: string }
  | { readonly kind: 'none'; readonly reason: string };

export interface Machine {
  readonly platform: NodeJS.Platform;
  readonly exists: (file: string) => boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const THIS_MACHINE: Machine = { platform: process.platform, exists: existsSync, env: process.env };

const NO_EXCEL_HELP =
  'npm run test:excel runs the contract suite inside Excel: on Windows or macOS with Excel installed, or in Excel on the web with ' +
  '--web <URL of a workbook in OneDrive or SharePoint>. The same suite runs on the Excel fake in npm test.';

function desktopExcel(machine: Machine): string | null {
  if (machine.platform === 'darwin') {
    const app = '/Applications/Microsoft Excel.app';
    return machine.exists(app) ? app : null;
  }
  if (machine.platform === 'win32') {
    const roots = [machine.env.ProgramFiles, machine.env['ProgramFiles(x86)']].filter((r): r is string => !!r);
    for (const root of roots) {
      const exe = path.win32.join(root, 'Microsoft Office', 'root', 'Office16', 'EXCEL.EXE');
      if (machine.exists(exe)) return exe;
    }
    return null;
  }
  return null;
}

export function findExcel(args: readonly string[], machine: Machine = THIS_MACHINE): ExcelTarget {
  const web = args.indexOf('--web');
  if (web >= 0) {
    const document = args[web + 1] ?? '';
    if (!/^https:\/\/\S+$/.test(document)) return { kind: 'none', reason: `--web needs the https URL of a workbook in OneDrive or SharePoint. ${NO_EXCEL_HELP}` };
    return { kind: 'web', document };
  }
  if (desktopExcel(machine)) return { kind: 'desktop' };
  const where = machine.platform === 'win32' || machine.platform === 'darwin' ? `Excel is not installed here (${machine.platform})` : `there is no desktop Excel on ${machine.platform}`;
  return { kind: 'none', reason: `No Excel found: ${where}. ${NO_EXCEL_HELP}` };
}
