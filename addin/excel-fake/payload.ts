/**
 * How the fake weighs one `context.sync()` against Excel on the web's request limit. The real
 * service refuses a request or response over 5 MB (RichApi.Error RequestPayloadSizeLimitExceeded
 * / ResponsePayloadSizeLimitExceeded, https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins);
 * the fake weighs what a batch sends and what it loads back, each against 5 MB (context.ts).
 * How Excel counts the bytes (the JSON of the request and of the response) the docs do not say:
 * the estimates below err high, so a test that passes here does not fail for size in Excel.
 */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;

/**
 * Each cell of a cell-array property (values, numberFormat, formulas, text) that a batch loads
 * or sets costs at least this much: a short number or word plus its JSON quotes and comma.
 * Longer text costs its UTF-8 length (see `cellBytes`).
 */
export const BYTES_PER_CELL = 24;

/** Each queued action, property set or load: the JSON envelope naming the object and the call. */
export const BYTES_PER_OPERATION = 64;

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The bytes one value takes in the JSON of a request or response. */
export function valueBytes(value: unknown): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === 'string') return utf8Length(value) + 3;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).length + 1;
  return utf8Length(JSON.stringify(value) ?? '');
}

export function cellBytes(value: unknown): number {
  return Math.max(BYTES_PER_CELL, valueBytes(value));
}

export function gridBytes(grid: readonly (readonly unknown[])[]): number {
  let total = 0;
  for (const row of grid) for (const v of row) total += cellBytes(v);
  return total;
}
