/// <reference types="office-js" />
import type { ApiRequirements, ExcelHost } from './excel-host';

/**
 * Worksheet changes, workbook-wide (ExcelApi 1.7, below the manifest's 1.10). Excel names the
 * sheet by id in the event; the name is looked up when the event comes (one small Excel.run),
 * not cached, because a renamed sheet keeps its id. The returned function removes the handler
 * through the context that added it, as Office.js requires.
 *
 * Syncs: 1 to register; 1 per event to name the sheet.
 */
export async function onChanged(
  excel: ExcelHost,
  requirements: ApiRequirements,
  handler: (sheet: string, address: string) => void,
): Promise<() => void> {
  // Without change events the pane still checks on demand; nothing to subscribe to.
  if (!requirements.isSetSupported('ExcelApi', '1.7')) return () => undefined;
  const registration = await excel.run(async (context) => {
    const result = context.workbook.worksheets.onChanged.add(async (args) => {
      const name = await excel.run(async (ctx) => {
        const sheet = ctx.workbook.worksheets.getItemOrNullObject(args.worksheetId);
        sheet.load('name');
        await ctx.sync();
        return sheet.isNullObject ? null : sheet.name;
      });
      if (name !== null) handler(name, args.address);
    });
    await context.sync();
    return result;
  });
  return () => {
    // Fire and forget: the caller is tearing down; a workbook already closed has nothing to remove.
    excel
      .run(registration.context, async (context) => {
        registration.remove();
        await context.sync();
      })
      .catch(() => undefined);
  };
}
