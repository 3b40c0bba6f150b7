import type { Response } from 'express';

const ROWS_PER_WRITE = 1_000;

/**
 * A JSON object whose last member is a long array, written in pieces: `head` (the object's other
 * members), then the items a thousand at a time, yielding to the event loop between pieces. A
 * pull of 100k rows then never holds the service's thread for one big JSON.stringify, and the
 * answer starts to flow before all of it is encoded. Waits for the socket to drain when the
 * client reads slowly, so memory stays bounded too. The text is exactly JSON.stringify's.
 */
export async function streamJsonWithArray(
  res: Response,
  status: number,
  head: Readonly<Record<string, unknown>>,
  arrayName: string,
  items: readonly unknown[],
  headers: Readonly<Record<string, string>> = {},
): Promise<void> {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.status(status).type('application/json');
  const opening = JSON.stringify(head);
  // `{…}` + `,"rows":[` (or `{"rows":[` when head is empty).
  res.write(`${opening.slice(0, -1)}${opening.length > 2 ? ',' : ''}${JSON.stringify(arrayName)}:[`);
  for (let from = 0; from < items.length; from += ROWS_PER_WRITE) {
    if (res.destroyed) return;
    const piece = JSON.stringify(items.slice(from, from + ROWS_PER_WRITE));
    const ok = res.write((from === 0 ? '' : ',') + piece.slice(1, -1));
    if (!ok) await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
    else await new Promise<void>((resolve) => setImmediate(resolve));
  }
  res.end(']}');
}
