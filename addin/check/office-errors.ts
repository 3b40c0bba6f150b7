/**
 * What the checker needs to know of Office's errors, as plain data: the stable code an
 * OfficeExtension.Error (or the fake's FakeExcelError) carries, and which code means "the user
 * is typing in a cell, ask again shortly".
 *
 * Excel refuses every request while a cell is in Edit mode (InvalidOperationInCellEditMode,
 * https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-error-handling);
 * the request would succeed a moment later. OfficeDev/script-lab handles it the same way: it
 * checks the code, pauses 2 s and runs the batch again, instead of treating it as a failure.
 */
export const CELL_EDIT_MODE = 'InvalidOperationInCellEditMode';

/** The code of an Office error, or null: short and plain only, never a message we did not write. */
export function officeCode(error: unknown): string | null {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^[A-Za-z][\w.-]{0,63}$/.test(code) ? code : null;
}

export function isCellEditRefusal(codeOrError: unknown): boolean {
  return (typeof codeOrError === 'string' ? codeOrError : officeCode(codeOrError)) === CELL_EDIT_MODE;
}
