import type { LocalizedIssue } from '../../shared/i18n/messages';

/** An issue as the CLI prints it; also an issue read back from the service, whose code is any string. */
export function formatIssueLine(i: Omit<LocalizedIssue, 'code'> & { readonly code: string }): string {
  const where = `${i.sheet}!${i.cell}`;
  const fix = i.suggestion ? ` → ${i.suggestion}` : '';
  return `${where}  ${i.severity}  ${i.code}  ${i.message}${fix}`;
}

/** A plain-text table with columns padded by display width (CJK characters take two cells). */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const width = (s: string) => Array.from(s).reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((h, c) => Math.max(width(h), ...rows.map((r) => width(r[c] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => cell + ' '.repeat(Math.max(0, widths[c]! - width(cell)))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
