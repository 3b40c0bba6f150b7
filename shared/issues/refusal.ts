/**
 * Why an uploaded workbook was not read at all. A refusal is data, like an issue: the service
 * answers it with a 4xx problem+json, the CLI with exit code 2, the pane with a message.
 *
 * `detail` holds only sizes, limits, counts, part and sheet names and short reason codes —
 * never cell contents — so it can be logged and echoed back safely.
 */
export type RefusalCode =
  | 'too-large'
  | 'not-xlsx'
  | 'encrypted-or-legacy'
  | 'zip-bomb'
  | 'too-many-cells'
  | 'timeout'
  | 'corrupt';

export interface Refusal {
  readonly code: RefusalCode;
  readonly detail: Readonly<Record<string, string | number>>;
}

export const REFUSAL_CODES: readonly RefusalCode[] = [
  'too-large',
  'not-xlsx',
  'encrypted-or-legacy',
  'zip-bomb',
  'too-many-cells',
  'timeout',
  'corrupt',
];

export function refusal(code: RefusalCode, detail: Record<string, string | number> = {}): Refusal {
  return { code, detail };
}
